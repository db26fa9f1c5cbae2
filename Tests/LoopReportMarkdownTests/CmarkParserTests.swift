import LoopReportMarkdown
import LoopReportSource
import Testing

@Suite struct CmarkParserTests {
    private func parse(_ text: String, path: String = "doc.md") -> MarkdownDocument {
        CmarkParser.parse(SourceFile(path: path, text: text))
    }

    /// Autolinked URLs get no position from cmark-gfm: the node keeps none rather than a
    /// made-up one.
    @Test func gfmExtensionsAreOnAndExposed() {
        let tree = parse(
            """
            | Group | Delta |
            |:------|------:|
            | Group 2 | +2 |

            - [x] done ~~old~~
            - [ ] open https://example.com
            """
        ).root.dump()
        #expect(
            tree == """
                document @1:1-6:31
                  table(left,right) @1:1-3:17
                    tableHeader @1:1-1:18
                      tableCell @1:2-1:9
                        text @1:3-1:8 "Group"
                      tableCell @1:10-1:17
                        text @1:11-1:16 "Delta"
                    tableRow @3:1-3:17
                      tableCell @3:2-3:11
                        text @3:3-3:10 "Group 2"
                      tableCell @3:12-3:16
                        text @3:13-3:15 "+2"
                  list(bullet, tight) @5:1-6:31
                    item [x] @5:1-5:19
                      paragraph @5:7-5:19
                        text @5:7-5:12 "done "
                        strikethrough @5:12-5:19
                          text @5:14-5:17 "old"
                    item [ ] @6:1-6:31
                      paragraph @6:7-6:31
                        text @6:7-6:17 "open "
                        link(https://example.com)
                          text "https://example.com"

                """)
    }

    @Test func fieldLinesShareOneParagraphSplitBySoftBreaks() {
        let root = parse("**Priority**: Critical\n**Dependencies**: None\n").root
        let paragraph = root.children[0]
        #expect(paragraph.children.filter { $0.kind == .softBreak }.count == 1)
        #expect(paragraph.plainText == "Priority: Critical Dependencies: None")
    }

    @Test func frontMatterIsSplitAndLineNumbersKept() {
        let document = parse("---\nkind: iteration\ntitle: Loop 1\n---\n# Heading\n")
        #expect(document.frontMatter == "kind: iteration\ntitle: Loop 1")
        #expect(document.root.children.count == 1)
        #expect(document.root.children[0].range?.start.line == 5)
    }

    @Test func rawHTMLStaysInertText() {
        let root = parse("<script>alert(1)</script>\n\nText <b onclick=x>bold</b>\n").root
        #expect(root.children[0].kind == .htmlBlock)
        #expect(root.children[0].literal.contains("<script>"))
        #expect(root.children[1].children.contains { $0.kind == .htmlInline })
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let text = String(repeating: "> ", count: 5_000) + "deep\n"
        let root = parse(text).root
        var depth = 0
        var node = root
        while let child = node.children.first { node = child; depth += 1 }
        #expect(depth > 100)
    }

    /// cmark-gfm flips a process-wide table during a parse; with that table kept filled
    /// (CLoopReportCmark), documents parse in parallel and give the same tree as one parse
    /// alone. Passing the library's removals on makes this test fail.
    @Test func concurrentParsesAgree() async {
        let text = "A ~~struck~~ word, a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nand www.example.com\n"
        let expected = parse(text).root
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var bad = 0
                    for _ in 0..<500 where CmarkParser.parse(SourceFile(path: "doc.md", text: text)).root != expected { bad += 1 }
                    return bad
                }
            }
            var total = 0
            for await bad in group { total += bad }
            return total
        }
        #expect(mismatches == 0)
    }
}
