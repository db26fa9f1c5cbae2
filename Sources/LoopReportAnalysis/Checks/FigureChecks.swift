import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// One declared figure and what LoopReport computes for it.
package struct FigureCheck: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, Codable {
        case criticalPath, delta, overallImpact, totalBuffer, variance, factor, projection, ratio, progress
    }
    package var kind: Kind
    package var declared: String
    package var expected: String
    package var agrees: Bool
    package var range: SourceRange?
}

/// What the snapshot summaries and the checks read of one document's snapshot of the plan
/// and of its schedule: taken in the job that made them, so that neither outlives it.
struct DocumentFigures: Sendable {
    struct Member: Sendable {
        var id: String
        var estimateDays: Double?
    }
    var blockCount: Int
    /// The schedule's length and critical path, when the snapshot was scheduled.
    var durationDays: Double?
    var criticalPath: [String]?
    /// The blocks, in plan order, of each group the document gives a completion for.
    var groupMembers: [String: [Member]] = [:]

    init(_ plan: Plan, document: Int, snapshot: PlanSnapshot, schedule: Schedule?) {
        blockCount = snapshot.blocks.count
        durationDays = schedule?.durationDays
        criticalPath = schedule?.criticalPath
        let path = plan.documents[document].path
        var groups = Set<String>()
        for entry in plan.records.progress where entry.percent != nil && entry.reference?.kind == .group && entry.path == path {
            groups.insert(entry.reference!.id)
        }
        guard !groups.isEmpty else { return }
        for block in snapshot.blocks where groups.contains(block.groupID) {
            groupMembers[block.groupID, default: []].append(Member(id: block.id, estimateDays: block.estimateDays))
        }
    }
}

/// Checks of every figure the authors declared: a figure that agrees gives no diagnostic;
/// one that disagrees gives a warning at the figure saying what was expected.
enum FigureChecks {
    /// `documents`: the figures of each document's snapshot, by the document's index.
    static func run(_ plan: Plan, documents: [Int: DocumentFigures]) -> [FigureCheck] {
        var checks: [FigureCheck] = []
        let documentIndex = Dictionary(plan.documents.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
        let records = plan.records

        for path in records.criticalPaths {
            guard let declared = path.chains.first, let k = documentIndex[path.path],
                let computed = documents[k]?.criticalPath
            else { continue }
            let declaredIDs = declared.map { $0.kind == .block ? $0.id : $0.label }
            checks.append(
                FigureCheck(
                    kind: .criticalPath, declared: chain(declaredIDs), expected: chain(computed),
                    agrees: declaredIDs == computed, range: path.range))
        }
        for row in records.timelineAdjustments {
            guard let original = row.original?.days, let revised = row.revised?.days else { continue }
            let delta = revised - original
            let declared = row.deltaDays ?? 0
            // `−33%`: a change in percent of the original, agreeing to the whole percent written;
            // `+2d (+40%)`: both, each in its own unit.
            if row.deltaText.contains("%") {
                guard original != 0, let percent = Percent.find(in: row.deltaText)?.value else { continue }
                let expected = delta / original * 100
                let leading = row.deltaText.prefix { $0 != "(" }
                let daysToo = !leading.contains("%") && leading.contains(where: \.isLetter)
                let agreesInDays = !daysToo || abs(declared - delta) < 1e-6
                checks.append(
                    FigureCheck(
                        kind: .delta, declared: row.deltaText,
                        expected: (daysToo ? signed(delta) + " (" : "") + signed(expected.rounded()) + "%" + (daysToo ? ")" : ""),
                        agrees: abs(percent - expected) < 0.5 + 1e-9 && agreesInDays, range: row.deltaRange ?? row.range))
                continue
            }
            checks.append(
                FigureCheck(
                    kind: .delta, declared: row.deltaText.isEmpty ? "-" : row.deltaText,
                    expected: signed(delta), agrees: abs(declared - delta) < 1e-6,
                    range: row.deltaRange ?? row.range))
        }
        for total in records.totals {
            switch total.kind {
            case .overallImpact:
                let rows = records.timelineAdjustments.filter { $0.path == total.path }
                guard !rows.isEmpty, let declared = total.days else { continue }
                let sum = rows.reduce(0.0) { $0 + (($1.revised?.days ?? 0) - ($1.original?.days ?? 0)) }
                checks.append(
                    FigureCheck(
                        kind: .overallImpact, declared: total.text, expected: signed(sum) + " days",
                        agrees: abs(sum - declared) < 1e-6, range: total.range))
            case .totalBuffer:
                let buffers = records.buffers.filter { $0.path == total.path }
                guard !buffers.isEmpty, let declared = total.days else { continue }
                let sum = buffers.reduce(0.0) { $0 + $1.days }
                checks.append(
                    FigureCheck(
                        kind: .totalBuffer, declared: total.text, expected: days(sum),
                        agrees: abs(sum - declared) < 1e-6, range: total.range))
            case .timelineImpact:
                continue
            }
        }
        // A document's variances follow one convention: over the estimate (the core dialect's, docs/format.md), or
        // `(Estimate − Actual) / Estimate`, or over the actual, as its authors say or its rows
        // show. The one most rows agree with is the document's (the core dialect's when tied), and
        // each row is checked against it.
        var conventions: [String: Int] = [:]
        for (path, rows) in Dictionary(grouping: records.accuracy, by: \.path) {
            var agreeing = [Int](repeating: 0, count: VarianceConvention.allCases.count)
            for row in rows {
                guard let estimate = row.estimated?.days, let actual = row.actual?.days, estimate > 0, actual > 0,
                    let text = row.varianceText, let declared = row.variancePercent
                else { continue }
                for (c, convention) in VarianceConvention.allCases.enumerated()
                where agrees(declared, convention.percent(estimate: estimate, actual: actual), written: text) { agreeing[c] += 1 }
            }
            // The most agreeing; the first (the core dialect's) when tied.
            conventions[path] = agreeing.firstIndex(of: agreeing.max() ?? 0)
        }
        for row in records.accuracy {
            guard let estimate = row.estimated?.days, let actual = row.actual?.days, estimate > 0 else { continue }
            if let text = row.varianceText, let declared = row.variancePercent {
                let convention = VarianceConvention.allCases[actual > 0 ? conventions[row.path] ?? 0 : 0]
                let expected = convention.percent(estimate: estimate, actual: actual)
                checks.append(
                    FigureCheck(
                        kind: .variance, declared: text, expected: signed(expected, decimals: 1) + "%" + convention.note,
                        agrees: agrees(declared, expected, written: text), range: row.varianceRange))
            }
            if let text = row.factorText, let declared = row.factor {
                let expected = actual / estimate
                checks.append(
                    FigureCheck(
                        kind: .factor, declared: text, expected: format(expected, decimals: 2) + "x",
                        agrees: agrees(declared, expected, written: text), range: row.factorRange))
            }
        }
        for projection in records.projections {
            guard let original = projection.originalDays, let projected = projection.projectedDays else { continue }
            if let declared = projection.deltaDays {
                checks.append(
                    FigureCheck(
                        kind: .projection, declared: signed(declared) + " days",
                        expected: signed(projected - original) + " days",
                        agrees: abs(declared - (projected - original)) < 1e-6, range: projection.range))
            }
            if let declared = projection.deltaPercent, original > 0 {
                let expected = (projected - original) / original * 100
                checks.append(
                    FigureCheck(
                        kind: .projection, declared: signed(declared) + "%",
                        expected: signed(expected, decimals: 1) + "%",
                        agrees: abs(declared - expected) <= 0.5 + 1e-9, range: projection.range))
            }
        }
        for ratio in records.ratios {
            let r = ratio.ratio
            // `80/20 (80% reads)`, `24/7`: a mix or a rate, not a share (a share is at most the whole).
            if let declared = r.declaredPercent, r.denominator > 0, r.numerator <= r.denominator || declared > 100 {
                let expected = r.numerator / r.denominator * 100
                checks.append(
                    FigureCheck(
                        kind: .ratio, declared: r.raw, expected: format(expected, decimals: 1) + "%",
                        agrees: agreesAsWholePercent(declared, expected), range: ratio.range))
            }
            // `Blocks completed: 3/15`: the plan had that many blocks at that point (`Blocking
            // calls removed: 23/23` and `Blockers resolved: 2/3` count other things).
            if ratio.label.normalizedName.split(separator: " ").contains(where: { $0 == "blocks" || $0 == "block" }),
                let k = documentIndex[ratio.path],
                let blockCount = documents[k]?.blockCount, blockCount > 0
            {
                let count = Double(blockCount)
                checks.append(
                    FigureCheck(
                        kind: .ratio, declared: "\(Int(r.denominator)) blocks",
                        expected: "\(Int(count)) blocks in the plan", agrees: r.denominator == count,
                        range: ratio.range))
            }
        }
        checks += progressChecks(plan, documents: documents, documentIndex: documentIndex)
        return checks
    }

    /// `Core Types (Group 1): 100% complete` against the statuses the same document gives
    /// every block of the group (by count or by effort; either agreeing is enough).
    private static func progressChecks(
        _ plan: Plan, documents: [Int: DocumentFigures],
        documentIndex: [String: Int]
    ) -> [FigureCheck] {
        var checks: [FigureCheck] = []
        // Per document: the completion each block is given there, and each group's blocks.
        var statusesByDocument: [String: [String: Double]] = [:]
        for entry in plan.records.progress where entry.reference?.kind == .block {
            if let id = entry.reference?.id,
                let percent = entry.percent
                    ?? (entry.progress == .complete ? 100 : entry.progress == .notStarted ? 0 : nil)
            {
                statusesByDocument[entry.path, default: [:]][id] = percent
            }
        }
        for entry in plan.records.progress {
            guard let reference = entry.reference, reference.kind == .group, let declared = entry.percent,
                let statuses = statusesByDocument[entry.path],
                let k = documentIndex[entry.path], let document = documents[k]
            else { continue }
            let members = document.groupMembers[reference.id] ?? []
            guard !members.isEmpty, members.allSatisfy({ statuses[$0.id] != nil }) else { continue }
            let byCount = members.reduce(0.0) { $0 + statuses[$1.id]! } / Double(members.count)
            let effort = members.reduce(0.0) { $0 + ($1.estimateDays ?? 0) }
            let byEffort = effort > 0 ? members.reduce(0.0) { $0 + statuses[$1.id]! * ($1.estimateDays ?? 0) } / effort : byCount
            let ok = agreesAsWholePercent(declared, byCount) || agreesAsWholePercent(declared, byEffort)
            checks.append(
                FigureCheck(
                    kind: .progress, declared: format(declared, decimals: 0) + "%",
                    expected: format(byCount, decimals: 0) + "% of its blocks complete",
                    agrees: ok, range: entry.range))
        }
        return checks
    }

    /// A percentage of a count, rounded or cut to the precision written: two thirds is `67%`
    /// or `66%` (or `66.7%`).
    static func agreesAsWholePercent(_ declared: Double, _ expected: Double) -> Bool {
        abs(declared - expected) <= 0.5 + 1e-9 || declared == declared.rounded() && declared == (expected + 1e-9).rounded(.down)
    }

    /// Within the precision the figure was written with (`38%` ± 0.5, `1.1x` ± 0.05).
    static func agrees(_ declared: Double, _ expected: Double, written: String) -> Bool {
        let digits = written.split(separator: ".").dropFirst().first?.prefix(while: \.isNumber).count ?? 0
        var tolerance = 0.5
        for _ in 0..<digits { tolerance /= 10 }
        return abs(declared - expected) <= tolerance + 1e-9
    }

    static func diagnostics(for checks: [FigureCheck]) -> [Diagnostic] {
        checks.filter { !$0.agrees }.map { check in
            let code: DiagnosticCode =
                switch check.kind {
                case .criticalPath: .criticalPathMismatch
                case .delta: .deltaMismatch
                case .overallImpact, .totalBuffer: .totalMismatch
                case .variance: .varianceMismatch
                case .factor: .factorMismatch
                case .projection: .projectionMismatch
                case .ratio: .ratioMismatch
                case .progress: .progressMismatch
                }
            let what =
                switch check.kind {
                case .criticalPath: "declared critical path"
                case .delta: "Delta"
                case .overallImpact: "Overall Impact"
                case .totalBuffer: "Total Buffer"
                case .variance: "Variance"
                case .factor: "Adjustment Factor"
                case .projection: "projection"
                case .ratio: "figure"
                case .progress: "completion"
                }
            return Diagnostic(code, at: check.range, "\(what) '\(check.declared)' disagrees with the computed \(check.expected)")
        }
    }

    static func chain(_ ids: [String]) -> String {
        ids.map { $0.first?.isNumber == true ? "Block \($0)" : $0 }.joined(separator: " → ")
    }

    static func format(_ value: Double, decimals: Int) -> String { numberText(value, decimals: decimals) }

    static func signed(_ value: Double, decimals: Int = 2) -> String {
        (value > 0 ? "+" : value < 0 ? "−" : "") + format(abs(value), decimals: decimals)
    }

    static func days(_ value: Double) -> String { format(value, decimals: 2) + (value == 1 ? " day" : " days") }
}

/// How a document computes a variance from an estimate and an actual effort.
enum VarianceConvention: CaseIterable {
    /// The core dialect's (docs/format.md): `(Actual − Estimate) / Estimate`.
    case overEstimate
    /// `(Estimate − Actual) / Estimate`: negative means over.
    case estimateMinusActual
    /// `(Actual − Estimate) / Actual`.
    case overActual

    func percent(estimate: Double, actual: Double) -> Double {
        switch self {
        case .overEstimate: (actual - estimate) / estimate * 100
        case .estimateMinusActual: (estimate - actual) / estimate * 100
        case .overActual: (actual - estimate) / actual * 100
        }
    }

    /// Said beside the expected figure when it is not the core dialect's.
    var note: String {
        switch self {
        case .overEstimate: ""
        case .estimateMinusActual: " (estimate − actual, as this document computes it)"
        case .overActual: " (over the actual, as this document computes it)"
        }
    }
}
