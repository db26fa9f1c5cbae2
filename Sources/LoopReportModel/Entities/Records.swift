import LoopReportSource

/// A decision log row: `| L1 | 2024-05-20 | Issue | Decision | Rationale | Impact |` and the
/// third-pass `| D1 | Discrepancy | Decision | Rationale | Impact |` variant.
public struct Decision: Sendable, Hashable {
    public var id: String
    public var date: String?
    /// The issue or discrepancy the decision answers.
    public var issue: String?
    public var decision: String
    public var rationale: String?
    public var impact: String?
    /// An effort change stated in the impact (`+3 days, improved scaling`), in days.
    public var impactDays: Double?
    public var owner: String?
    public var path: String
    public var range: SourceRange?
}

/// One item of a checklist: a GFM task item or a glyph-marked result (`✓`, `✗`, `⚠️`).
public struct ChecklistItem: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable { case checked, unchecked, failed, warning }
    public var text: String
    public var state: State
    public var range: SourceRange?
    public var checked: Bool { state == .checked }
}

/// A checklist: the task items under one heading.
public struct Checklist: Sendable, Hashable {
    public var title: String
    /// Headings above it, outermost first (e.g. `Enhanced Validation Checklist: BLS`).
    public var context: [String]
    public var items: [ChecklistItem]
    public var path: String
    public var range: SourceRange?
    public var checkedCount: Int { items.filter(\.checked).count }
}

/// A named metric with a target and the value achieved, from any metrics table or list line.
public struct Metric: Sendable, Hashable {
    public var name: String
    public var target: Target?
    public var achieved: Quantity?
    /// The achieved cell as written (`12% increase`, `All requirements`).
    public var achievedText: String?
    /// The author's own variance or status figure, as written.
    public var declaredVariance: String?
    public var path: String
    public var range: SourceRange?
    public var varianceRange: SourceRange?
}

/// A measurement series: a numeric first column and numeric cells with units.
public struct MeasurementTable: Sendable, Hashable {
    public var title: String
    /// The first column's header (the scale, e.g. `Validator Count`) and the series headers.
    public var scaleName: String
    public var seriesNames: [String]
    /// x values and, per series, y values (nil where a cell is not numeric).
    public var scale: [Double]
    public var series: [[Quantity?]]
    /// Growth claims in the same section, e.g. `scales approximately as O(n log n)`.
    public var claims: [String]
    public var path: String
    public var range: SourceRange?
}

/// A row of a timeline-adjustments table: `| Group 2 | 4 days | 6 days | +2 | Reason |`.
public struct TimelineAdjustment: Sendable, Hashable {
    public var subject: String
    public var reference: Reference?
    public var original: Effort?
    public var revised: Effort?
    /// The Delta cell as written (`+2`, `-`, `None`) and its value in days (nil for `-`).
    public var deltaText: String
    public var deltaDays: Double?
    public var reason: String?
    public var path: String
    public var range: SourceRange?
    public var deltaRange: SourceRange?
}

/// A row of a predictive-accuracy table: estimate, actual, variance and factor as written.
public struct AccuracyRecord: Sendable, Hashable {
    public var subject: String
    public var reference: Reference?
    public var estimated: Effort?
    public var actual: Effort?
    public var varianceText: String?
    public var variancePercent: Double?
    public var factorText: String?
    public var factor: Double?
    public var path: String
    public var range: SourceRange?
    public var varianceRange: SourceRange?
    public var factorRange: SourceRange?
}

/// A progress line: `Core Types (Group 1): 100% complete`, `✅ Block 1.1: …`,
/// `☑️ Block 1.2: In Progress (80% complete)`.
public struct ProgressEntry: Sendable, Hashable {
    public var subject: String
    public var reference: Reference?
    public var percent: Double?
    public var progress: Progress?
    public var path: String
    public var range: SourceRange?
}

/// A declared figure written as a fraction: `Blocks completed: 1/14 (7%)`.
public struct DeclaredRatio: Sendable, Hashable {
    public var label: String
    public var ratio: Ratio
    public var path: String
    public var range: SourceRange?
}

/// `Add 2-day buffer after Group 3 (high risk)`.
public struct Buffer: Sendable, Hashable {
    public var days: Double
    /// The group it follows; nil for `before final release` and the like.
    public var after: Reference?
    public var placement: String
    public var reason: String?
    public var path: String
    public var range: SourceRange?
}

/// A total the authors declared: `**Total Buffer**: 5 days`, `**Overall Impact**: +8 days`.
public struct DeclaredTotal: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable { case totalBuffer, overallImpact, timelineImpact }
    public var kind: Kind
    public var days: Double?
    public var text: String
    public var path: String
    public var range: SourceRange?
}

/// `Original timeline: 21 days` / `Current projection: 29 days (+8 days, +38%)`.
public struct TimelineProjection: Sendable, Hashable {
    public var originalDays: Double?
    public var projectedDays: Double?
    public var deltaDays: Double?
    public var deltaPercent: Double?
    public var confidence: String?
    public var path: String
    public var range: SourceRange?
}

/// A critical path the authors declared, as chains of block references (a fork is a
/// second chain).
public struct DeclaredCriticalPath: Sendable, Hashable {
    public var chains: [[Reference]]
    public var text: String
    public var path: String
    public var range: SourceRange?
}

/// A figure kept as written: ASCII dependency graphs, Gantt art, code.
public struct Figure: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable { case dependencyGraph, criticalPath, code, diagram }
    public var kind: Kind
    public var language: String
    public var text: String
    /// Block and group labels found in the figure.
    public var references: [Reference]
    public var sectionTitle: String
    public var path: String
    public var range: SourceRange?
}

/// One item of a categorised list: a discovery, lesson, deviation, pattern, health line…
public struct Finding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case discovery, deviation, pattern, health, lesson, planAdjustment, optimizationOpportunity,
             unexpectedFinding, scalingCharacteristic, documentationUpdate, operationalGuidance,
             complexityAssessment, resourceAllocation, architecturalEvolution, completionAnalysis,
             keyObjective, validationCriterion, incrementalTesting, telemetry, blockerNote
    }
    public var kind: Kind
    /// The category heading (`Architectural Issues`, `Planning and Estimation`).
    public var category: String
    public var text: String
    /// Nested bullet lines under it.
    public var details: [String]
    public var path: String
    public var range: SourceRange?
}

/// A root-cause record: symptoms, causes, impact and how it was verified.
public struct RootCause: Sendable, Hashable {
    public var title: String
    public var symptoms: [String]
    public var primaryCauses: [String]
    public var contributingFactors: [String]
    public var impact: [String]
    public var verification: [String]
    public var path: String
    public var range: SourceRange?
}

/// A continuation strategy class (`1. Incremental Refinement`) with its example and process.
public struct ContinuationStrategy: Sendable, Hashable {
    public var title: String
    public var summary: String
    public var example: String?
    public var process: [String]
    public var path: String
    public var range: SourceRange?
}

/// A revised technical specification: current vs revised approach and what follows.
public struct RevisedSpecification: Sendable, Hashable {
    public var title: String
    public var currentApproach: Figure?
    public var revisedApproach: Figure?
    public var optimizationDetails: [String]
    public var performanceExpectations: [String]
    public var path: String
    public var range: SourceRange?
}

/// An end-to-end integration test scenario.
public struct IntegrationScenario: Sendable, Hashable {
    public var title: String
    public var scenario: String?
    public var components: [String]
    public var steps: [String]
    public var expectedMetrics: [String]
    public var path: String
    public var range: SourceRange?
}

/// A major revision: original approach, final approach and reason.
public struct MajorRevision: Sendable, Hashable {
    public var title: String
    public var originalApproach: String?
    public var finalApproach: String?
    public var reason: String?
    public var path: String
    public var range: SourceRange?
}

/// A validation status line (`**Status**: VERIFIED WITH UPDATES ⚠️`) under a pre- or
/// post-implementation validation heading, or a blocker record.
public struct StatusRecord: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable { case preImplementation, postImplementation, blocker, overall }
    public var kind: Kind
    public var subject: String
    public var block: Reference?
    public var status: String
    public var details: [Field]
    public var path: String
    public var range: SourceRange?
}
