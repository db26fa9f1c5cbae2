import LoopReportAnalysis
import LoopReportModel
import LoopReportPipeline
import LoopReportSource
import LoopReportTestSupport
import Testing

@Suite struct ScheduleTests {
    static let plan = """
        ### Group 1: Core
        **Estimated Effort**: 5 days

        #### Block 1.1: Types
        **Dependencies**: None
        **Estimated Effort**: 2 days

        #### Block 1.2: Schema
        **Dependencies**: None
        **Estimated Effort**: 1 day

        ### Group 2: Storage
        **Dependencies**: Group 1

        #### Block 2.1: Writer
        **Estimated Effort**: 3 days

        #### Block 2.2: Reader
        **Dependencies**: Block 1.2
        **Soft Dependencies**: Block 2.1
        **Estimated Effort**: 1 day

        ### Group 3: Docs
        **Dependencies**: Block 1.1
        **Estimated Effort**: 1 week

        ### Buffer Allocation
        - Add 1-day buffer after Group 2 (risk)
        """

    static let loaded = project(config: "start: 2026-03-06\nholidays: [2026-03-10]\nnearCriticalDays: 2\n", ("01-plan.md", plan))
    var schedule: Schedule { Self.loaded.analysis.schedule }

    @Test func groupDependenciesSoftDependenciesAndBuffers() throws {
        // 2.1 states no dependencies: it inherits Group 2's dependency on Group 1 (all its blocks).
        #expect(schedule.task("2.1")?.earlyStart == 2)
        #expect(schedule.task("2.1")?.drivingPredecessor == "1.1")
        // 2.2 states its own: after 1.2, and start-to-start with 2.1.
        #expect(schedule.task("2.2")?.earlyStart == 2)
        // A group without blocks is one task with its own estimate (1 week = 5 days).
        #expect(schedule.task("Group 3")?.durationDays == 5)
        #expect(schedule.task("Group 3")?.earlyStart == 2)
        // The buffer follows Group 2 and delays nothing else here.
        let buffer = try #require(schedule.task("Buffer after Group 2"))
        #expect(buffer.earlyStart == 5)
        #expect(buffer.earlyFinish == 6)
        #expect(schedule.durationDays == 7)
        #expect(schedule.criticalPath == ["1.1", "Group 3"])
        #expect(schedule.criticalSet == ["1.1"])
    }

    @Test func floatsAndNearCritical() throws {
        // 2.2 must be done before the buffer after its group (day 6): 3 days of float, 2
        // before the group's finish waits for it.
        let reader = try #require(schedule.task("2.2"))
        #expect(reader.slack == 3)
        #expect(reader.freeFloat == 2)
        // 1.2 must finish before 2.1, which inherits Group 2's dependency on all of Group 1.
        let schema = try #require(schedule.task("1.2"))
        #expect(schema.slack == 2)
        #expect(schema.nearCritical)
        #expect(!reader.nearCritical)
        #expect(schedule.groupSpans.first { $0.groupID == "2" }.map { [$0.start, $0.finish] } == [2, 5])
    }

    @Test func whyCritical() {
        #expect(
            schedule.explanation(for: "1.1")
                == "Block 1.1 is critical: it can start on day 0, and any delay to it moves the project end (day 7).")
        #expect(
            schedule.explanation(for: "2.1")
                == "Block 2.1 is not critical: it starts when Block 1.1 allows (day 2), and it can slip 1 day before the project end moves (0 days before a successor is delayed)."
        )
        #expect(
            schedule.explanation(for: "1.2")
                == "Block 1.2 is not critical: it can start on day 0, and it can slip 2 days before the project end moves (1 day before a successor is delayed)."
        )
        #expect(schedule.drivingChain(of: "2.2") == ["2.1", "1.1"])
    }

    @Test func calendarSkipsWeekendsAndHolidays() throws {
        let calendar = try #require(Self.loaded.analysis.calendar)
        // 2026-03-06 is a Friday; 03-09 Monday; 03-10 a holiday.
        #expect(calendar.startDate(0).description == "2026-03-06")
        #expect(calendar.startDate(1).description == "2026-03-09")
        #expect(calendar.startDate(2).description == "2026-03-11")
        #expect(calendar.finishDate(2).description == "2026-03-09")
        #expect(calendar.finishDate(7).description == "2026-03-17")
        #expect(CalendarDate("2026-02-30") == nil)
        #expect(CalendarDate("2024-02-29")?.weekday == 4)
    }

    /// A missing estimate is flagged and scheduled with the assumed one (marked as assumed);
    /// a zero estimate is flagged and kept.
    @Test func missingEffortsAreAssumedAndFlaggedZeroEffortsAreKept() {
        let loaded = project(
            """
            ### Group 1: Core
            #### Block 1.1: A
            **Dependencies**: None
            #### Block 1.2: B
            **Estimated Effort**: 0 days
            """)
        #expect(loaded.diagnostics.map(\.code) == [.missingEffort, .zeroEffort])
        #expect(loaded.diagnostics.map(\.range?.start.line) == [2, 4])
        #expect(loaded.analysis.schedule.durationDays == 1)
        #expect(loaded.analysis.schedule.assumedEstimates == ["1.1"])
    }

    @Test func cyclesAreReportedAndTheRestIsScheduled() {
        let loaded = project(
            """
            ### Group 1: Core
            #### Block 1.1: A
            **Dependencies**: Block 1.2
            **Estimated Effort**: 1 day
            #### Block 1.2: B
            **Dependencies**: Block 1.1
            **Estimated Effort**: 2 days
            #### Block 1.3: C
            **Dependencies**: None
            **Estimated Effort**: 4 days
            """)
        #expect(loaded.diagnostics.map(\.code) == [.dependencyCycle])
        #expect(loaded.analysis.schedule.durationDays == 4)
        #expect(loaded.analysis.schedule.task("1.2")?.earlyStart != nil)
    }

    @Test func weeksFollowTheConfiguredWorkingWeek() {
        let loaded = project(
            config: "daysPerWeek: 4\n",
            ("plan.md", "### Group 1: A\n#### Block 1.1: B\n**Estimated Effort**: 2 weeks (increased from 1 week)\n"))
        #expect(loaded.analysis.schedule.durationDays == 8)
        #expect(loaded.analysis.baseline.durationDays == 4)
        #expect(
            project(("plan.md", "### Group 1: A\n#### Block 1.1: B\n**Estimated Effort**: 2 weeks\n")).analysis.schedule.durationDays == 10)
    }

    @Test func withoutAStartDateTheScheduleStaysInWorkingDays() {
        let loaded = project(Self.plan)
        #expect(loaded.analysis.calendar == nil)
        #expect(loaded.analysis.schedule.durationDays == 7)
    }
}

@Suite struct HistoryAndForecastTests {
    static let plan = """
        ### Group 1: Core
        #### Block 1.1: A
        **Dependencies**: None
        **Estimated Effort**: 4 days (increased from 2 days)
        #### Block 1.2: B
        **Dependencies**: Block 1.1
        **Estimated Effort**: 2 days
        #### Block 1.3: C
        **Dependencies**: Block 1.2
        **Estimated Effort**: 2 days
        """
    static let loop = """
        ## Revised Group 1: Core
        #### Block 1.1: A (REVISED)
        **Actual Effort**: 6 days
        **Status**: Complete
        #### Block 1.2: B (REVISED)
        **Estimated Effort**: 3 days
        **Actual Effort**: 3 days
        **Status**: Complete
        #### Block 1.4: D (NEW)
        **Dependencies**: Block 1.2
        **Estimated Effort**: 5 days
        ### Removed Blocks:
        - Block 1.3: C (folded into D)
        """
    static let loaded = project(("01-plan.md", plan), ("02-loop.md", loop))
    var analysis: Analysis { Self.loaded.analysis }

    @Test func baselineSnapshotsAndSlip() {
        #expect(Self.loaded.diagnostics.isEmpty, "\(Self.loaded.diagnostics.map(\.message))")
        #expect(analysis.baseline.durationDays == 6, "originals: 2 + 2 + 2")
        #expect(analysis.schedule.durationDays == 12, "4 + 3 + 5")
        #expect(analysis.slipDays == 6)
        #expect(analysis.snapshots.map(\.durationDays) == [12])
        #expect(analysis.snapshots.first?.criticalPath == ["1.1", "1.2", "1.4"])
    }

    @Test func varianceByBlockGroupAndIteration() {
        let v = analysis.variance
        #expect(v.blocks.map(\.subject) == ["1.1", "1.2"])
        #expect(v.blocks.map(\.factor) == [1.5, 1.0])
        #expect(v.groups.first?.estimateDays == 7)
        #expect(v.groups.first?.actualDays == 9)
        #expect(v.iterations.map(\.subject) == ["02-loop.md"])
        #expect(v.factors == [1.5, 1.0])
    }

    @Test func forecastIsDeterministicAndOrdered() {
        let f = analysis.forecast
        #expect(f.remainingBlocks == 1)
        #expect(f.meanFactor == 1.25)
        #expect(f.durationDays == 6 + 3 + 5 * 1.25)
        #expect(f.p50Days <= f.p80Days && f.p80Days <= f.p95Days)
        #expect([f.p50Days, f.p95Days].allSatisfy { [14.0, 16.5].contains($0) })
        let again = project(("01-plan.md", Self.plan), ("02-loop.md", Self.loop)).analysis.forecast
        #expect(again.p50Days == f.p50Days && again.p80Days == f.p80Days && again.p95Days == f.p95Days)
    }
}

@Suite struct MetricVerdictTests {
    static let table = """
        \(GuidelineTables.targetVsAchievedRows)
        | Strong Latency | 500-800ms | 0.9s | Over |
        | Functionality | All requirements | All requirements | Met |
        """

    @Test func verdictsWithAnExplicitDirection() {
        let metrics = project(Self.table).analysis.metrics
        #expect(metrics.map(\.verdict) == [.met, .met, .met, .met, .missed, .missed, .met])
        #expect(metrics.map(\.higherIsBetter) == [true, nil, false, false, false, nil, nil])
        #expect(metrics[0].variancePercent == 7.5)
        #expect(metrics[1].variancePercent == 0)
        #expect(abs((metrics[2].variancePercent ?? 0) - 12) < 1e-9, "880ms is 12% under 1s")
        #expect(abs((metrics[3].variancePercent ?? 0) - 7.5) < 1e-9, "3.7GB is 7.5% under 4GB: better, whatever the author's sign")
        #expect(metrics[4].variancePercent == -2)
        #expect(metrics[4].varianceInPoints)
        #expect(abs((metrics[5].variancePercent ?? 0) + 12.5) < 1e-9, "0.9s is 12.5% over 800ms")
    }

    @Test func recurringMetricsFormASeries() {
        let loaded = project(
            ("01.md", Self.table),
            ("02.md", "| Metric | Target | Current | Status |\n|---|---|---|---|\n| Standard TPS | 200,000+ | 165,000 | 🟠 82% |\n"))
        #expect(loaded.analysis.metricSeries.map(\.name) == ["Standard TPS"])
        #expect(loaded.analysis.metricSeries.first?.points.map(\.verdict) == [.met, .missed])
    }
}
