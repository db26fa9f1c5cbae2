import LoopReportSite
import Testing

@Suite struct LinkSafetyTests {
    static let refusedDestinations = [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
        "\u{1}javascript:alert(1)", "\u{0}javascript:alert(1)", "\t\njavascript:alert(1)", "java\tscript:alert(1)",
        "java\nscript:alert(1)", "java\rscript:alert(1)", "javascript\t:alert(1)", "javascript :alert(1)",
        "\u{A0}javascript:alert(1)", "\u{FEFF}javascript:alert(1)", "java\u{0}script:alert(1)",
        "vbscript:msgbox(1)", "VBScript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "DATA:image/png;base64,AA==",
        "file:///etc/passwd", "ftp://example.com/x", "about:blank", "blob:https://e.com/uuid", "livescript:x",
        "http:evil.example", "https:/evil.example", "http://", "http:///x", "http://exa mple.com/", "http://user@evil.example/",
        "http://evil.example:99999/", "//", "// evil", "http://.evil/", "http://a..b/", "mailto:", "", "   ",
    ]

    @Test(arguments: refusedDestinations)
    func refusedLinksKeepOnlyTheirText(_ destination: String) {
        #expect(linkHTML(destination) == "<p>label</p>\n", "\(destination.debugDescription)")
        #expect(imageHTML(destination) == "<p>alt text</p>\n", "\(destination.debugDescription)")
    }

    @Test func refusedSchemesFromMarkdownSource() {
        let markdown = """
            [a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](<  javascript:alert(1)>) [d](java&#09;script:x)
            [e](&#106;avascript:x) [f](jav&#x0A;ascript:x) [g](&#x6A;&#x61;&#x76;&#x61;script:x) [h](vbscript:x)
            [i](data:text/html,x) [j](file:///etc/passwd) <javascript:alert(1)> <data:text/html,x>
            ![k](javascript:x) [l](<java script:x>) [m](java\\
            script:x)
            """
        let out = html(markdown)
        #expect(!out.contains("<a"), "\(out)")
        #expect(!out.contains("<img"), "\(out)")
        #expect(!out.lowercased().contains("href"), "\(out)")
    }

    static let allowed: [(String, String, Bool)] = [
        ("https://example.com/a?b=c&d=e#f", "https://example.com/a?b=c&amp;d=e#f", true),
        ("HTTP://Example.COM:8080/", "HTTP://Example.COM:8080/", true),
        ("http://example.com", "http://example.com", true),
        ("//cdn.example.com/x.png", "//cdn.example.com/x.png", true),
        ("mailto:someone@example.com?subject=Hi there", "mailto:someone@example.com?subject=Hi%20there", false),
        ("../docs/plan file.md", "../docs/plan%20file.md", false),
        ("plan.html#block-3-4", "plan.html#block-3-4", false),
        ("#frag", "#frag", false),
        ("?q=1", "?q=1", false),
        ("/abs/path", "/abs/path", false),
        ("a/b:c", "a/b:c", false),
        ("  spaced.html  ", "spaced.html", false),
        ("naïve/<\"x\">`{|}^[]\\.md", "na%C3%AFve/%3C%22x%22%3E%60%7B%7C%7D%5E%5B%5D%5C.md", false),
        ("p%zz%2F%", "p%25zz%2F%25", false),
        ("a#b#c", "a#b%23c", false),
        ("\\\\evil.example/x", "%5C%5Cevil.example/x", false),
        ("it's", "it&#39;s", false),
        // Entities here are not decoded by anyone (cmark decodes them while parsing, and the
        // attribute is escaped), so these are a path with a fragment and a path.
        ("&#106;avascript:alert(1)", "&amp;#106;avascript:alert(1)", false),
        ("javascript&colon;alert(1)", "javascript&amp;colon;alert(1)", false),
    ]

    @Test(arguments: allowed)
    func allowedLinksAreEncoded(_ destination: String, _ href: String, _ external: Bool) {
        let rel = external ? " rel=\"noopener\"" : ""
        #expect(linkHTML(destination) == "<p><a href=\"\(href)\"\(rel)>label</a></p>\n")
        #expect(imageHTML(destination) == "<p><img src=\"\(href)\" alt=\"alt text\" loading=\"lazy\"></p>\n")
    }

    @Test func linkTitleCannotBreakOutOfItsAttribute() {
        #expect(
            linkHTML("a.html", title: "\"><script>alert(1)</script>")
                == "<p><a href=\"a.html\" title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">label</a></p>\n")
    }
}
