import LoopReportModel
import LoopReportPipeline
import LoopReportSource
import LoopReportTestSupport
import Testing

@Suite struct IterationTests {
    static let loaded = project(("01-plan.md", IterationFixture.plan), ("02-loop.md", IterationFixture.iteration))
    var plan: Plan { Self.loaded.plan }
    var records: PlanRecords { plan.records }

    /// The reference iteration's own critical path skips Blocks 3.1 and 3.2, on which Block 3.4
    /// depends: the one problem LoopReport finds in the fixture.
    @Test func theFixtureHasOnlyTheGuidelinesCriticalPathProblem() {
        #expect(Self.loaded.diagnostics.map(\.code) == [.criticalPathMismatch], "\(Self.loaded.diagnostics.map(\.message))")
        #expect(Self.loaded.diagnostics.first?.message.contains("Block 1.1 → Block 3.1 → Block 3.2 → Block 3.4") == true)
        #expect(plan.documents.map(\.kind) == [.plan, .iteration])
    }

    @Test func newRevisedAndRemovedBlocksApplyInOrder() throws {
        let iteration = try #require(plan.iterations.first)
        #expect(iteration.path == "02-loop.md")
        #expect(iteration.added == ["3.4", "3.5"])
        #expect(iteration.revised == ["5.2", "4.3"])
        #expect(iteration.removed == ["3.3"])
        #expect(plan.block("3.3")?.status == .removed)
        #expect(plan.block("3.4")?.status == .new)
        let finality = try #require(plan.block("5.2"))
        #expect(finality.status == .revised)
        #expect(finality.title == "Finality")
        #expect(finality.estimate?.days == 4)
        #expect(finality.baselineEstimateDays == 3, "the first plan's estimate stays the baseline")
        #expect(finality.dependencies.map(\.id) == ["3.5"])
        #expect(finality.history.map(\.change) == [.defined, .revised])
        #expect(finality.history.map(\.estimateDays) == [3, 4])
        // A revision replaces only the fields it gives.
        let cache = try #require(plan.block("4.3"))
        #expect(cache.dependencies.map(\.id) == ["4.1"])
        #expect(cache.estimate?.days == 2)
        #expect(plan.currentBlocks.count == 10)
        #expect(iteration.blockCount == 10)
    }

    @Test func progressAssessment() {
        let groups = records.progress.filter { $0.reference?.kind == .group }
        #expect(groups.map(\.reference?.id) == ["1", "2", "3", "4"])
        #expect(groups.map(\.percent) == [100, 75, 40, 20])
        #expect(groups.map(\.subject) == ["Core Types", "Block Builder", "Signatures", "Execution"])
        let kinds = records.findings.map(\.kind)
        #expect(kinds.contains(.deviation))
        #expect(kinds.contains(.pattern))
        let health = records.findings.filter { $0.kind == .health }.map(\.text)
        #expect(health == ["Timeline: 2 weeks behind schedule (25% delay)", "Resource Usage: 30% above estimates"])
    }

    @Test func discoveriesByCategory() {
        let discoveries = records.findings.filter { $0.kind == .discovery }
        #expect(discoveries.map(\.category) == ["Architectural Issues", "Architectural Issues", "Security Concerns"])
        #expect(discoveries[0].text == "Aggregation cannot reach the validator count")
    }

    @Test func rootCause() throws {
        let cause = try #require(records.rootCauses.first)
        #expect(cause.title == "Aggregation Scale Issue")
        #expect(cause.symptoms.count == 2)
        #expect(cause.primaryCauses == ["The algorithm is O(n²)"])
        #expect(cause.contributingFactors == ["Every signature is copied", "Batch verification is naive"])
        #expect(cause.impact == ["Consensus performance suffers"])
        #expect(cause.verification == ["Profiling shows 85% of time in signatures"])
    }

    @Test func continuationStrategies() {
        #expect(records.strategies.map(\.title) == ["Incremental Refinement", "Component Redesign"])
        #expect(records.strategies[0].example == "Micro-DAG construction needs batching.")
        #expect(records.strategies[0].process == ["Keep the architecture", "Add caching"])
        #expect(records.strategies[0].summary == "Keep the approach, optimise it.")
    }

    @Test func revisedSpecification() throws {
        let spec = try #require(records.specifications.first)
        #expect(spec.title == "Signature Aggregation")
        #expect(spec.currentApproach?.language == "rust")
        #expect(spec.currentApproach?.text.contains("fold") == true)
        #expect(spec.revisedApproach?.text.contains("divide_and_conquer") == true)
        #expect(spec.optimizationDetails == ["Hierarchical aggregation reduces complexity"])
        #expect(spec.performanceExpectations == ["500+ validators under 100ms"])
        let sections = plan.documents[1].sections
        #expect(sections.first { $0.title == "Current Approach" }?.marker == .problematic)
    }

    @Test func declaredCriticalPathWithAFork() throws {
        let path = try #require(records.criticalPaths.first)
        #expect(path.chains.map { $0.map(\.id) } == [["1.1", "3.4", "3.5", "5.2", "6.1"], ["2.3", "4.1", "4.3"]])
        #expect(path.chains[1][0].range?.start.line == path.chains[0][0].range.map { $0.start.line + 2 })
        #expect(path.chains[0][1].range?.start.column == 15, "UTF-8 bytes: the arrow is three")
    }

    @Test func timelineAdjustmentsWhateverTheColumnOrder() throws {
        #expect(records.timelineAdjustments.map(\.deltaDays) == [nil, 2, 3, 1, 1, 1])
        #expect(records.timelineAdjustments.map(\.original?.days) == [5, 4, 3, 4, 3, 2])
        #expect(records.timelineAdjustments[1].reference?.label == "Group 2")
        let reordered = project(
            """
            ### Timeline Adjustments
            | Reason | Delta | Revised Estimate | Group | Original Estimate |
            |---|---|---|---|---|
            | More work | +2 | 6 days | Group 2 | 4 days |
            """
        ).plan.records.timelineAdjustments
        #expect(reordered.map(\.subject) == ["Group 2"])
        #expect(reordered.map(\.revised?.days) == [6])
        #expect(reordered.map(\.deltaDays) == [2])
    }

    @Test func totalsBuffersAndProjections() throws {
        let totals = Dictionary(records.totals.map { ($0.kind, $0.days) }, uniquingKeysWith: { a, _ in a })
        #expect(totals[.overallImpact] == 8)
        #expect(totals[.totalBuffer] == 5)
        #expect(totals[.timelineImpact] == 3)
        #expect(records.buffers.map(\.days) == [2, 1, 2])
        #expect(records.buffers.map(\.after?.id) == ["3", "5", nil])
        #expect(records.buffers[2].placement == "before final release")
        #expect(records.buffers[0].reason == "high risk")
        let projection = try #require(records.projections.first)
        #expect(projection.originalDays == 21)
        #expect(projection.projectedDays == 29)
        #expect(projection.deltaDays == 8)
        #expect(projection.deltaPercent == 38)
        #expect(projection.confidence == "Medium-High")
    }

    @Test func validationChecklistsByHeading() {
        let lists = records.checklists
        #expect(lists.map(\.title) == ["Functional Validation", "Performance Validation"])
        #expect(lists[0].context == ["Loop Iteration 1", "Enhanced Validation Checklist: Aggregation", "Functional Validation"])
        #expect(lists[0].items.map(\.checked) == [true, false])
        #expect(lists[1].items[0].text == "Measure signature time (should be <5ms)")
    }

    @Test func integrationScenario() throws {
        let scenario = try #require(records.scenarios.first)
        #expect(scenario.title == "Security Level Progression")
        #expect(scenario.scenario == "A transaction moves through all security levels")
        #expect(scenario.components == ["Transaction Pool", "Consensus Engine"])
        #expect(scenario.steps == ["Submit a transaction", "Watch it progress"])
        #expect(scenario.expectedMetrics == ["End-to-end time: <1s to Full security"])
    }

    @Test func measurementTableWithUnitsAndGrowthClaims() throws {
        let table = try #require(records.measurementTables.first)
        #expect(table.scaleName == "Validator Count")
        #expect(table.scale == [10, 50, 100, 500])
        #expect(table.seriesNames == ["Aggregation Time", "Memory Usage", "Network Traffic"])
        #expect(table.series[0].map { $0?.value } == [3, 12, 23, 112])
        #expect(table.series[1].map { $0?.unit } == ["mb", "mb", "mb", "mb"])
        #expect(
            table.claims == [
                "Aggregation time scales approximately as O(n log n)",
                "Memory usage scales linearly with validator count",
            ])
        let section = plan.documents[1].sections.first { $0.kind == .implementationResults }
        #expect(section?.subject?.label == "Block 3.4")
    }

    @Test func reassessmentCycle() {
        let metrics = records.metrics.filter { $0.path == "02-loop.md" }
        #expect(metrics.map(\.name) == ["Performance", "Memory Usage"])
        #expect(metrics[0].target?.comparator == .lessThan)
        #expect(metrics[0].target?.upper == 100)
        #expect(metrics[0].target?.qualifier == "for 500 validators")
        #expect(metrics[1].achieved?.value == 128)
        #expect(metrics[1].declaredVariance == "-28%")
        let lessons = records.findings.filter { $0.kind == .lesson }.map(\.text)
        #expect(lessons == ["Hierarchical aggregation worked", "Profile memory earlier"])
        #expect(records.findings.contains { $0.kind == .planAdjustment })
        #expect(records.findings.contains { $0.kind == .completionAnalysis })
        #expect(records.findings.contains { $0.kind == .unexpectedFinding })
        #expect(records.findings.contains { $0.kind == .scalingCharacteristic })
        #expect(records.findings.contains { $0.kind == .documentationUpdate })
    }

    @Test func predictiveAccuracy() {
        #expect(records.accuracy.map(\.estimated?.days) == [5, 4, 6])
        #expect(records.accuracy.map(\.actual?.days) == [5.5, 6, 6])
        #expect(records.accuracy.map(\.variancePercent) == [10, 50, 0])
        #expect(records.accuracy.map(\.factor) == [1.1, 1.5, 1.0])
    }

    @Test func loopDecisionLog() {
        #expect(records.decisions.map(\.id) == ["L1", "L2"])
        #expect(records.decisions[0].date == "2024-05-20")
        #expect(records.decisions[0].issue == "Aggregation scaling")
        #expect(records.decisions[0].decision == "Hierarchical aggregation")
        #expect(records.decisions[0].impactDays == 3)
        #expect(records.decisions[1].impact == "+1 day, stable memory")
    }

    @Test func everyTableIsKeptWithItsKind() {
        #expect(
            records.tables.map(\.kind) == [
                .timelineAdjustments, .measurements, .expectationVsReality,
                .predictiveAccuracy, .decisionLog,
            ])
    }

    @Test func nothingIsDropped() {
        // Every top-level Markdown node of the document sits in some section.
        let document = plan.documents[1]
        let kept = document.sections.reduce(0) { $0 + $1.content.count } + document.sections.count - 1
        let parsed = CmarkParserCount.topLevelNodes(IterationFixture.iteration)
        #expect(kept == parsed)
    }
}
