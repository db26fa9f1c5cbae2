import Foundation
import LoopReportTestSupport
import Testing

/// `export --format svg|dot|mermaid`: standalone SVGs the Nu HTML Checker accepts, DOT that
/// Graphviz lays out, and bad plans that still draw.
@Suite(.serialized) struct DiagramExportTests {
    private func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        loopreport(arguments, sourceLocation: sourceLocation)
    }

    static let cycle = """
        ### Group 1: Loop
        #### Block 1.1: First
        **Dependencies**: Block 1.3
        **Estimated Effort**: 1 day

        #### Block 1.2: Second
        **Dependencies**: Block 1.1
        **Estimated Effort**: 2 days

        #### Block 1.3: Third
        **Dependencies**: Block 1.2
        **Estimated Effort**: 1 day
        """

    /// A block with 500 dependents, a 300-character title, markup in titles.
    static var fanOut: String {
        var text = "### Group 1: Hub\n#### Block 1.1: \(String(repeating: "Long title <b>&amp;</b> ", count: 13))\n"
        text += "**Dependencies**: None\n**Estimated Effort**: 1 day\n\n### Group 2: Spokes\n**Dependencies**: Block 1.1\n\n"
        for i in 1...500 { text += "#### Block 2.\(i): Spoke \(i)\n**Estimated Effort**: 1 day\n\n" }
        return text
    }

    /// Exports every diagram of the example and of odd plans as standalone SVGs into
    /// `dir/svg`, expecting each to be written.
    private func exportStandaloneSVGs(into dir: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation) {
        let cycle = dir.write("cycle/plan.md", Self.cycle)
        let fanOut = dir.write("fan/plan.md", Self.fanOut)
        let one = dir.write("one/plan.md", "### Group 1: A\n#### Block 1.1: Only\n**Estimated Effort**: 1 day\n")
        let none = dir.write("none/plan.md", "# Notes\n\nNothing planned yet.\n")
        _ = (cycle, fanOut, one, none)
        var written: [String] = []
        for (name, project) in [
            ("example", "content"), ("cycle", "\(dir.path)/cycle"), ("fan", "\(dir.path)/fan"),
            ("one", "\(dir.path)/one"), ("none", "\(dir.path)/none"),
        ] {
            for diagram in ["dag", "gantt"] {
                let output = "\(dir.path)/svg/\(name)-\(diagram).svg"
                makeDirectories("\(dir.path)/svg")
                let result = run("export", "--format", "svg", "--diagram", diagram, "--date", "2026-03-10", "-o", output, project)
                #expect(result.status == 0 || name == "cycle", "\(name) \(diagram): \(result.stderr)", sourceLocation: sourceLocation)
                #expect(readFile(output).hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), sourceLocation: sourceLocation)
                written.append(output)
            }
        }
        let group = "\(dir.path)/svg/example-group-3.svg"
        #expect(
            run("export", "--format", "svg", "--diagram", "dag", "--group", "3", "-o", group, "content").status == 0,
            sourceLocation: sourceLocation)
    }

    @Test func everyStandaloneSVGIsWritten() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        exportStandaloneSVGs(into: dir)
        #expect(listDirectory("\(dir.path)/svg").count == 11)
    }

    @Test(.tags(.java), .needs(Tool.nuHTMLChecker))
    func everyStandaloneSVGPassesTheNuChecker() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        exportStandaloneSVGs(into: dir)
        let checker = runNuHTMLChecker(["--root", "\(dir.path)/svg", "--also-check-svg"])
        #expect(checker.status == 0, "\(checker.stdout)\(checker.stderr)")
    }

    @Test func cycleIsDrawnWithTheOffendingEdgeMarked() throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("plan.md", Self.cycle)
        let result = run("export", "--format", "svg", "--diagram", "dag", dir.path)
        #expect(result.status == 1)  // the cycle is an error
        #expect(result.stderr.contains("[dependency-cycle]"))
        #expect(result.stdout.components(separatedBy: "<g class=\"edge").count - 1 == 3)
        #expect(result.stdout.components(separatedBy: "<g class=\"edge cut\">").count - 1 == 1)
        #expect(result.stdout.contains("closes a cycle"))
    }

    /// Exports the example's and a 500-dependent plan's DOT into `dir` (plan.dot, fan.dot).
    private func exportDOT(into dir: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run("export", "--format", "dot", "-o", "\(dir.path)/plan.dot", "content").status == 0, sourceLocation: sourceLocation)
        let text = readFile("\(dir.path)/plan.dot")
        #expect(text.hasPrefix("digraph plan {"), sourceLocation: sourceLocation)
        #expect(text.contains("\"1.1\" [label=\"1.1 Tokenizer and Normalizer Core\""), sourceLocation: sourceLocation)
        dir.write("fan/plan.md", Self.fanOut)
        #expect(
            run("export", "--format", "dot", "-o", "\(dir.path)/fan.dot", "\(dir.path)/fan").status == 0, sourceLocation: sourceLocation)
    }

    @Test func dotExport() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        exportDOT(into: dir)
    }

    @Test(.tags(.graphviz), .needs(Tool.dot))
    func dotExportIsAcceptedByGraphviz() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        exportDOT(into: dir)
        let dot = runProcess([Tool.dot.path ?? "dot", "-Tsvg", "\(dir.path)/plan.dot", "-o", "\(dir.path)/plan.svg"])
        #expect(dot.status == 0, "\(dot.stderr)")
        #expect(readFile("\(dir.path)/plan.svg").contains("class=\"node\""))
        let fan = runProcess([Tool.dot.path ?? "dot", "-Tsvg", "\(dir.path)/fan.dot", "-o", "/dev/null"])
        #expect(fan.status == 0, "\(fan.stderr)")
    }

    @Test func mermaidGanttAndFlowchart() {
        let gantt = run("export", "--format", "mermaid", "--diagram", "gantt", "content")
        #expect(gantt.status == 0)
        #expect(gantt.stdout.hasPrefix("gantt\n    %% Written by LoopReport\n    title Tessera"))
        #expect(gantt.stdout.contains("    dateFormat YYYY-MM-DD\n    excludes weekends\n"))
        #expect(gantt.stdout.contains("    section Group 1 - Text Analysis Foundation\n"))
        #expect(gantt.stdout.contains("    1.1 Tokenizer and Normalizer Core :crit, done, t0, 2026-03-02, 2d\n"))

        let flowchart = run("export", "--format", "mermaid", "--diagram", "dag", "content")
        #expect(flowchart.stdout.hasPrefix("flowchart TD\n    %% Written by LoopReport\n    n0[\"1.1 Tokenizer and Normalizer Core\"]\n"))
        #expect(flowchart.stdout.contains(" ==> "))
        #expect(flowchart.stdout.contains("    class n0,"))
    }

    @Test func unknownGroupAndBadDateAreUsageErrors() {
        #expect(run("export", "--format", "svg", "--diagram", "dag", "--group", "99", "content").status == 1)
        let date = run("export", "--format", "svg", "--diagram", "gantt", "--date", "2026-13-45", "content")
        #expect(date.status == 2)
        #expect(date.stderr.contains("--date must be a date like 2026-03-02, not '2026-13-45'"))
    }

    @Test func sameInputSameBytes() {
        let a = run("export", "--format", "svg", "--diagram", "dag", "content").stdout
        let b = run("export", "--format", "svg", "--diagram", "dag", "content").stdout
        #expect(!a.isEmpty && a == b)
    }
}
