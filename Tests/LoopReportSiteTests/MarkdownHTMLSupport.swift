import Foundation
import LoopReportMarkdown
import LoopReportSite
import LoopReportSource

/// Renders Markdown text (parsed with the project's cmark-gfm parser) to HTML.
func html(
    _ markdown: String, resolver: CrossReferenceResolver? = nil,
    options: MarkdownHTML.Options = .init()
) -> String {
    MarkdownHTML.render(parse(markdown).children, resolver: resolver, options: options)
}

/// The document node of Markdown text.
func parse(_ markdown: String) -> MarkdownNode {
    CmarkParser.parse(SourceFile(path: "test.md", text: markdown)).root
}

/// A paragraph holding one node.
func paragraph(_ inline: MarkdownNode) -> MarkdownNode {
    MarkdownNode(kind: .paragraph, children: [inline])
}

func text(_ literal: String) -> MarkdownNode { MarkdownNode(kind: .text, literal: literal) }

/// A link with the destination exactly as given (no Markdown parsing in between).
func linkHTML(_ destination: String, title: String = "") -> String {
    MarkdownHTML.render(
        [
            paragraph(
                MarkdownNode(
                    kind: .link(destination: destination, title: title),
                    children: [text("label")]))
        ], resolver: nil)
}

func imageHTML(_ source: String) -> String {
    MarkdownHTML.render(
        [
            paragraph(
                MarkdownNode(
                    kind: .image(source: source, title: ""),
                    children: [text("alt text")]))
        ], resolver: nil)
}

/// Known ids: blocks 1.1, 1.2, 3.4, 3.5; groups 1a, 2, 3, 4; decisions D1, L3.
final class TestResolver: CrossReferenceResolver {
    let blocks: Set<String>, groups: Set<String>, decisions: Set<String>

    init(
        blocks: Set<String> = ["1.1", "1.2", "3.4", "3.5"], groups: Set<String> = ["1a", "2", "3", "4"],
        decisions: Set<String> = ["D1", "L3"]
    ) {
        (self.blocks, self.groups, self.decisions) = (blocks, groups, decisions)
    }

    func blockURL(_ id: String) -> String? { blocks.contains(id) ? "blocks/\(id).html" : nil }
    func groupURL(_ id: String) -> String? { groups.contains(id) ? "groups/\(id).html" : nil }
    func decisionURL(_ id: String) -> String? { decisions.contains(id) ? "decisions.html#\(id.lowercased())" : nil }
}

/// Number of non-overlapping occurrences of `needle`.
func count(_ needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

/// Code points HTML forbids in a document (controls, noncharacters), and a form feed.
let forbiddenCodePoints = [0x1, 0x7F, 0x85, 0xFDD0, 0xFFFE, 0x1FFFF, 0xC].map { String(Unicode.Scalar(UInt32($0))!) }.joined()

/// Markdown written to attack the renderer: raw HTML, script in every place text can go,
/// disallowed link schemes in their obfuscated forms, HTML in headings and tables.
let hostileMarkdown = #"""
    # <script>alert(1)</script> Heading "quoted" & 'single' <b onclick="x()">bold</b>

    ## [Link heading](javascript:alert(1)) with `<code>`

    <div onclick="alert(1)">raw block <p>para</p></div>

    <script>alert('block')</script>
    <style>body { display: none }</style>
    <iframe src="https://evil.example"></iframe>

    <!-- a comment -->

    Inline <img src=x onerror=alert(1)> html, <b>bold</b>, <a href="javascript:x">a</a> and </p></div> closers.

    [c1](javascript:alert(1)) [c2](JaVaScRiPt:alert(1)) [c3](<  javascript:alert(1)>)
    [c4](java&#09;script:alert(1)) [c5](&#106;avascript:alert(1)) [c6](vbscript:msgbox(1))
    [c7](data:text/html;base64,PHNjcmlwdD4=) [c8](file:///etc/passwd) [c9](jav&#x0A;ascript:alert(1))
    [c10](java%0ascript:alert(1)) [c11](&#x6A;&#x61;&#x76;&#x61;script:alert(1)) [c12](<java script:x>)
    <javascript:alert(1)> <vbscript:msgbox> <data:text/html,x>

    [ok1](https://example.com/a b?q=<x>&r="y"#f#g "t\" onmouseover=\"x") [ok2](mailto:a@example.com)
    [ok3](../docs/plan file.md) [ok4](#frag) [ok5](http://example.com:8080/p%zz)
    [bad host](http://exa mple.com/) [userinfo](https://user@evil.example/) [no slashes](http:evil)

    ![i1](javascript:alert(1)) ![i2 "quoted" <b>](https://example.com/a.png "t\"itle")
    ![i3](data:image/png;base64,iVBORw0KGgo=)

    [![nested img](https://example.com/b.png)](https://example.com)

    - [x] done <script>x</script>
    - [ ] not done [evil](javascript:x)

    | <b>h</b> | b "q" |
    |:---|---:|
    | <script>x</script> | [x](javascript:y) |
    | only one |

    ```"><script>alert(1)</script>
    code </code></pre><script>x</script>
    ```

        indented <script>

    > quote <script>x</script>
    >
    > > nested

    Text with \u0000 controls: \#(forbiddenCodePoints) end.

    Setext <em>heading</em>
    =======================

    ***

    ~~struck <b>x</b>~~ and a hard  
    break.
    """#
