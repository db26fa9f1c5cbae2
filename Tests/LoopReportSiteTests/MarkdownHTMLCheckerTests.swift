import LoopReportMarkdown
import LoopReportModel
import LoopReportPipeline
import LoopReportSite
import LoopReportTestSupport
import Testing

/// Rendered Markdown inside a plain page passes the Nu HTML Checker with no errors.
@Suite(.tags(.java), .needs(Tool.nuHTMLChecker)) struct MarkdownHTMLCheckerTests {
    /// Links to fragments on the same page, for every block, group and decision of a plan.
    final class PlanResolver: CrossReferenceResolver {
        let blocks: Set<String>, groups: Set<String>, decisions: Set<String>
        init(blocks: Set<String>, groups: Set<String>, decisions: Set<String>) {
            (self.blocks, self.groups, self.decisions) = (blocks, groups, decisions)
        }
        func blockURL(_ id: String) -> String? { blocks.contains(id) ? "#block-" + MarkdownHTML.slug(id) : nil }
        func groupURL(_ id: String) -> String? { groups.contains(id) ? "#group-" + MarkdownHTML.slug(id) : nil }
        func decisionURL(_ id: String) -> String? { decisions.contains(id) ? "#decision-" + MarkdownHTML.slug(id) : nil }
    }

    static func page(_ body: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head><body><main>\n"
            + body + "</main></body></html>\n"
    }

    /// Runs the checker on pages written to a fresh directory; the checker's report when it fails.
    static func check(_ pages: [String: String]) -> (ok: Bool, report: String) {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        for (name, text) in pages { dir.write(name, text) }
        let result = runNuHTMLChecker(["--root", dir.path])
        return (result.status == 0, result.stdout + result.stderr)
    }

    @Test func exampleProjectDocumentsPassTheChecker() {
        let project = ExampleProject.load()
        let plan = project.plan
        let resolver = PlanResolver(
            blocks: Set(plan.blocks.map(\.id)), groups: Set(plan.groups.map(\.id)),
            decisions: Set(plan.records.decisions.map(\.id)))
        var body = ""
        var xrefs = 0
        for (d, document) in plan.documents.enumerated() {
            // The whole parsed document, then each section's content as the page builder renders it.
            if let source = project.sources[document.path] {
                let whole = MarkdownHTML.render(
                    [CmarkParser.parse(source).root], resolver: resolver,
                    options: MarkdownHTML.Options(headingOffset: 1, anchorPrefix: "d\(d)-"))
                xrefs += count("class=\"xref\"", in: whole)
                body += "<article>\n" + whole + "</article>\n"
            }
            for (s, section) in document.sections.enumerated() {
                body += "<section>\n<h2>" + MarkdownHTML.inline(section.title, resolver: resolver) + "</h2>\n"
                body += MarkdownHTML.render(
                    section.content, resolver: resolver,
                    options: MarkdownHTML.Options(headingOffset: 2, anchorPrefix: "d\(d)-s\(s)-"))
                body += "</section>\n"
            }
        }
        for id in resolver.blocks.sorted() { body += "<p id=\"block-\(MarkdownHTML.slug(id))\">\(id)</p>\n" }
        for id in resolver.groups.sorted() { body += "<p id=\"group-\(MarkdownHTML.slug(id))\">\(id)</p>\n" }
        for id in resolver.decisions.sorted() { body += "<p id=\"decision-\(MarkdownHTML.slug(id))\">\(id)</p>\n" }
        #expect(plan.documents.count == 5)
        #expect(xrefs > 20)
        #expect(body.contains("<table>"))
        #expect(body.contains("class=\"task-box done\""))
        #expect(body.contains("<pre><code"))
        let result = Self.check(["example.html": Self.page(body)])
        #expect(result.ok, "\(result.report)")
    }

    @Test func hostileMarkdownPassesTheChecker() {
        var body = html(hostileMarkdown, resolver: TestResolver(), options: MarkdownHTML.Options(headingOffset: 1, anchorPrefix: "h-"))
        // Built trees the parser never makes: blocks inside headings and links, nested links,
        // footnotes, unknown nodes, rows of uneven width, a table without a header.
        let odd: [MarkdownNode] = [
            MarkdownNode(
                kind: .heading(level: 9),
                children: [
                    paragraph(text("para")), MarkdownNode(kind: .table(alignments: [.left]), children: []),
                    MarkdownNode(
                        kind: .link(destination: "a.html", title: ""),
                        children: [
                            MarkdownNode(kind: .link(destination: "b.html", title: ""), children: [text("Block 3.4")]),
                            MarkdownNode(kind: .footnoteReference),
                        ]),
                ]),
            text("stray inline"),
            MarkdownNode(kind: .paragraph, children: [text("ref"), MarkdownNode(kind: .footnoteReference)]),
            MarkdownNode(kind: .footnoteDefinition, children: [paragraph(text("note"))]),
            MarkdownNode(kind: .footnoteDefinition, children: [paragraph(text("unreferenced"))]),
            MarkdownNode(kind: .unknown("x"), children: [paragraph(text("unknown with children"))]),
            MarkdownNode(kind: .item(task: true), children: []),
            MarkdownNode(kind: .list(ordered: true, start: 0, tight: true), children: [paragraph(text("not an item"))]),
            MarkdownNode(
                kind: .table(alignments: []),
                children: [
                    MarkdownNode(kind: .tableRow(isHeader: false), children: [MarkdownNode(kind: .tableCell, children: [text("a")])]),
                    MarkdownNode(
                        kind: .tableRow(isHeader: false),
                        children: [
                            MarkdownNode(kind: .tableCell, children: [text("b")]), MarkdownNode(kind: .tableCell, children: [text("c")]),
                        ]),
                    paragraph(text("not a row")),
                ]),
            MarkdownNode(kind: .table(alignments: []), children: []),
            MarkdownNode(kind: .tableCell, children: [text("lonely cell")]),
        ]
        body += MarkdownHTML.render(odd, resolver: TestResolver(), options: MarkdownHTML.Options(headingOffset: 1, anchorPrefix: "o-"))
        body += "<p>" + MarkdownHTML.inline("<script>alert(1)</script> Block 3.4 \u{1}", resolver: TestResolver()) + "</p>\n"
        let result = Self.check(["hostile.html": Self.page(body)])
        let report = result.report + "\n" + body
        #expect(result.ok, "\(report)")
    }
}

@Suite struct MarkdownHTMLScaleTests {
    /// A 10,000-block plan (prose, mentions, tables, task lists) renders in one linear pass:
    /// about 0.7 s in a debug build; the bound only catches a blow-up.
    @Test func tenThousandBlockPlanRendersQuickly() {
        var text = "# Big Plan\n\n"
        for g in 1...100 {
            text += "### Group \(g): Part \(g)\n\n| Block | Effort |\n|---|---:|\n| Block \(g).1 | 2 days |\n\n"
            for b in 1...100 {
                text += "#### Block \(g).\(b): Step \(b)\n**Dependencies**: Block \(g).\(max(1, b - 1)), D1\n\n"
                text += "Some *prose* about `code` and [a link](https://example.com/\(b)) per L3.\n\n- [x] done\n- [ ] todo\n\n"
            }
        }
        let root = parse(text)
        let resolver = TestResolver(
            blocks: Set((1...100).flatMap { g in (1...100).map { "\(g).\($0)" } }),
            groups: Set((1...100).map(String.init)), decisions: ["D1", "L3"])
        let clock = ContinuousClock()
        var out = ""
        let elapsed = clock.measure { out = MarkdownHTML.render([root], resolver: resolver) }
        #expect(count("<h5 id=", in: out) == 10_000)
        #expect(count("class=\"xref\"", in: out) >= 30_000)
        #expect(out.contains("id=\"notes\"") == false)
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }
}
