import LoopReportDiagrams
import Testing

/// Titles and labels come from the documents: in an SVG they are always text, never markup,
/// and characters XML forbids are left out.
@Suite struct SVGBuilderTests {
    @Test(arguments: [
        ("Block 3.4: Storage layer", "Block 3.4: Storage layer"),
        ("<script>alert('x')</script> & \"more\"", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"),
        ("tab\there\nline\u{01}bell\u{7F}del", "tab\there\nlinebelldel"),
        ("Straße → Ünïcode 🚀 <", "Straße → Ünïcode 🚀 &lt;"),
        ("&", "&amp;"),
        ("", ""),
    ])
    func textIsEscapedForElementsAndAttributes(_ text: String, _ expected: String) {
        var svg = SVGBuilder()
        svg.escaped(text)
        #expect(svg.text == expected)
    }
}
