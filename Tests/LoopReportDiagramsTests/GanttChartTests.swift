import Foundation
import LoopReportAnalysis
import LoopReportDiagrams
import LoopReportModel
import LoopReportPipeline
import LoopReportSample
import LoopReportSource
import LoopReportTestSupport
import Testing

/// A generated plan with `blocks` blocks in groups of `perGroup` (one header row per group).
func generatedProject(blocks: Int, perGroup: Int = 10, iterations: Int = 0, config: String = "start: 2026-03-02\n") -> LoadedProject {
    var options = SampleGenerator.Options(blocks: blocks, iterations: iterations, seed: 7)
    options.blocksPerGroup = perGroup
    let files = SampleGenerator.generate(options).map { SourceFile(path: $0.path, text: $0.text) }
    return Pipeline.model(files: files, config: SourceFile(path: "loopreport.yml", text: config))
}

typealias Box = GanttDiagram.Box

func overlaps(_ a: Box, _ b: Box) -> Bool {
    a.x < b.maxX - 0.01 && b.x < a.maxX - 0.01 && a.y < b.maxY - 0.01 && b.y < a.maxY - 0.01
}

/// Whether an axis-parallel segment enters the interior of a box.
func segmentCrosses(_ p: (x: Double, y: Double), _ q: (x: Double, y: Double), _ box: Box) -> Bool {
    let minX = min(p.x, q.x), maxX = max(p.x, q.x), minY = min(p.y, q.y), maxY = max(p.y, q.y)
    return minX < box.maxX - 0.01 && maxX > box.x + 0.01 && minY < box.maxY - 0.01 && maxY > box.y + 0.01
}

@Suite struct GanttChartTests {
    /// The geometry a reader relies on, at 5, 50 and 300 rows, dated and undated.
    @Test(arguments: [(4, 4), (45, 10), (270, 10)], [true, false])
    func geometry(blocks: (Int, Int), dated: Bool) throws {
        let loaded = generatedProject(blocks: blocks.0, perGroup: blocks.1, config: dated ? "start: 2026-03-02\n" : "title: Undated\n")
        let chart = GanttChart.render(
            plan: loaded.plan, analysis: loaded.analysis,
            today: dated ? CalendarDate("2026-03-10") : nil,
            options: DiagramOptions(id: "g", standalone: true))
        let rows = chart.rows
        #expect([5, 50, 297].contains(rows.count))
        #expect(chart.width <= 2400)

        // No text overlaps: row labels, axis labels, and labels against bars.
        let texts = rows.map(\.labelBox) + chart.tickLabels.map(\.box)
        for i in texts.indices {
            for j in texts.indices where j > i {
                #expect(!overlaps(texts[i], texts[j]), "labels \(i) and \(j) overlap")
            }
        }
        let bars = rows.compactMap(\.bar)
        for label in texts { for bar in bars { #expect(!overlaps(label, bar)) } }

        // Arrows: out of the predecessor's right edge, into the successor's left edge, and
        // through no bar they do not join.
        let rowIndex = Dictionary(
            rows.enumerated().compactMap { r in r.element.taskID.map { ($0, r.offset) } },
            uniquingKeysWith: { a, _ in a })
        #expect(!chart.arrows.isEmpty || blocks.0 < 5)
        for arrow in chart.arrows {
            let from = try #require(rowIndex[arrow.from]), to = try #require(rowIndex[arrow.to])
            let source = try #require(rows[from].bar), target = try #require(rows[to].bar)
            let first = arrow.points[0], last = arrow.points[arrow.points.count - 1]
            if !arrow.startToStart {
                #expect(
                    abs(first.x - source.maxX) < 0.01 && abs(first.y - (source.y + source.height / 2)) < 0.01,
                    "\(arrow.from) → \(arrow.to) leaves at \(first), bar \(source)")
                #expect(arrow.points[1].x > first.x, "leaves to the right")
            }
            #expect(
                abs(last.x - target.x) < 0.01 && abs(last.y - (target.y + target.height / 2)) < 0.01,
                "\(arrow.from) → \(arrow.to) enters at \(last), bar \(target)")
            #expect(arrow.points[arrow.points.count - 2].x < last.x, "enters from the left")
            for (r, row) in rows.enumerated() where r != from && r != to {
                guard let bar = row.bar else { continue }
                for k in 1..<arrow.points.count {
                    #expect(
                        !segmentCrosses(arrow.points[k - 1], arrow.points[k], bar),
                        "\(arrow.from) → \(arrow.to) crosses the bar of row \(r)")
                }
            }
        }
    }

    @Test func axisStepsUpWithTheSpan() {
        func unit(blocks: Int, perGroup: Int) -> GanttChart.AxisUnit {
            let loaded = generatedProject(blocks: blocks, perGroup: perGroup)
            return GanttChart.render(plan: loaded.plan, analysis: loaded.analysis, options: DiagramOptions(id: "g", standalone: true))
                .axisUnit
        }
        // One group runs its blocks in a chain or close to it; more blocks, longer spans.
        #expect(unit(blocks: 4, perGroup: 4) == .day)
        let long = generatedProject(blocks: 3000, perGroup: 10)
        let chart = GanttChart.render(plan: long.plan, analysis: long.analysis, options: DiagramOptions(id: "g", standalone: true))
        #expect(long.analysis.schedule.durationDays > 300)
        #expect([.month, .quarter, .year].contains(chart.axisUnit))
        #expect(chart.width <= 2400)
    }

    static let plan = """
        ### Group 1: Parsing
        #### Block 1.1: A title so long that no label column could ever hold it, not even at the widest setting we allow for labels in the chart, which is three hundred and twenty pixels
        **Dependencies**: None
        **Estimated Effort**: 2 days
        **Status**: ✅ Complete

        #### Block 1.2: <script>alert(1)</script> & "quotes"
        **Dependencies**: Block 1.1
        **Estimated Effort**: 0 days

        ### Group 2: Output
        #### Block 2.1: Writer
        **Dependencies**: Group 1
        **Estimated Effort**: 3 days

        ### Buffer Allocation
        - Add 1-day buffer after Group 1 (risk)
        """

    @Test func longTitlesAreCutWithTheFullTextInTheirTitle() {
        let loaded = project(config: "start: 2026-03-02\n", ("plan.md", Self.plan))
        let chart = GanttChart.render(plan: loaded.plan, analysis: loaded.analysis, options: DiagramOptions(id: "g", standalone: true))
        let row = chart.rows.first { $0.taskID == "1.1" }!
        #expect(row.label.hasSuffix("…"))
        #expect(row.label.count < row.fullLabel.count)
        #expect(chart.svg.contains("<title>1.1 A title so long that no label column could ever hold it"))
    }

    @Test func documentTextNeverBecomesMarkup() {
        let loaded = project(config: "start: 2026-03-02\n", ("plan.md", Self.plan))
        let svg = GanttChart.render(plan: loaded.plan, analysis: loaded.analysis, options: DiagramOptions(id: "g", standalone: true)).svg
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
    }

    @Test func legendListsExactlyTheEncodingsUsed() {
        let loaded = project(config: "start: 2026-03-02\n", ("plan.md", Self.plan))
        let chart = GanttChart.render(
            plan: loaded.plan, analysis: loaded.analysis, today: CalendarDate("2026-03-04"),
            options: DiagramOptions(id: "g", standalone: true))
        #expect(chart.legend.contains("Milestone"))  // 1.2 takes no time
        #expect(chart.legend.contains("Buffer"))
        #expect(chart.legend.contains("Progress (share complete)"))
        #expect(chart.legend.contains("Today (2026-03-04)"))
        #expect(chart.legend.contains("Non-working day"))
        #expect(!chart.legend.contains("Dependency (start to start)"))
        #expect(!chart.legend.contains("Dependency closing a cycle (ignored)"))

        let undated = project(
            (
                "plan.md",
                """
                ### Group 1: Core
                #### Block 1.1: Only
                **Estimated Effort**: 1 day
                """
            ))
        let small = GanttChart.render(plan: undated.plan, analysis: undated.analysis, options: DiagramOptions(id: "g", standalone: true))
        #expect(Set(small.legend) == ["Critical (on the critical path)", "Baseline (original plan)", "Group span"])
    }

    /// A group's chart covers the group's weeks, not the plan's: a group that starts late
    /// fills the chart instead of a few pixels at its right edge.
    @Test(arguments: [true, false])
    func groupChartStartsAtItsFirstBar(dated: Bool) throws {
        let loaded = project(
            config: dated ? "start: 2026-03-02\n" : "title: Undated\n",
            (
                "plan.md",
                """
                ### Group 1: Groundwork
                #### Block 1.1: Survey
                **Estimated Effort**: 20 days

                ### Group 2: Late work
                #### Block 2.1: Build
                **Dependencies**: Group 1
                **Estimated Effort**: 2 days

                #### Block 2.2: Ship
                **Dependencies**: Block 2.1
                **Estimated Effort**: 1 day
                """
            ))
        let group = GanttChart.render(
            plan: loaded.plan, analysis: loaded.analysis, group: "2", today: CalendarDate("2026-03-03"),
            options: DiagramOptions(id: "g", standalone: true))
        let build = try #require(group.rows.first { $0.taskID == "2.1" }?.bar)
        let ship = try #require(group.rows.first { $0.taskID == "2.2" }?.bar)
        // The axis starts at the group's first day, and the first bar at the axis's start
        // (its first label sits 3 px right of it).
        let first = try #require(group.tickLabels.first)
        #expect(first.text == (dated ? "Mar 30" : "20"))
        #expect(abs(build.x - (first.box.x - 3)) < 0.01)
        #expect(ship.x > build.maxX - 0.01)
        // Three working days drawn at the widest day, not 23 squeezed.
        #expect(ship.maxX - build.x > 60)
        // Today, before the window, is not drawn.
        #expect(!group.legend.contains { $0.hasPrefix("Today") })
        #expect(!group.svg.contains("class=\"today\""))
    }

    @Test func sameInputSameBytes() {
        let a = generatedProject(blocks: 60), b = generatedProject(blocks: 60)
        let options = DiagramOptions(id: "g", standalone: true)
        #expect(
            GanttChart.render(plan: a.plan, analysis: a.analysis, options: options).svg
                == GanttChart.render(plan: b.plan, analysis: b.analysis, options: options).svg)
    }

    @Test func pageChartsLinkEveryBarWithAName() {
        let loaded = project(config: "start: 2026-03-02\n", ("plan.md", Self.plan))
        let options = DiagramOptions(id: "g", standalone: false, link: { "blocks/\($0.id).html" })
        let svg = GanttChart.render(plan: loaded.plan, analysis: loaded.analysis, options: options).svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lr-diagram lr-gantt\""))
        #expect(!svg.contains("role="))  // the implicit graphics-document: links stay reachable
        #expect(svg.contains("<a href=\"blocks/2.1.html\" aria-label=\"Block 2.1: Writer ("))
        #expect(!svg.contains("<style>"))
    }

    @Test func emptyPlanDraws() {
        let loaded = project(("plan.md", "# Notes\n\nNothing planned yet.\n"))
        let chart = GanttChart.render(plan: loaded.plan, analysis: loaded.analysis, options: DiagramOptions(id: "g", standalone: true))
        #expect(chart.rows.isEmpty)
        #expect(chart.svg.hasPrefix("<svg"))
        #expect(chart.svg.contains("<desc>0 blocks in 0 groups"))
    }
}

/// Small plans drawn exactly as recorded (`LOOPREPORT_RECORD=1` rewrites the files after a
/// deliberate change; review the drawings before committing them).
@Suite struct GoldenDiagramTests {
    static let plan = """
        ### Group 1: Core
        #### Block 1.1: Types
        **Dependencies**: None
        **Estimated Effort**: 2 days
        **Status**: ✅ Complete

        #### Block 1.2: Schema
        **Dependencies**: Block 1.1
        **Estimated Effort**: 1 day

        ### Group 2: Storage
        **Dependencies**: Group 1

        #### Block 2.1: Writer
        **Estimated Effort**: 3 days

        #### Block 2.2: Reader
        **Dependencies**: Block 1.1
        **Soft Dependencies**: Block 2.1
        **Estimated Effort**: 1 day

        ### Buffer Allocation
        - Add 1-day buffer after Group 2 (risk)
        """

    static let loaded = project(config: "start: 2026-03-06\n", ("01-plan.md", plan))

    @Test func gantt() {
        let chart = GanttChart.render(
            plan: Self.loaded.plan, analysis: Self.loaded.analysis, today: CalendarDate("2026-03-10"),
            options: DiagramOptions(id: "gantt", standalone: true))
        expectMatchesGolden(chart.svg, "small-gantt.svg")
    }

    @Test func dag() {
        let graph = DependencyGraph.tasks(of: Self.loaded.analysis.schedule, plan: Self.loaded.plan)
        let drawing = DAGDiagram.render(graph, options: DiagramOptions(id: "dag", standalone: true))
        expectMatchesGolden(drawing.svg, "small-dag.svg")
    }
}

@Suite struct DependencyGraphTests {
    @Test func largePlansCollapseToGroupsOnPages() {
        let small = generatedProject(blocks: 60)
        #expect(!DependencyGraph.overview(of: small.analysis.schedule, plan: small.plan).collapsed)
        let large = generatedProject(blocks: 400)
        let overview = DependencyGraph.overview(of: large.analysis.schedule, plan: large.plan)
        #expect(overview.collapsed)
        #expect(overview.nodes.count == 40)
        #expect(overview.nodes.allSatisfy { $0.memberCount == 10 })
        #expect(overview.edges.allSatisfy { $0.from != $0.to && $0.count >= 1 })
        let drawing = DAGDiagram.render(overview, options: DiagramOptions(id: "o", standalone: false))
        #expect(drawing.svg.components(separatedBy: "<g class=\"node").count - 1 == 40)
    }

    @Test func groupGraphHoldsOnlyThatGroup() {
        let loaded = GoldenDiagramTests.loaded
        let graph = DependencyGraph.tasks(of: loaded.analysis.schedule, plan: loaded.plan, group: "2")
        #expect(graph.nodes.map(\.id) == ["2.1", "2.2", "Buffer after Group 2"])
        #expect(
            graph.edges.map { [graph.nodes[$0.from].id, graph.nodes[$0.to].id] } == [
                ["2.1", "2.2"], ["2.1", "Buffer after Group 2"], ["2.2", "Buffer after Group 2"],
            ])
        #expect(graph.edges[0].startToStart)
    }
}
