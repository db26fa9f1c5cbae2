import LoopReportModel
import LoopReportSource

/// The plan as it stood after one document: which blocks it had, with which estimates and
/// dependencies. Rebuilt from the blocks' histories, so every iteration can be scheduled.
package struct PlanSnapshot: Sendable {
    package struct Item: Sendable {
        package var id: String
        package var title: String
        package var groupID: String
        package var estimateDays: Double?
        package var dependencies: [Reference]
        package var softDependencies: [Reference]
        /// Whether the block states its own dependencies; if not, it inherits its group's.
        package var declaresDependencies: Bool
        /// Whether an effort field was written (an unreadable one is diagnosed already).
        package var declaresEstimate: Bool = false
        /// Where the block is defined, for diagnostics about it.
        package var range: SourceRange?
    }

    /// Index of the last document applied (-1: nothing).
    package var document: Int
    package var blocks: [Item]
    package var groups: [Group]
    package var buffers: [Buffer]

    /// The current plan: every block still in it, as the documents leave it.
    package static func current(_ plan: Plan, daysPerWeek: Double = Effort.daysPerWeek) -> PlanSnapshot {
        var items: [Item] = []
        items.reserveCapacity(plan.blocks.count)
        plan.blocks.withUnsafeBufferPointer { blocks in  // read in place: a copy of a block retains every field
            for block in blocks.indices where blocks[block].status != .removed {
                items.append(
                    Item(
                        id: blocks[block].id, title: blocks[block].title, groupID: blocks[block].groupID,
                        estimateDays: blocks[block].estimate?.scaled(daysPerWeek: daysPerWeek).days,
                        dependencies: blocks[block].dependencies, softDependencies: blocks[block].softDependencies,
                        declaresDependencies: blocks[block].declaresDependencies,
                        declaresEstimate: blocks[block].declaresEstimate, range: blocks[block].range))
            }
        }
        return PlanSnapshot(
            document: plan.documents.count - 1, blocks: items, groups: plan.groups,
            buffers: plan.records.buffers)
    }

    /// The plan after document `index`: blocks defined by then and not removed by then,
    /// each with its state after its latest event up to that document.
    package static func after(document index: Int, of plan: Plan, daysPerWeek: Double = Effort.daysPerWeek) -> PlanSnapshot {
        let paths = Set(plan.documents.prefix(index + 1).map(\.path))
        var items: [Item] = []
        items.reserveCapacity(plan.blocks.count)
        for block in plan.blocks.indices {  // read in place: a copy of a block (or event) retains every field
            let history = plan.blocks[block].history
            // The block's latest event up to the document, and whether any of them states dependencies.
            var latest: Int?, declares = false
            for e in history.indices where history[e].document <= index {
                latest = e
                if !declares, history[e].declaresDependencies { declares = true }
            }
            guard let e = latest, history[e].change != .removed else { continue }
            items.append(
                Item(
                    id: plan.blocks[block].id, title: plan.blocks[block].title, groupID: plan.blocks[block].groupID,
                    estimateDays: history[e].estimate?.scaled(daysPerWeek: daysPerWeek).days,
                    dependencies: history[e].dependencies, softDependencies: history[e].softDependencies,
                    declaresDependencies: declares, range: history[e].range))
        }
        return PlanSnapshot(
            document: index, blocks: items, groups: plan.groups,
            buffers: plan.records.buffers.filter { paths.contains($0.path) })
    }

    /// The baseline: the first plan's blocks with their first estimates (the originals in
    /// `5 days (increased from 3 days)`).
    package static func baseline(_ plan: Plan, daysPerWeek: Double = Effort.daysPerWeek) -> PlanSnapshot {
        let baselineDocuments = plan.documents.count - plan.iterations.count
        var snapshot = after(document: max(0, baselineDocuments - 1), of: plan, daysPerWeek: daysPerWeek)
        for i in snapshot.blocks.indices {
            guard let block = plan.blockIndex(of: snapshot.blocks[i].id) else { continue }
            let history = plan.blocks[block].history  // events read in place: a copy retains every field
            guard let e = history.indices.first(where: { history[$0].estimate != nil }),
                let first = history[e].estimate?.scaled(daysPerWeek: daysPerWeek)
            else { continue }
            snapshot.blocks[i].estimateDays = first.previousDays ?? first.days
        }
        snapshot.buffers = []
        return snapshot
    }
}
