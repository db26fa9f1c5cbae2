import LoopReportMarkdown
import LoopReportSite
import LoopReportSupport
import Testing

@Suite struct CrossReferenceLinkTests {
    let resolver = TestResolver()

    func inline(_ text: String) -> String { MarkdownHTML.inline(text, resolver: resolver) }

    @Test func blocksAndGroupsAreLinked() {
        #expect(inline("See Block 3.4 first.") == "See <a class=\"xref\" href=\"blocks/3.4.html\">Block 3.4</a> first.")
        #expect(
            inline("Group 2 and group 1a")
                == "<a class=\"xref\" href=\"groups/2.html\">Group 2</a> and <a class=\"xref\" href=\"groups/1a.html\">group 1a</a>")
        #expect(inline("(Block 1.1)") == "(<a class=\"xref\" href=\"blocks/1.1.html\">Block 1.1</a>)")
    }

    @Test func listsOfIdsAreEachLinked() {
        #expect(
            inline("Blocks 3.4 and 3.5")
                == "<a class=\"xref\" href=\"blocks/3.4.html\">Blocks 3.4</a> and <a class=\"xref\" href=\"blocks/3.5.html\">3.5</a>")
        #expect(
            inline("Blocks 1.1, 1.2, and 3.4")
                == "<a class=\"xref\" href=\"blocks/1.1.html\">Blocks 1.1</a>, <a class=\"xref\" href=\"blocks/1.2.html\">1.2</a>, "
                + "and <a class=\"xref\" href=\"blocks/3.4.html\">3.4</a>")
        #expect(
            inline("Groups 2 & 3")
                == "<a class=\"xref\" href=\"groups/2.html\">Groups 2</a> &amp; <a class=\"xref\" href=\"groups/3.html\">3</a>")
        #expect(
            inline("Groups 2-4") == "<a class=\"xref\" href=\"groups/2.html\">Groups 2</a>-<a class=\"xref\" href=\"groups/4.html\">4</a>")
        // One unknown id in a list leaves the others linked.
        #expect(inline("Blocks 3.4 and 9.9") == "<a class=\"xref\" href=\"blocks/3.4.html\">Blocks 3.4</a> and 9.9")
    }

    @Test func unknownIdsAndNonReferencesStayPlain() {
        for text in [
            "Block 9.9", "Group 7", "Block 1.2.3", "version 3.4", "Blocking 3.4", "subBlock 3.4",
            "the block is done", "Group of people", "Block3.4", "Block 3.4x5",
        ] {
            #expect(inline(text) == text.replacingOccurrences(of: "&", with: "&amp;"), "\(text)")
        }
        #expect(MarkdownHTML.inline("Block 3.4", resolver: nil) == "Block 3.4")
    }

    @Test func decisionIdsOnlyWhenKnown() {
        #expect(
            inline("Per D1 and L3, not D2 or L33.")
                == "Per <a class=\"xref\" href=\"decisions.html#d1\">D1</a> and <a class=\"xref\" href=\"decisions.html#l3\">L3</a>, not D2 or L33."
        )
        for text in ["AD1", "D1x", "xD1", "D1.5", "D12", "d1", "D1_a", "ÉD1"] {
            #expect(inline(text) == text, "\(text)")
        }
        #expect(inline("(D1)") == "(<a class=\"xref\" href=\"decisions.html#d1\">D1</a>)")
        #expect(
            inline("L3-D1") == "<a class=\"xref\" href=\"decisions.html#l3\">L3</a>-<a class=\"xref\" href=\"decisions.html#d1\">D1</a>")
    }

    @Test func markdownProseLinksButCodeAndLinksDoNot() {
        let out = html(
            """
            Depends on Block 3.4 (see D1), *Group 2* and `Block 3.5`.

            [Block 1.1 docs](https://example.com) and [D1](#x)

            ```
            Block 1.2 and L3
            ```

                Block 1.1 indented

            | Block | Note |
            |-------|------|
            | Block 3.5 | per L3 |

            ## Follow-up to Block 1.2
            """, resolver: resolver)
        #expect(
            out.contains(
                "Depends on <a class=\"xref\" href=\"blocks/3.4.html\">Block 3.4</a> "
                    + "(see <a class=\"xref\" href=\"decisions.html#d1\">D1</a>), "
                    + "<em><a class=\"xref\" href=\"groups/2.html\">Group 2</a></em> and <code>Block 3.5</code>."))
        #expect(out.contains("<a href=\"https://example.com\" rel=\"noopener\">Block 1.1 docs</a>"))
        #expect(out.contains("<a href=\"#x\">D1</a>"))
        #expect(out.contains("<pre><code>Block 1.2 and L3\n</code></pre>"))
        #expect(out.contains("<pre><code>Block 1.1 indented\n</code></pre>"))
        #expect(
            out.contains(
                "<td><a class=\"xref\" href=\"blocks/3.5.html\">Block 3.5</a></td>"
                    + "<td>per <a class=\"xref\" href=\"decisions.html#l3\">L3</a></td>"))
        #expect(
            out.contains("<h3 id=\"follow-up-to-block-1-2\">Follow-up to <a class=\"xref\" href=\"blocks/1.2.html\">Block 1.2</a></h3>"))
        #expect(count("class=\"xref\"", in: out) == 6)
    }

    @Test func mentionSplitAcrossTextNodesIsFound() {
        let nodes = [paragraph(text("see Block")), MarkdownNode(kind: .paragraph, children: [text("see Block "), text("3.4 now")])]
        #expect(
            MarkdownHTML.render(nodes, resolver: resolver)
                == "<p>see Block</p>\n<p>see <a class=\"xref\" href=\"blocks/3.4.html\">Block 3.4</a> now</p>\n")
    }

    @Test func resolverURLsAreAttributeEscaped() {
        final class Odd: CrossReferenceResolver {
            func blockURL(_ id: String) -> String? { "a\"><script>.html" }
            func groupURL(_ id: String) -> String? { nil }
            func decisionURL(_ id: String) -> String? { nil }
        }
        #expect(
            MarkdownHTML.inline("Block 1.1", resolver: Odd()) == "<a class=\"xref\" href=\"a&quot;&gt;&lt;script&gt;.html\">Block 1.1</a>")
    }
}
