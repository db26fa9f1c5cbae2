import LoopReportModel

/// Estimate against actual, per block, group and iteration, and the adjustment factors
/// (actual ÷ estimate) observed.
package struct Variance: Sendable {
    package struct Entry: Sendable, Hashable {
        /// `3.4`, `Group 2`, or an iteration's path.
        package var subject: String
        package var estimateDays: Double
        package var actualDays: Double
        package var varianceDays: Double { actualDays - estimateDays }
        /// (actual − estimate) ÷ estimate × 100; nil when the estimate is 0.
        package var variancePercent: Double? { estimateDays > 0 ? varianceDays / estimateDays * 100 : nil }
        /// actual ÷ estimate; nil when the estimate is 0.
        package var factor: Double? { estimateDays > 0 ? actualDays / estimateDays : nil }
    }

    package var blocks: [Entry]
    package var groups: [Entry]
    package var iterations: [Entry]
    /// Group figures the documents declare (predictive-accuracy tables), recomputed.
    package var declared: [Entry]
    /// The factors the forecast samples: per block where known, else the declared ones.
    package var factors: [Double]

    package static func compute(_ plan: Plan, daysPerWeek: Double = Effort.daysPerWeek) -> Variance {
        var blocks: [Entry] = []
        var byGroup: [String: (Double, Double)] = [:]
        var byDocument: [Int: (Double, Double)] = [:]
        for b in plan.blocks.indices where plan.blocks[b].status != .removed {  // in place: a copy retains every field
            guard let actual = plan.blocks[b].actual?.scaled(daysPerWeek: daysPerWeek).days,
                let estimate = plan.blocks[b].estimate?.scaled(daysPerWeek: daysPerWeek).days
            else { continue }
            let groupID = plan.blocks[b].groupID
            blocks.append(Entry(subject: plan.blocks[b].id, estimateDays: estimate, actualDays: actual))
            byGroup[groupID, default: (0, 0)].0 += estimate
            byGroup[groupID, default: (0, 0)].1 += actual
            // The iteration in which the actual was first recorded.
            let history = plan.blocks[b].history
            if let e = history.indices.first(where: { history[$0].actualDays != nil }) {
                byDocument[history[e].document, default: (0, 0)].0 += estimate
                byDocument[history[e].document, default: (0, 0)].1 += actual
            }
        }
        let groups = byGroup.keys.sortedByIDs().map {
            Entry(subject: "Group \($0)", estimateDays: byGroup[$0]!.0, actualDays: byGroup[$0]!.1)
        }
        let iterations = byDocument.keys.sorted().map {
            Entry(subject: plan.documents[$0].path, estimateDays: byDocument[$0]!.0, actualDays: byDocument[$0]!.1)
        }
        let declared = plan.records.accuracy.compactMap { record -> Entry? in
            guard let estimate = record.estimated?.days, let actual = record.actual?.days else { return nil }
            return Entry(subject: record.reference?.label ?? record.subject, estimateDays: estimate, actualDays: actual)
        }
        var factors = blocks.compactMap(\.factor)
        if factors.isEmpty { factors = declared.compactMap(\.factor) }
        return Variance(blocks: blocks, groups: groups, iterations: iterations, declared: declared, factors: factors)
    }
}

extension Collection where Element == String {
    func sortedByIDs() -> [String] { sorted(by: idPrecedes) }
}
