import LoopReportAnalysis
import LoopReportPipeline
import LoopReportSource
import LoopReportTestSupport
import Testing

/// The reference tables' figures (GuidelineTables) check out; altered copies are flagged at the figure.
@Suite struct DeclaredFigureTests {
    static let figures = """
        ## Revised Timeline and Dependencies

        ### Timeline Adjustments

        | Group | Original Estimate | Revised Estimate | Delta | Reason |
        |-------|-------------------|------------------|-------|--------|
        | Group 1 | 5 days | 5 days | - | Completed as estimated |
        | Group 2 | 4 days | 6 days | +2 | Builder complexity |
        | Group 3 | 3 days | 6 days | +3 | New blocks |
        | Group 4 | 4 days | 5 days | +1 | Integration |
        | Group 5 | 3 days | 4 days | +1 | Security |
        | Group 6 | 2 days | 3 days | +1 | Testing |

        **Overall Impact**: +8 days to original timeline

        ### Buffer Allocation
        - Add 2-day buffer after Group 3 (high risk)
        - Add 1-day buffer after Group 5 (integration risk)
        - Add 2-day buffer before final release (verification)

        **Total Buffer**: 5 days (not counted in timeline estimate)

        \(GuidelineTables.adaptivePlanning)

        ### Status
        - Completed Blocks: 15/36 (42%)
        """

    static let groups = (1...6).map { "### Group \($0): G\($0)\n**Estimated Effort**: 1 day\n" }.joined(separator: "\n")

    private func diagnostics(_ text: String) -> [Diagnostic] {
        project(("01-plan.md", Self.groups), ("02-loop.md", text)).diagnostics
    }

    @Test func theGuidelinesFiguresAgree() {
        let loaded = project(("01-plan.md", Self.groups), ("02-loop.md", Self.figures))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let checks = loaded.analysis.checks
        #expect(checks.filter { $0.kind == .delta }.count == 6)
        #expect(checks.first { $0.kind == .overallImpact }?.expected == "+8 days")
        #expect(checks.first { $0.kind == .totalBuffer }?.expected == "5 days")
        #expect(checks.filter { $0.kind == .factor }.map(\.expected) == ["1.1x", "1.5x", "1x"])
        #expect(checks.filter { $0.kind == .projection }.map(\.expected) == ["+8 days", "+38.1%"])
        #expect(checks.allSatisfy { $0.agrees })
    }

    @Test(arguments: [
        ("| +3 | New blocks |", "| +4 | New blocks |", DiagnosticCode.deltaMismatch, "Delta '+4' disagrees with the computed +3"),
        (
            "+8 days to original", "+9 days to original", .totalMismatch,
            "Overall Impact '+9 days to original timeline' disagrees with the computed +8 days"
        ),
        (
            "**Total Buffer**: 5 days", "**Total Buffer**: 6 days", .totalMismatch,
            "Total Buffer '6 days (not counted in timeline estimate)' disagrees with the computed 5 days"
        ),
        ("| +50% | 1.5x |", "| +40% | 1.5x |", .varianceMismatch, "Variance '+40%' disagrees with the computed +50%"),
        ("| +50% | 1.5x |", "| +50% | 1.4x |", .factorMismatch, "Adjustment Factor '1.4x' disagrees with the computed 1.5x"),
        ("(+8 days, +38%)", "(+8 days, +40%)", .projectionMismatch, "projection '+40%' disagrees with the computed +38.1%"),
        ("(+8 days, +38%)", "(+7 days, +38%)", .projectionMismatch, "projection '+7 days' disagrees with the computed +8 days"),
        ("15/36 (42%)", "15/36 (45%)", .ratioMismatch, "figure 'Completed Blocks: 15/36 (45%)' disagrees with the computed 41.7%"),
    ])
    func alteredFiguresAreFlaggedAtTheFigure(original: String, altered: String, code: DiagnosticCode, message: String) throws {
        let text = Self.figures.replacingOccurrences(of: original, with: altered)
        let found = diagnostics(text)
        #expect(found.map(\.code) == [code], "\(found.map(\.message))")
        #expect(found.first?.message == message)
        #expect(found.first?.severity == .warning)
        let line = try #require(found.first?.range?.start.line)
        let alteredLine = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        #expect(alteredLine.contains(altered), "points at the line with the figure: \(alteredLine)")
    }

    /// A figure is checked only where the text ties it to its quantity: the percentage right
    /// after a ratio (or after the words naming what is counted), a Variance column whose
    /// values are variances. Real plans raise no warning for the rest.
    @Test func figuresNotTiedToTheirQuantityAreLeftAlone() {
        let text = """
            ## Status
            - Test Plan: 20/21 criteria automated, 70% min / 85% target coverage
            - Completed Blocks: 15/36 blocks (42%)

            ### Predictive Accuracy
            | Group | Estimated Days | Actual Days | Variance |
            |-------|----------------|-------------|----------|
            | Group 1 | 6 | 1 | 1/6 (17%) |
            """
        #expect(diagnostics(text).filter { $0.severity != .note }.map(\.message) == [])
        let wrong = diagnostics(text.replacingOccurrences(of: "15/36 blocks (42%)", with: "15/36 blocks (45%)"))
        #expect(wrong.map(\.code) == [.ratioMismatch])

        // A Delta in percent is the change in percent of the original, to the whole percent written.
        let percent = """
            ### Timeline Adjustments
            | Metric | Original | Revised | Delta |
            |---|---|---|---|
            | p99 publish (ms) | 180 | 120 | −33% |
            """
        #expect(diagnostics(percent).filter { $0.severity != .note }.isEmpty)
        #expect(
            diagnostics(percent.replacingOccurrences(of: "−33%", with: "−40%")).map(\.message)
                == ["Delta '−40%' disagrees with the computed −33%"])
    }
    /// The forms of correct figures real reports carry, which raise no warning: a mix or a
    /// rate (`80/20`, `24/7`); labels that only contain "block" (`Blocking calls`, `Blockers`);
    /// a percent of a count cut rather than rounded (`66%` of 2/3); an en dash or words for the
    /// sign (`–50%`, `25% under`); a Delta in days and percent; a document's own variance
    /// convention (`(Estimate − Actual) / Estimate`) when its rows all follow it. And the same
    /// figures made wrong are flagged, in paragraphs as in lists, under unit headers too.
    @Test func correctFiguresInTheFormsOfRealReports() {
        let text = """
            ## Status
            - Read/write ratio on the sync server: 80/20 (80% reads)
            - Blocking calls removed: 23/23 (100%)
            - Blockers resolved: 2/3 (66%)

            Tasks done: 8/11 (72%)

            ### Timeline Adjustments
            | Block | Original | Revised | Delta |
            |---|---|---|---|
            | Group 1 | 5d | 7d | +2d (+40%) |

            ### Predictive Accuracy
            Variance here is (Estimate − Actual) / Estimate: negative means the block ran over.

            | Group | Estimated | Actual | Variance |
            |---|---|---|---|
            | Group 2 | 2 days | 3 days | -50% |
            | Group 3 | 3 days | 2 days | +33% |
            """
        #expect(diagnostics(text).filter { $0.severity != .note }.map(\.message) == [])
        let signs = """
            ### Predictive Accuracy
            | Group | Estimated | Actual | Variance |
            |---|---|---|---|
            | Group 1 | 2 days | 1 day | –50% |
            | Group 2 | 4 days | 3 days | 25% under |
            | Group 3 | 4 days | 5 days | +25% |
            """
        #expect(diagnostics(signs).filter { $0.severity != .note }.map(\.message) == [])
        #expect(diagnostics(text.replacingOccurrences(of: "8/11 (72%)", with: "8/11 (45%)")).map(\.code) == [.ratioMismatch])
        #expect(diagnostics(text.replacingOccurrences(of: "+2d (+40%)", with: "+3d (+40%)")).map(\.code) == [.deltaMismatch])
        let hours = """
            ### Predictive Accuracy
            | Task | Estimate (h) | Actual (h) | Variance |
            |---|---|---|---|
            | Group 1 | 8 | 9 | +1h (+11.1%) |
            | Group 2 | 16 | 22 | +6h (+37.5%) |
            | Group 3 | 14 | 12 | −2h (−14.3%) |
            """
        #expect(
            diagnostics(hours).filter { $0.severity != .note }.map(\.message) == [
                "Variance '+1h (+11.1%)' disagrees with the computed +12.5%"
            ])
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
