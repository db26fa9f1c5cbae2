import LoopReportMarkdown
import LoopReportSite
import Testing

@Suite struct MarkdownHTMLNodeTests {
    @Test func paragraphsAndEmphasis() {
        #expect(
            html("Hello *world* and **bold** and ~~gone~~.")
                == "<p>Hello <em>world</em> and <strong>bold</strong> and <del>gone</del>.</p>\n")
        #expect(html("one\ntwo") == "<p>one\ntwo</p>\n")
        #expect(html("hard  \nbreak") == "<p>hard<br>\nbreak</p>\n")
        #expect(html("a\n\nb") == "<p>a</p>\n<p>b</p>\n")
    }

    @Test func headingsAreOffsetClampedAndUniquelyAnchored() {
        let out = html("# Block 3.4: Flush\n## Notes\n### Notes\n###### Deep\n# Notes-2\n# !!!\n# !!!")
        #expect(
            out == """
                <h2 id="block-3-4-flush">Block 3.4: Flush</h2>
                <h3 id="notes">Notes</h3>
                <h4 id="notes-2">Notes</h4>
                <h6 id="deep">Deep</h6>
                <h2 id="notes-2-2">Notes-2</h2>
                <h2 id="section">!!!</h2>
                <h2 id="section-2">!!!</h2>

                """)
        var options = MarkdownHTML.Options()
        options.headingOffset = 0
        options.anchorPrefix = "doc1-"
        #expect(html("# Title\n### Sub", options: options) == "<h1 id=\"doc1-title\">Title</h1>\n<h3 id=\"doc1-sub\">Sub</h3>\n")
        #expect(html("# T", options: MarkdownHTML.Options(headingOffset: -3)) == "<h1 id=\"t\">T</h1>\n")
        #expect(html("Setext\n======") == "<h2 id=\"setext\">Setext</h2>\n")
        // Separate calls do not share ids: the prefix keeps a page unique.
        #expect(html("# A") == html("# A"))
    }

    @Test func slugs() {
        #expect(MarkdownHTML.slug("Block 3.4: Flush") == "block-3-4-flush")
        #expect(MarkdownHTML.slug("  --Hello,   World!--  ") == "hello-world")
        #expect(MarkdownHTML.slug("Don't Stop") == "dont-stop")
        #expect(MarkdownHTML.slug("Größe — Tabelle") == "gre-tabelle")
        #expect(MarkdownHTML.slug("Résumé\u{00A0}Items") == "rsum-items")
        #expect(MarkdownHTML.slug("<script>") == "script")
        #expect(MarkdownHTML.slug("日本語") == "")
        #expect(MarkdownHTML.slug("") == "")
    }

    @Test func lists() {
        #expect(html("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n")
        #expect(html("3. a\n4. b") == "<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n</ol>\n")
        #expect(html("1. a") == "<ol>\n<li>a</li>\n</ol>\n")
        #expect(html("- a\n\n- b") == "<ul>\n<li><p>a</p>\n</li>\n<li><p>b</p>\n</li>\n</ul>\n")
        #expect(html("- a\n  - b") == "<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n")
    }

    @Test func taskLists() {
        let out = html("- [x] shipped\n- [ ] pending\n- plain")
        #expect(
            out == """
                <ul class="task-list">
                <li class="task"><span class="task-box done" role="img" aria-label="done">✓</span> shipped</li>
                <li class="task"><span class="task-box" role="img" aria-label="not done">☐</span> pending</li>
                <li>plain</li>
                </ul>

                """)
        // Loose: the box goes inside the first paragraph.
        #expect(
            html("- [x] a\n\n- [ ] b").contains(
                "<li class=\"task\"><p><span class=\"task-box done\" role=\"img\" aria-label=\"done\">✓</span> a</p>"))
        #expect(!out.contains("<input"))
    }

    @Test func tableWithAlignments() {
        let out = html(
            """
            | Left | Center | Right | None |
            |:-----|:------:|------:|------|
            | a | b | c | d |
            | *e* |
            """)
        #expect(
            out == """
                <div class="table-wrap" tabindex="0"><table>
                <thead>
                <tr><th scope="col" class="align-left">Left</th><th scope="col" class="align-center">Center</th>\
                <th scope="col" class="align-right">Right</th><th scope="col">None</th></tr>
                </thead>
                <tbody>
                <tr><td class="align-left">a</td><td class="align-center">b</td><td class="align-right">c</td><td>d</td></tr>
                <tr><td class="align-left"><em>e</em></td><td class="align-center"></td><td class="align-right"></td><td></td></tr>
                </tbody>
                </table></div>

                """)
        #expect(!out.contains(" align="))
        // A header-only table has no tbody.
        #expect(
            html("| a |\n|---|")
                == "<div class=\"table-wrap\" tabindex=\"0\"><table>\n<thead>\n<tr><th scope=\"col\">a</th></tr>\n</thead>\n</table></div>\n"
        )
    }

    @Test func codeBlocksAndSpans() {
        #expect(html("```swift\nlet a = 1 < 2\n```") == "<pre><code class=\"language-swift\">let a = 1 &lt; 2\n</code></pre>\n")
        #expect(html("```c++ extra words\nx\n```") == "<pre><code class=\"language-c++\">x\n</code></pre>\n")
        #expect(html("```\"><script>\nx\n```") == "<pre><code class=\"language-script\">x\n</code></pre>\n")
        #expect(html("```{.py}\nx\n```") == "<pre><code class=\"language-py\">x\n</code></pre>\n")
        #expect(html("```\nplain\n```") == "<pre><code>plain\n</code></pre>\n")
        #expect(html("    indented <b>") == "<pre><code>indented &lt;b&gt;\n</code></pre>\n")
        #expect(html("Use `a<b>` here") == "<p>Use <code>a&lt;b&gt;</code> here</p>\n")
    }

    @Test func blockQuotesAndBreaks() {
        #expect(
            html("> quoted\n>\n> > nested") == "<blockquote>\n<p>quoted</p>\n<blockquote>\n<p>nested</p>\n</blockquote>\n</blockquote>\n")
        #expect(html("a\n\n***\n\nb") == "<p>a</p>\n<hr>\n<p>b</p>\n")
    }

    @Test func linksAndImages() {
        #expect(html("[docs](../docs/a.md \"The docs\")") == "<p><a href=\"../docs/a.md\" title=\"The docs\">docs</a></p>\n")
        #expect(html("[site](https://example.com/x)") == "<p><a href=\"https://example.com/x\" rel=\"noopener\">site</a></p>\n")
        #expect(
            html("![A *chart*](img/c.png \"Chart\")") == "<p><img src=\"img/c.png\" alt=\"A chart\" title=\"Chart\" loading=\"lazy\"></p>\n"
        )
        #expect(html("www.example.com") == "<p><a href=\"http://www.example.com\" rel=\"noopener\">www.example.com</a></p>\n")
        #expect(html("<https://example.com>") == "<p><a href=\"https://example.com\" rel=\"noopener\">https://example.com</a></p>\n")
        #expect(
            html("[a](https://example.com)[![i](https://example.com/i.png)](#x)").contains(
                "<a href=\"#x\"><img src=\"https://example.com/i.png\" alt=\"i\" loading=\"lazy\"></a>"))
    }

    @Test func footnotesAndUnknownNodes() {
        // cmark runs without CMARK_OPT_FOOTNOTES, so footnote nodes only come from built trees.
        let nodes = [
            MarkdownNode(kind: .paragraph, children: [text("Claim"), MarkdownNode(kind: .footnoteReference, literal: "1")]),
            MarkdownNode(kind: .footnoteDefinition, literal: "1", children: [paragraph(text("Source <x>"))]),
            MarkdownNode(kind: .unknown("custom_block"), literal: "kept <literal>"),
            MarkdownNode(kind: .paragraph, children: [MarkdownNode(kind: .unknown("custom_inline"), literal: "inline & kept")]),
        ]
        let out = MarkdownHTML.render(nodes, resolver: nil, options: MarkdownHTML.Options(headingOffset: 1, anchorPrefix: "p-"))
        #expect(
            out == """
                <p>Claim<sup class="footnote-ref"><a href="#p-fn:1" id="p-fnref:1">1</a></sup></p>
                <div class="footnote" id="p-fn:1">
                <span class="footnote-number">1</span>
                <p>Source &lt;x&gt;</p>
                <a class="footnote-backref" href="#p-fnref:1" aria-label="Back to reference 1">↩</a>
                </div>
                <p>kept &lt;literal&gt;</p>
                <p>inline &amp; kept</p>

                """)
    }

    @Test func blocksInInlineContextAreFlattened() {
        // Trees the parser never makes must still give valid HTML.
        let heading = MarkdownNode(
            kind: .heading(level: 1),
            children: [
                paragraph(text("para")),
                MarkdownNode(kind: .codeBlock(info: ""), literal: "code"),
                MarkdownNode(
                    kind: .list(ordered: false, start: 1, tight: true),
                    children: [
                        MarkdownNode(kind: .item(task: nil), children: [paragraph(text("item"))])
                    ]),
            ])
        let out = MarkdownHTML.render(
            [heading, text("loose "), MarkdownNode(kind: .emphasis, children: [text("inline")])],
            resolver: nil)
        #expect(out == "<h2 id=\"para-code-item\">para <code>code</code> item</h2>\n<p>loose <em>inline</em></p>\n")
        // A link inside a link is not nested.
        let nested = MarkdownNode(
            kind: .link(destination: "a.html", title: ""),
            children: [
                MarkdownNode(kind: .link(destination: "b.html", title: ""), children: [text("inner")])
            ])
        #expect(MarkdownHTML.render([paragraph(nested)], resolver: nil) == "<p><a href=\"a.html\">inner</a></p>\n")
    }

    @Test func deepNestingIsCappedNotRecursedWithoutBound() {
        var node = paragraph(text("deep <x>"))
        for _ in 0..<300 { node = MarkdownNode(kind: .blockQuote, children: [node]) }
        let out = MarkdownHTML.render([node], resolver: nil)
        #expect(out.contains("<p>deep &lt;x&gt;</p>"))
        #expect(count("<blockquote>", in: out) == count("</blockquote>", in: out))
        #expect(count("<blockquote>", in: out) < 100)
    }

    @Test func wholeDocumentRootAndDeterminism() {
        let root = parse("# T\n\ntext")
        let a = MarkdownHTML.render([root], resolver: TestResolver())
        #expect(a == "<h2 id=\"t\">T</h2>\n<p>text</p>\n")
        #expect(a == MarkdownHTML.render([root], resolver: TestResolver()))
    }
}

@Suite struct MarkdownHTMLEscapingTests {
    @Test func scriptInTextIsEscaped() {
        #expect(
            html("a <script>alert(1)</script> & \"q\" 'r'")
                == "<p>a <code class=\"raw-html\">&lt;script&gt;</code>alert(1)<code class=\"raw-html\">&lt;/script&gt;</code>"
                + " &amp; &quot;q&quot; &#39;r&#39;</p>\n")
        #expect(html("5 &lt; 6 &amp;&amp; 1 &gt; 0") == "<p>5 &lt; 6 &amp;&amp; 1 &gt; 0</p>\n")
        #expect(
            MarkdownHTML.inline("<script>alert('x')</script> & \"", resolver: nil)
                == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;")
    }

    @Test func rawHTMLIsInert() {
        #expect(
            html("<div onclick=\"x()\">\nhi\n</div>")
                == "<pre class=\"raw-html\">\n&lt;div onclick=&quot;x()&quot;&gt;\nhi\n&lt;/div&gt;\n</pre>\n")
        #expect(html("<!-- c -->") == "<pre class=\"raw-html\">\n&lt;!-- c --&gt;\n</pre>\n")
        #expect(
            html("x <img src=x onerror=alert(1)> y") == "<p>x <code class=\"raw-html\">&lt;img src=x onerror=alert(1)&gt;</code> y</p>\n")
        let out = html(hostileMarkdown)
        for active in ["<script", "<style", "<iframe", "<div onclick", "<img src=x", "<b>", "<b ", "<a href=\"javascript", "</p></div>"] {
            #expect(!out.contains(active), "\(active) is active")
        }
    }

    @Test func headingsTitlesAndAttributesAreEscaped() {
        let out = html(#"# <b>Bold</b> "title" & more"#)
        #expect(
            out == "<h2 id=\"b-bold-b-title-more\"><code class=\"raw-html\">&lt;b&gt;</code>Bold"
                + "<code class=\"raw-html\">&lt;/b&gt;</code> &quot;title&quot; &amp; more</h2>\n")
        #expect(
            html(#"[x](https://e.com "a\" onmouseover=\"alert(1)")"#)
                == "<p><a href=\"https://e.com\" title=\"a&quot; onmouseover=&quot;alert(1)\" rel=\"noopener\">x</a></p>\n")
        #expect(
            html(#"![a "b" <c>](i.png "t'")"#)
                == "<p><img src=\"i.png\" alt=\"a &quot;b&quot; &lt;c&gt;\" title=\"t&#39;\" loading=\"lazy\"></p>\n")
        var options = MarkdownHTML.Options()
        options.anchorPrefix = "a b\"<"
        #expect(html("# X", options: options) == "<h2 id=\"a-b&quot;&lt;x\">X</h2>\n")
    }

    @Test func forbiddenCodePointsAreReplaced() {
        let out = MarkdownHTML.inline("a" + forbiddenCodePoints + "b\tc\u{10FFFD}d", resolver: nil)
        #expect(out == "a" + String(repeating: "\u{FFFD}", count: 6) + " b\tc\u{10FFFD}d")
        #expect(MarkdownHTML.inline("é日本語🙂", resolver: nil) == "é日本語🙂")
    }
}
