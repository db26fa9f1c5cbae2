import LoopReportTestSupport
import Testing

@testable import loopreport_fuzz

#if canImport(Glibc)
import Glibc
#endif

/// The fuzzer's input, and every input it ever broke LoopReport with (Tests/Fixtures/FuzzRegressions,
/// one file per finding, named after what it broke): each runs through the reader, analysis,
/// report and exports again without a trap, a hang or a broken invariant.
@Suite struct FuzzRegressionTests {
    static let regressions = "\(packageRoot)/Tests/Fixtures/FuzzRegressions"

    static var findings: [String] {
        listDirectory(regressions).filter { $0 != "README.md" }
    }

    @Test(arguments: findings) func aFindingRunsClean(_ name: String) {
        FuzzInput.run(Array(readFile("\(Self.regressions)/\(name)").utf8))
    }

    /// A project is one input: `%%% NAME` lines start its documents and its settings.
    @Test func anInputSplitsIntoDocumentsAtSeparatorLines() {
        let input = "%%% loopreport.yml\ntitle: Fuzz\n%%% plan.md\n# Plan\n%%% ../../etc/passwd\nx\n%%% \n%%% plan.md\n"
        let parts = FuzzInput.split(Array(input.utf8)).map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }
        #expect(parts.map(\.0) == ["loopreport.yml", "plan.md", "etc/passwd", "document-3.md", "plan.md-4"])
        #expect(parts.map(\.1) == ["title: Fuzz\n", "# Plan\n", "x\n", "", ""])
        #expect(FuzzInput.split(Array("# Plan\n%%% a.md\n".utf8)).map(\.0) == ["plan.md"])
    }

    /// The example, as the fuzzer's seed makes it: one input with every document and the settings.
    @Test func theExampleAsOneInputRunsClean() {
        var input = ""
        for name in listDirectory("\(packageRoot)/content") {
            input += "%%% \(name)\n" + readFile("\(packageRoot)/content/\(name)")
        }
        FuzzInput.run(Array(input.utf8))
    }
}
