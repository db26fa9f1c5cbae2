import Foundation
import LoopReportAnalysis
import LoopReportDiagrams
import LoopReportPipeline
import LoopReportTestSupport
import Testing

@Suite struct ResultChartTests {
    /// The example's flush measurements: times in ms, sizes in MB, both over a document
    /// count spanning 1,000 to 500,000 (log scale).
    @Test func exampleMeasurementsAreDrawnPerUnitOnLogAxes() throws {
        let loaded = ExampleProject.load()
        let table = try #require(loaded.analysis.measurements.first { $0.title.contains("Performance Measurements") })
        let chart = ResultChart.render(table, options: DiagramOptions(id: "c", standalone: true))
        #expect(table.logScaleX)
        #expect(chart.panels.count == 2)
        #expect(chart.panels.map(\.unit).contains("ms"))
        #expect(chart.panels.allSatisfy { $0.logY })
        // One line per series, a marker per point, real text for the axes and legend.
        #expect(chart.svg.components(separatedBy: "<path class=\"series").count - 1 == table.series.count)
        #expect(chart.svg.contains("Document Count (log scale)"))
        #expect(chart.svg.contains("Index Time (ms) — grows like"))
        #expect(chart.svg.contains("role=\"img\"><title>"))
    }

    @Test func linearDataGetsLinearAxesFromZero() throws {
        let loaded = project(
            """
            ## Results

            | Users | Latency |
            |-------|---------|
            | 10 | 12ms |
            | 20 | 15ms |
            | 30 | 19ms |
            | 40 | 22ms |

            - Latency grows linearly with users
            """)
        let table = try #require(loaded.analysis.measurements.first)
        let chart = ResultChart.render(table, options: DiagramOptions(id: "c", standalone: false))
        #expect(!table.logScaleX)
        #expect(chart.panels.count == 1)
        #expect(chart.panels.first?.logY == false)
        #expect(chart.svg.contains(">0</text>"))
        #expect(chart.svg.contains("aria-label=\"Results\""))
        #expect(!chart.svg.contains("<style>"))
    }
}
