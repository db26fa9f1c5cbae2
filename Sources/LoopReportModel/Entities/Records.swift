import LoopReportSource

/// A decision log row: `| L1 | 2024-05-20 | Issue | Decision | Rationale | Impact |` and the
/// third-pass `| D1 | Discrepancy | Decision | Rationale | Impact |` variant.
package struct Decision: Sendable, Hashable {
    package var id: String
    package var date: String?
    /// The issue or discrepancy the decision answers.
    package var issue: String?
    package var decision: String
    package var rationale: String?
    package var impact: String?
    /// An effort change stated in the impact (`+3 days, improved scaling`), in days.
    package var impactDays: Double?
    package var owner: String?
    package var path: String
    package var range: SourceRange?
}

/// One item of a checklist: a GFM task item or a glyph-marked result (`✓`, `✗`, `⚠️`).
package struct ChecklistItem: Sendable, Hashable {
    package enum State: String, Sendable, Hashable, Codable { case checked, unchecked, failed, warning }
    package var text: String
    package var state: State
    package var range: SourceRange?
    package var checked: Bool { state == .checked }
}

/// A checklist: the task items under one heading.
package struct Checklist: Sendable, Hashable {
    package var title: String
    /// Headings above it, outermost first (e.g. `Enhanced Validation Checklist: BLS`).
    package var context: [String]
    package var items: [ChecklistItem]
    package var path: String
    package var range: SourceRange?
    package var checkedCount: Int { items.filter(\.checked).count }
}

/// A named metric with a target and the value achieved, from any metrics table or list line.
package struct Metric: Sendable, Hashable {
    package var name: String
    package var target: Target?
    package var achieved: Quantity?
    /// The achieved cell as written (`12% increase`, `All requirements`).
    package var achievedText: String?
    /// The author's own variance or status figure, as written.
    package var declaredVariance: String?
    package var path: String
    package var range: SourceRange?
    package var varianceRange: SourceRange?
}

/// A measurement series: a numeric first column and numeric cells with units.
package struct MeasurementTable: Sendable, Hashable {
    package var title: String
    /// The first column's header (the scale, e.g. `Validator Count`) and the series headers.
    package var scaleName: String
    package var seriesNames: [String]
    /// x values and, per series, y values (nil where a cell is not numeric).
    package var scale: [Double]
    package var series: [[Quantity?]]
    /// Growth claims in the same section, e.g. `scales approximately as O(n log n)`.
    package var claims: [String]
    package var path: String
    package var range: SourceRange?
}

/// A row of a timeline-adjustments table: `| Group 2 | 4 days | 6 days | +2 | Reason |`.
package struct TimelineAdjustment: Sendable, Hashable {
    package var subject: String
    package var reference: Reference?
    package var original: Effort?
    package var revised: Effort?
    /// The Delta cell as written (`+2`, `-`, `None`) and its value in days (nil for `-`).
    package var deltaText: String
    package var deltaDays: Double?
    package var reason: String?
    package var path: String
    package var range: SourceRange?
    package var deltaRange: SourceRange?
}

/// A row of a predictive-accuracy table: estimate, actual, variance and factor as written.
package struct AccuracyRecord: Sendable, Hashable {
    package var subject: String
    package var reference: Reference?
    package var estimated: Effort?
    package var actual: Effort?
    package var varianceText: String?
    package var variancePercent: Double?
    package var factorText: String?
    package var factor: Double?
    package var path: String
    package var range: SourceRange?
    package var varianceRange: SourceRange?
    package var factorRange: SourceRange?
}

/// A progress line: `Core Types (Group 1): 100% complete`, `✅ Block 1.1: …`,
/// `☑️ Block 1.2: In Progress (80% complete)`.
package struct ProgressEntry: Sendable, Hashable {
    package var subject: String
    package var reference: Reference?
    package var percent: Double?
    package var progress: Progress?
    package var path: String
    package var range: SourceRange?
}

/// A declared figure written as a fraction: `Blocks completed: 1/14 (7%)`.
package struct DeclaredRatio: Sendable, Hashable {
    package var label: String
    package var ratio: Ratio
    package var path: String
    package var range: SourceRange?
}

/// `Add 2-day buffer after Group 3 (high risk)`.
package struct Buffer: Sendable, Hashable {
    package var days: Double
    /// The group it follows; nil for `before final release` and the like.
    package var after: Reference?
    package var placement: String
    package var reason: String?
    package var path: String
    package var range: SourceRange?
}

/// A total the authors declared: `**Total Buffer**: 5 days`, `**Overall Impact**: +8 days`.
package struct DeclaredTotal: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, Codable { case totalBuffer, overallImpact, timelineImpact }
    package var kind: Kind
    package var days: Double?
    package var text: String
    package var path: String
    package var range: SourceRange?
}

/// `Original timeline: 21 days` / `Current projection: 29 days (+8 days, +38%)`.
package struct TimelineProjection: Sendable, Hashable {
    package var originalDays: Double?
    package var projectedDays: Double?
    package var deltaDays: Double?
    package var deltaPercent: Double?
    package var confidence: String?
    package var path: String
    package var range: SourceRange?
}

/// A critical path the authors declared, as chains of block references (a fork is a
/// second chain).
package struct DeclaredCriticalPath: Sendable, Hashable {
    package var chains: [[Reference]]
    package var text: String
    package var path: String
    package var range: SourceRange?
}

/// A figure kept as written: ASCII dependency graphs, Gantt art, code.
package struct Figure: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, Codable { case dependencyGraph, criticalPath, code, diagram }
    package var kind: Kind
    package var language: String
    package var text: String
    /// Block and group labels found in the figure.
    package var references: [Reference]
    package var sectionTitle: String
    package var path: String
    package var range: SourceRange?
}

/// One item of a categorised list: a discovery, lesson, deviation, pattern, health line…
package struct Finding: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case discovery, deviation, pattern, health, lesson, planAdjustment, optimizationOpportunity,
            unexpectedFinding, scalingCharacteristic, documentationUpdate, operationalGuidance,
            complexityAssessment, resourceAllocation, architecturalEvolution, completionAnalysis,
            keyObjective, validationCriterion, incrementalTesting, telemetry, blockerNote
    }
    package var kind: Kind
    /// The category heading (`Architectural Issues`, `Planning and Estimation`).
    package var category: String
    package var text: String
    /// Nested bullet lines under it.
    package var details: [String]
    package var path: String
    package var range: SourceRange?
}

/// A root-cause record: symptoms, causes, impact and how it was verified.
package struct RootCause: Sendable, Hashable {
    package var title: String
    package var symptoms: [String]
    package var primaryCauses: [String]
    package var contributingFactors: [String]
    package var impact: [String]
    package var verification: [String]
    package var path: String
    package var range: SourceRange?
}

/// A continuation strategy class (`1. Incremental Refinement`) with its example and process.
package struct ContinuationStrategy: Sendable, Hashable {
    package var title: String
    package var summary: String
    package var example: String?
    package var process: [String]
    package var path: String
    package var range: SourceRange?
}

/// A revised technical specification: current vs revised approach and what follows.
package struct RevisedSpecification: Sendable, Hashable {
    package var title: String
    package var currentApproach: Figure?
    package var revisedApproach: Figure?
    package var optimizationDetails: [String]
    package var performanceExpectations: [String]
    package var path: String
    package var range: SourceRange?
}

/// An end-to-end integration test scenario.
package struct IntegrationScenario: Sendable, Hashable {
    package var title: String
    package var scenario: String?
    package var components: [String]
    package var steps: [String]
    package var expectedMetrics: [String]
    package var path: String
    package var range: SourceRange?
}

/// A major revision: original approach, final approach and reason.
package struct MajorRevision: Sendable, Hashable {
    package var title: String
    package var originalApproach: String?
    package var finalApproach: String?
    package var reason: String?
    package var path: String
    package var range: SourceRange?
}

/// A validation status line (`**Status**: VERIFIED WITH UPDATES ⚠️`) under a pre- or
/// post-implementation validation heading, or a blocker record.
package struct StatusRecord: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, Codable { case preImplementation, postImplementation, blocker, overall }
    package var kind: Kind
    package var subject: String
    package var block: Reference?
    package var status: String
    package var details: [Field]
    package var path: String
    package var range: SourceRange?
}
