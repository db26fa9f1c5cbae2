import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// One scheduled task: a block, a group without blocks, or a buffer.
package struct ScheduledTask: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, Codable { case block, group, buffer }
    package var id: String
    package var kind: Kind
    package var title: String
    package var groupID: String?
    package var durationDays: Double
    package var earlyStart: Double
    package var earlyFinish: Double
    package var lateStart: Double
    package var lateFinish: Double
    /// Total float: how far the task can slip without moving the project end.
    package var slack: Double
    /// How far it can slip without delaying any successor.
    package var freeFloat: Double
    package var critical: Bool
    package var nearCritical: Bool
    /// The block (or group, buffer) that fixes this task's early start.
    package var drivingPredecessor: String?
}

/// A group's span: from its first block's start to its last block's finish.
package struct GroupSpan: Sendable, Hashable {
    package var groupID: String
    package var start: Double
    package var finish: Double
}

/// A dependency between two scheduled tasks, as drawn in diagrams. A dependency on a group
/// is shown as links from the group's last blocks (those no other block of it waits for).
package struct ScheduleLink: Sendable, Hashable {
    /// Indices into `Schedule.tasks`.
    package var from: Int
    package var to: Int
    package var startToStart: Bool
    /// The link closes a dependency cycle; the schedule ignores it.
    package var cut: Bool
}

/// The computed schedule of one snapshot of the plan.
package struct Schedule: Sendable {
    package let tasks: [ScheduledTask]
    /// Every dependency between tasks, group finishes resolved to the blocks they wait for.
    package let links: [ScheduleLink]
    package var durationDays: Double
    /// One chain of critical tasks from the project start to its end (blocks and groups).
    package let criticalPath: [String]
    /// Each task's place on `criticalPath`.
    private let criticalPathPosition: [String: Int]
    /// Every critical block.
    package var criticalSet: [String]
    package let groupSpans: [GroupSpan]
    /// Blocks that state no estimate and are scheduled with the assumed one (`defaultEstimate`).
    package var assumedEstimates: Set<String> = []
    var index: [String: Int]
    /// The network as scheduled (milestones included), for re-timing it in forecasts.
    var network: PrecedenceNetwork
    var cpm: CPMResult
    /// The id of every network task, in network order ("finish of Group N" for milestones).
    var networkIDs: [String]

    /// Indices into `tasks` of each group's tasks (its blocks, buffers and the group
    /// itself when planned without blocks), in task order.
    private var tasksOfGroup: [String: [Int]] = [:]
    /// Indices into `links` of the links into task `t`, in link order:
    /// `linksInto[linksIntoStart[t]..<linksIntoStart[t + 1]]`.
    private var linksInto: [Int] = []
    private var linksIntoStart: [Int] = []
    private var spanOfGroup: [String: Int] = [:]

    init(
        tasks: [ScheduledTask], links: [ScheduleLink], durationDays: Double, criticalPath: [String],
        criticalSet: [String], groupSpans: [GroupSpan], index: [String: Int], network: PrecedenceNetwork,
        cpm: CPMResult, networkIDs: [String]
    ) {
        self.tasks = tasks
        self.links = links
        self.durationDays = durationDays
        self.criticalPath = criticalPath
        criticalPathPosition = Dictionary(criticalPath.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        self.criticalSet = criticalSet
        self.groupSpans = groupSpans
        self.index = index
        self.network = network
        self.cpm = cpm
        self.networkIDs = networkIDs
        var byGroup = IndicesByKey()
        for t in tasks.indices {  // by index: a copy of a task retains its strings
            if let group = tasks[t].groupID { byGroup.append(t, to: group) }
        }
        tasksOfGroup = byGroup.finish()
        for s in groupSpans.indices where spanOfGroup[groupSpans[s].groupID] == nil { spanOfGroup[groupSpans[s].groupID] = s }
        let byTask = KeyedPositions(keys: links.map(\.to), keyCount: tasks.count)
        linksInto = byTask.order
        linksIntoStart = byTask.start
    }

    package func task(_ id: String) -> ScheduledTask? { index[id].map { tasks[$0] } }

    /// The tasks of `ids` on the critical path, in path order: a chart's share of the path,
    /// found without reading the whole path.
    package func criticalPath(among ids: [String]) -> [String] {
        ids.compactMap { id in criticalPathPosition[id].map { (id, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
    }

    package func span(ofGroup group: String) -> GroupSpan? { spanOfGroup[group].map { groupSpans[$0] } }

    /// Indices into `tasks` of one group's tasks, or of every task when `group` is nil.
    package func taskIndices(inGroup group: String?) -> [Int] {
        guard let group else { return Array(tasks.indices) }
        return tasksOfGroup[group] ?? []
    }

    /// The links whose both ends are among `included` (indices into `tasks`), in `links` order.
    package func links(among included: [Int]) -> [ScheduleLink] {
        let members = Set(included)
        var found: [Int] = []
        for t in included {
            for l in linksInto[linksIntoStart[t]..<linksIntoStart[t + 1]] where members.contains(links[l].from) { found.append(l) }
        }
        return found.sorted().map { links[$0] }
    }

    /// The chain of driving predecessors back to the project start, nearest first.
    package func drivingChain(of id: String) -> [String] {
        var chain: [String] = []
        var seen: Set<String> = [id]
        var current = task(id)?.drivingPredecessor
        while let next = current, seen.insert(next).inserted {
            chain.append(next)
            current = task(next)?.drivingPredecessor
        }
        return chain
    }

    /// A sentence saying why the task is, or is not, critical.
    package func explanation(for id: String) -> String? {
        guard let t = index[id] else { return nil }
        // Written as bytes into one buffer: one of these is made for every block page.
        var text = ByteBuffer(capacity: 192)
        func add(_ piece: StaticString) { text.append(piece) }
        func add(text piece: String) { text.append(utf8: piece) }
        func name(_ task: Int) {
            if tasks[task].kind == .block { add("Block ") }
            add(text: tasks[task].id)
        }
        func days(_ value: Double) { add(text: Self.days(value)); add(value == 1 ? " day" : " days") }
        name(t)
        add(tasks[t].critical ? " is critical: " : " is not critical: ")
        if let driver = tasks[t].drivingPredecessor {
            add("it starts when ")
            if let d = index[driver] { name(d) } else { add(text: driver) }
            add(" allows (day "); add(text: Self.days(tasks[t].earlyStart)); add(")")
        } else {
            add("it can start on day 0")
        }
        if tasks[t].critical {
            add(", and any delay to it moves the project end (day "); add(text: Self.days(durationDays)); add(").")
        } else {
            add(", and it can slip "); days(tasks[t].slack); add(" before the project end moves")
            if tasks[t].freeFloat < tasks[t].slack {
                add(" ("); days(tasks[t].freeFloat); add(" before a successor is delayed).")
            } else {
                add(".")
            }
        }
        return text.string
    }

    static func days(_ value: Double) -> String { numberText(value) }
}

/// Indices grouped by a key, each group in the order appended; a run of equal keys (the
/// blocks of one group, usually consecutive) costs one dictionary look-up, not one each.
struct IndicesByKey {
    private var groups: [String: [Int]] = [:]
    private var runKey: String?
    private var run: [Int] = []

    mutating func append(_ index: Int, to key: String) {
        if key != runKey {
            flush()
            runKey = key
        }
        run.append(index)
    }

    mutating func finish() -> [String: [Int]] {
        flush()
        return groups
    }

    private mutating func flush() {
        guard let key = runKey, !run.isEmpty else { return }
        groups[key, default: []].append(contentsOf: run)
        run.removeAll(keepingCapacity: true)
    }
}

/// The network's tasks, one array per field: reading one field of a task reads only it.
private struct NetworkTasks {
    var ids: [String] = [], kinds: [ScheduledTask.Kind] = [], titles: [String] = [], groups: [String?] = []
    var days: [Double] = []
    var count: Int { ids.count }
    var indices: Range<Int> { ids.indices }

    init(capacity: Int) {
        ids.reserveCapacity(capacity); kinds.reserveCapacity(capacity); titles.reserveCapacity(capacity)
        groups.reserveCapacity(capacity); days.reserveCapacity(capacity)
    }

    mutating func append(_ id: String, _ kind: ScheduledTask.Kind, _ title: String, _ group: String?, _ duration: Double) {
        ids.append(id); kinds.append(kind); titles.append(title); groups.append(group); days.append(duration)
    }
}

/// Turns a snapshot into a precedence network and schedules it.
package enum Scheduler {
    /// - Returns: the schedule, and warnings for blocks without a usable estimate.
    package static func schedule(
        _ snapshot: PlanSnapshot, settings: ProjectSettings,
        diagnose: Bool = false
    ) -> (Schedule, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var assumed = Set<String>()
        var tasks = NetworkTasks(capacity: snapshot.blocks.count + 2 * snapshot.groups.count + snapshot.buffers.count)
        var blockIndex: [String: Int] = [:]
        blockIndex.reserveCapacity(snapshot.blocks.count)
        var members = IndicesByKey()
        // A plan that states no estimate at all gets one warning, not one per block.
        let unestimated = snapshot.blocks.count(where: { $0.estimateDays == nil && !$0.declaresEstimate })
        let noneStated = unestimated > 1 && unestimated == snapshot.blocks.count
        if diagnose, noneStated, let first = snapshot.blocks.first {
            let days = settings.defaultEstimateDays
            diagnostics.append(
                Diagnostic(
                    .missingEffort, at: first.range,
                    "no block states an estimated effort; each of the \(unestimated) is scheduled with the assumed \(numberText(days)) day\(days == 1 ? "" : "s") (defaultEstimate in loopreport.yml), marked as assumed"
                ))
        }
        // Items are read in place (a copy of one retains every field); blocks come first
        // among the tasks, so block t is task t.
        for index in snapshot.blocks.indices {
            let id = snapshot.blocks[index].id, estimateDays = snapshot.blocks[index].estimateDays
            blockIndex[id] = index
            members.append(index, to: snapshot.blocks[index].groupID)
            // A block without an estimate takes the assumed one, marked as such wherever it shows.
            let days = estimateDays ?? settings.defaultEstimateDays
            if estimateDays == nil { assumed.insert(id) }
            if diagnose,
                (estimateDays == nil && !snapshot.blocks[index].declaresEstimate && !noneStated) || (estimateDays != nil && days <= 0)
            {
                diagnostics.append(
                    Diagnostic(
                        estimateDays == nil ? .missingEffort : .zeroEffort,
                        at: snapshot.blocks[index].range,
                        estimateDays == nil
                            ? "Block \(id) has no estimated effort; it is scheduled with the assumed \(numberText(days)) day\(days == 1 ? "" : "s") (defaultEstimate in loopreport.yml), marked as assumed"
                            : "Block \(id) has an estimated effort of 0 days; it is scheduled as a milestone"))
            }
            tasks.append(id, .block, snapshot.blocks[index].title, snapshot.blocks[index].groupID, max(0, days))
        }
        let membersOf = members.finish()
        // Groups: a group without blocks is one task with its own estimate; every group also
        // gets a zero-length "finish" milestone that waits for all its blocks, so a dependency
        // on a group costs one edge per block, not one per pair.
        var groupTask: [String: Int] = [:]
        var finishMilestone: [String: Int] = [:]
        let groups = snapshot.groups.indices.filter { !snapshot.groups[$0].isImplicit || membersOf[snapshot.groups[$0].id] != nil }
        for g in groups {
            let id = snapshot.groups[g].id
            if membersOf[id] == nil {
                groupTask[id] = tasks.count
                let days = snapshot.groups[g].estimate?.scaled(daysPerWeek: settings.daysPerWeek).days ?? 0
                tasks.append("Group \(id)", .group, snapshot.groups[g].title, id, max(0, days))
            }
            finishMilestone[id] = tasks.count
            tasks.append("finish of Group \(id)", .group, "", id, 0)
        }
        // Buffers after a group sit between the group's finish and what depends on the group.
        var bufferAfter: [String: [Int]] = [:]
        var finalBuffers: [Int] = []
        for (n, buffer) in snapshot.buffers.enumerated() {
            let label = buffer.after.map { "Buffer after Group \($0.id)" } ?? "Buffer \(buffer.placement)"
            let id = snapshot.buffers.count > 1 && tasks.ids.contains(label) ? "\(label) (\(n + 1))" : label
            if let after = buffer.after, finishMilestone[after.id] != nil {
                bufferAfter[after.id, default: []].append(tasks.count)
            } else if buffer.after == nil {
                finalBuffers.append(tasks.count)
            } else {
                continue
            }
            tasks.append(id, .buffer, buffer.placement, buffer.after?.id, buffer.days)
        }

        // Every edge in one array, in the order each task's predecessors are found; the
        // network groups them by task (a stable sort), not one array per task.
        var edges = NetworkEdges(taskCount: tasks.count)
        /// Adds an edge to `t` from each task a dependency leads to: a block, a group task,
        /// or the group's buffers (else its finish milestone); never from `t` itself.
        func link(_ t: Int, _ references: [Reference], startToStart: Bool, skippingGroup skipped: String? = nil) {
            for r in references.indices {
                let id = references[r].id
                switch references[r].kind {
                case .block:
                    if let p = blockIndex[id], p != t { edges.append(to: t, from: p, startToStart: startToStart) }
                case .group:
                    if id == skipped { continue }
                    if let buffers = bufferAfter[id] {
                        for p in buffers where p != t { edges.append(to: t, from: p, startToStart: startToStart) }
                    } else if let p = finishMilestone[id], p != t {
                        edges.append(to: t, from: p, startToStart: startToStart)
                    }
                }
            }
        }
        var groupOf: [String: Int] = [:]
        for g in groups where groupOf[snapshot.groups[g].id] == nil { groupOf[snapshot.groups[g].id] = g }
        var lastGroup: (id: String, index: Int?)?  // a group's blocks are usually consecutive: one look-up each
        for t in snapshot.blocks.indices {
            let groupID = snapshot.blocks[t].groupID
            if lastGroup?.id != groupID { lastGroup = (groupID, groupOf[groupID]) }
            // A block that states no dependencies of its own inherits its group's; with
            // `groupDependencies: inherit`, every block does.
            let inherited = snapshot.blocks[t].declaresDependencies && !settings.groupDependenciesInherit ? nil : lastGroup!.index
            link(t, snapshot.blocks[t].dependencies, startToStart: false, skippingGroup: groupID)
            if let g = inherited { link(t, snapshot.groups[g].dependencies, startToStart: false, skippingGroup: groupID) }
            link(t, snapshot.blocks[t].softDependencies, startToStart: true, skippingGroup: groupID)
            if let g = inherited { link(t, snapshot.groups[g].softDependencies, startToStart: true, skippingGroup: groupID) }
        }
        for g in groups {
            let id = snapshot.groups[g].id
            if let t = groupTask[id] {
                link(t, snapshot.groups[g].dependencies, startToStart: false)
                link(t, snapshot.groups[g].softDependencies, startToStart: true)
            }
            let finish = finishMilestone[id]!
            for member in membersOf[id] ?? [] { edges.append(to: finish, from: member, startToStart: false) }
            if let t = groupTask[id] { edges.append(to: finish, from: t, startToStart: false) }
            for buffer in bufferAfter[id] ?? [] { edges.append(to: buffer, from: finish, startToStart: false) }
        }
        if !finalBuffers.isEmpty {
            var hasSuccessor = [Bool](repeating: false, count: tasks.count)
            for p in edges.from { hasSuccessor[Int(p)] = true }
            let sinks = tasks.indices.filter { !hasSuccessor[$0] && !finalBuffers.contains($0) }
            for buffer in finalBuffers { for sink in sinks { edges.append(to: buffer, from: sink, startToStart: false) } }
        }

        let network = PrecedenceNetwork(durations: tasks.days, edges: edges)
        let result = CriticalPathMethod.schedule(network)

        // Group finish milestones are not shown; a task driven by one is reported as driven
        // by the group's block that finishes last.
        var milestone = [Bool](repeating: false, count: tasks.count)
        for g in groups { milestone[finishMilestone[snapshot.groups[g].id]!] = true }
        func isMilestone(_ t: Int) -> Bool { milestone[t] }
        func visibleDriver(_ t: Int) -> Int? {
            var current = Int(result.driving[t])
            var guardCount = 0
            while current >= 0, milestone[current], guardCount < tasks.count {
                current = Int(result.driving[current]); guardCount += 1
            }
            return current >= 0 ? current : nil
        }

        var scheduled: [ScheduledTask] = []
        scheduled.reserveCapacity(tasks.count)
        // Blocks come first and are never milestones: block t is scheduled task t, so the
        // index starts as the blocks' and only the other tasks are added.
        var index = blockIndex
        /// Each network task's index among the scheduled tasks (nil for milestones).
        var scheduledIndex = [Int?](repeating: nil, count: tasks.count)
        for t in tasks.indices where !milestone[t] {
            if t >= snapshot.blocks.count { index[tasks.ids[t]] = scheduled.count }
            scheduledIndex[t] = scheduled.count
            let slack = result.totalFloat[t]
            scheduled.append(
                ScheduledTask(
                    id: tasks.ids[t], kind: tasks.kinds[t], title: tasks.titles[t], groupID: tasks.groups[t],
                    durationDays: tasks.days[t], earlyStart: result.earlyStart[t], earlyFinish: result.earlyFinish[t],
                    lateStart: result.lateStart[t], lateFinish: result.lateFinish[t], slack: slack,
                    freeFloat: result.freeFloat[t], critical: result.isCritical(t),
                    nearCritical: !result.isCritical(t) && slack <= settings.nearCriticalDays,
                    drivingPredecessor: visibleDriver(t).map { tasks.ids[$0] }))
        }

        // One critical chain: from the critical task that finishes last (lowest id on ties),
        // back through critical drivers.
        var path: [String] = []
        let ends = tasks.indices.filter {
            !isMilestone($0) && result.isCritical($0)
                && abs(result.earlyFinish[$0] - result.duration) <= CPMResult.epsilon
        }
        if let end = ends.min(by: {
            tasks.kinds[$0] == tasks.kinds[$1]
                ? idPrecedesLabel(tasks.ids[$0], tasks.ids[$1])
                : tasks.kinds[$0] == .block
        }) {
            var current: Int? = end
            var seen = Set<Int>()
            while let t = current, seen.insert(t).inserted {
                if tasks.kinds[t] != .buffer { path.append(tasks.ids[t]) }
                current = criticalDriver(t, result: result, network: network, isMilestone: isMilestone)
            }
        }
        let spans = groups.compactMap { g -> GroupSpan? in
            let id = snapshot.groups[g].id
            let members = (membersOf[id] ?? []) + (groupTask[id].map { [$0] } ?? [])
            guard let start = members.map({ result.earlyStart[$0] }).min(),
                let finish = members.map({ result.earlyFinish[$0] }).max()
            else { return nil }
            return GroupSpan(groupID: id, start: start, finish: finish)
        }
        let links = visibleLinks(network, result: result, taskIndex: scheduledIndex)
        var schedule = Schedule(
            tasks: scheduled, links: links, durationDays: result.duration, criticalPath: path.reversed(),
            criticalSet: scheduled.filter { $0.critical && $0.kind == .block }.map(\.id),
            groupSpans: spans, index: index, network: network, cpm: result,
            networkIDs: tasks.ids)
        schedule.assumedEstimates = assumed
        return (schedule, diagnostics)
    }

    /// The network's edges between visible tasks: an edge from a group's finish milestone
    /// becomes edges from the milestone's predecessors that no other of them waits for.
    private static func visibleLinks(_ network: PrecedenceNetwork, result: CPMResult, taskIndex: [Int?]) -> [ScheduleLink] {
        let n = network.count
        /// Predecessors of a milestone that no sibling waits for to finish.
        var lastMembers: [Int: [Int]] = [:]
        func members(of milestone: Int) -> [Int] {
            if let known = lastMembers[milestone] { return known }
            lastMembers[milestone] = []  // guards against milestones waiting for each other
            let range = network.predecessorStart[milestone]..<network.predecessorStart[milestone + 1]
            let all = range.map { Int(network.predecessors[$0]) }
            let set = Set(all)
            var waitedFor = Set<Int>()
            for m in all {
                // Only a finish-to-start successor shows a member finishes before another.
                for e in network.predecessorStart[m]..<network.predecessorStart[m + 1]
                where !network.startToStart[e] && set.contains(Int(network.predecessors[e])) {
                    waitedFor.insert(Int(network.predecessors[e]))
                }
            }
            var visible: [Int] = []
            for m in all where !waitedFor.contains(m) {
                if taskIndex[m] != nil { visible.append(m) } else { visible += members(of: m) }
            }
            lastMembers[milestone] = visible
            return visible
        }
        var links: [ScheduleLink] = []
        var seen = Set<Int>()
        for t in 0..<n {
            guard let to = taskIndex[t] else { continue }
            seen.removeAll(keepingCapacity: true)
            for e in network.predecessorStart[t]..<network.predecessorStart[t + 1] {
                let p = Int(network.predecessors[e])
                let sources = taskIndex[p] != nil ? [p] : members(of: p)
                for source in sources where source != t && seen.insert(source).inserted {
                    links.append(
                        ScheduleLink(
                            from: taskIndex[source]!, to: to, startToStart: network.startToStart[e],
                            cut: result.ignoredEdges[e]))
                }
            }
        }
        return links
    }

    /// The critical predecessor whose constraint is tight (lowest index on ties), seen
    /// through group milestones.
    private static func criticalDriver(
        _ t: Int, result: CPMResult, network: PrecedenceNetwork,
        isMilestone: (Int) -> Bool
    ) -> Int? {
        var candidates: [Int] = []
        for e in network.predecessorStart[t]..<network.predecessorStart[t + 1] {
            let p = Int(network.predecessors[e])
            let constraint = network.startToStart[e] ? result.earlyStart[p] : result.earlyFinish[p]
            if result.isCritical(p), abs(constraint - result.earlyStart[t]) <= CPMResult.epsilon { candidates.append(p) }
        }
        guard let p = candidates.min() else { return nil }
        return isMilestone(p) ? criticalDriver(p, result: result, network: network, isMilestone: isMilestone) : p
    }

    private static func idPrecedesLabel(_ a: String, _ b: String) -> Bool { idPrecedes(a, b) }
}
