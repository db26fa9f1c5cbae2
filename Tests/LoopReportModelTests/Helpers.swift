import LoopReportMarkdown
import LoopReportSource

enum CmarkParserCount {
    static func topLevelNodes(_ text: String) -> Int {
        CmarkParser.parse(SourceFile(path: "x.md", text: text)).root.children.count
    }
}
