import Testing

@testable import LoopReportSite

/// Each page's search entry keeps the first 600 characters of its text, lower-cased: what
/// the search box matches and shows. Plain ASCII is cut byte by byte; the cut must land where
/// counting characters would.
@Suite struct SearchExcerptTests {
    /// The definition: characters (grapheme clusters), then lower case.
    static func expected(_ text: String) -> String {
        let lowered = String(text.prefix(600)).lowercased()
        return String(lowered.prefix(600))
    }

    @Test(arguments: [
        "Block 3.4: Storage LAYER " + String(repeating: "Estimated Effort 2 days. ", count: 40),
        String(repeating: "a", count: 599) + "É and more",  // non-ASCII right after the cut
        String(repeating: "a", count: 600) + "\u{301} accent",  // a combining mark joins character 600
        String(repeating: "b", count: 599) + "\r\n" + "next line",  // CR LF is one character
        "Straße, Ünïcode and emoji 🚀 " + String(repeating: "x", count: 700),
        "Short TEXT",
        "",
    ])
    func theExcerptIsTheFirst600CharactersLowerCased(_ text: String) {
        #expect(RenderedPage.searchExcerpt(text) == Self.expected(text))
    }
}
