import LoopReportModel
import LoopReportSource

/// One scheduled task: a block, a group without blocks, or a buffer.
public struct ScheduledTask: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable { case block, group, buffer }
    public var id: String
    public var kind: Kind
    public var title: String
    public var groupID: String?
    public var durationDays: Double
    public var earlyStart: Double
    public var earlyFinish: Double
    public var lateStart: Double
    public var lateFinish: Double
    /// Total float: how far the task can slip without moving the project end.
    public var slack: Double
    /// How far it can slip without delaying any successor.
    public var freeFloat: Double
    public var critical: Bool
    public var nearCritical: Bool
    /// The block (or group, buffer) that fixes this task's early start.
    public var drivingPredecessor: String?
}

/// A group's span: from its first block's start to its last block's finish.
public struct GroupSpan: Sendable, Hashable {
    public var groupID: String
    public var start: Double
    public var finish: Double
}

/// A dependency between two scheduled tasks, as drawn in diagrams. A dependency on a group
/// is shown as links from the group's last blocks (those no other block of it waits for).
public struct ScheduleLink: Sendable, Hashable {
    /// Indices into `Schedule.tasks`.
    public var from: Int
    public var to: Int
    public var startToStart: Bool
    /// The link closes a dependency cycle; the schedule ignores it.
    public var cut: Bool
}

/// The computed schedule of one snapshot of the plan.
public struct Schedule: Sendable {
    public let tasks: [ScheduledTask]
    /// Every dependency between tasks, group finishes resolved to the blocks they wait for.
    public let links: [ScheduleLink]
    public var durationDays: Double
    /// One chain of critical tasks from the project start to its end (blocks and groups).
    public var criticalPath: [String]
    /// Every critical block.
    public var criticalSet: [String]
    public let groupSpans: [GroupSpan]
    var index: [String: Int]
    /// The network as scheduled (milestones included), for re-timing it in forecasts.
    var network: PrecedenceNetwork
    var cpm: CPMResult
    /// The id of every network task, in network order ("finish of Group N" for milestones).
    var networkIDs: [String]

    /// Indices into `tasks` of each group's tasks (its blocks, buffers and the group
    /// itself when planned without blocks), in task order.
    private var tasksOfGroup: [String: [Int]] = [:]
    /// Indices into `links` of the links into each task, in link order.
    private var linksInto: [[Int]] = []
    private var spanOfGroup: [String: Int] = [:]

    init(tasks: [ScheduledTask], links: [ScheduleLink], durationDays: Double, criticalPath: [String],
         criticalSet: [String], groupSpans: [GroupSpan], index: [String: Int], network: PrecedenceNetwork,
         cpm: CPMResult, networkIDs: [String]) {
        self.tasks = tasks
        self.links = links
        self.durationDays = durationDays
        self.criticalPath = criticalPath
        self.criticalSet = criticalSet
        self.groupSpans = groupSpans
        self.index = index
        self.network = network
        self.cpm = cpm
        self.networkIDs = networkIDs
        for (t, task) in tasks.enumerated() {
            if let group = task.groupID { tasksOfGroup[group, default: []].append(t) }
        }
        for (s, span) in groupSpans.enumerated() where spanOfGroup[span.groupID] == nil { spanOfGroup[span.groupID] = s }
        linksInto = Array(repeating: [], count: tasks.count)
        for (l, link) in links.enumerated() { linksInto[link.to].append(l) }
    }

    public func task(_ id: String) -> ScheduledTask? { index[id].map { tasks[$0] } }

    public func span(ofGroup group: String) -> GroupSpan? { spanOfGroup[group].map { groupSpans[$0] } }

    /// Indices into `tasks` of one group's tasks, or of every task when `group` is nil.
    public func taskIndices(inGroup group: String?) -> [Int] {
        guard let group else { return Array(tasks.indices) }
        return tasksOfGroup[group] ?? []
    }

    /// The links whose both ends are among `included` (indices into `tasks`), in `links` order.
    public func links(among included: [Int]) -> [ScheduleLink] {
        let members = Set(included)
        var found: [Int] = []
        for t in included {
            for l in linksInto[t] where members.contains(links[l].from) { found.append(l) }
        }
        return found.sorted().map { links[$0] }
    }

    /// The chain of driving predecessors back to the project start, nearest first.
    public func drivingChain(of id: String) -> [String] {
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
    public func explanation(for id: String) -> String? {
        guard let task = task(id) else { return nil }
        let name = task.kind == .block ? "Block \(id)" : id
        let driver = task.drivingPredecessor.map { self.task($0)?.kind == .block ? "Block \($0)" : $0 }
        let start = driver.map { "it starts when \($0) allows (day \(Self.days(task.earlyStart)))" }
            ?? "it can start on day 0"
        if task.critical {
            return "\(name) is critical: \(start), and any delay to it moves the project end (day \(Self.days(durationDays)))."
        }
        func days(_ value: Double) -> String { Self.days(value) + (value == 1 ? " day" : " days") }
        return "\(name) is not critical: \(start), and it can slip \(days(task.slack)) before the project end moves"
            + (task.freeFloat < task.slack ? " (\(days(task.freeFloat)) before a successor is delayed)." : ".")
    }

    static func days(_ value: Double) -> String { numberText(value) }
}

/// Turns a snapshot into a precedence network and schedules it.
public enum Scheduler {
    /// - Returns: the schedule, and warnings for blocks without a usable estimate.
    public static func schedule(_ snapshot: PlanSnapshot, settings: ProjectSettings,
                                diagnose: Bool = false) -> (Schedule, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var tasks: [(id: String, kind: ScheduledTask.Kind, title: String, group: String?, days: Double)] = []
        var blockIndex: [String: Int] = [:]
        blockIndex.reserveCapacity(snapshot.blocks.count)
        for index in snapshot.blocks.indices {
            let item = snapshot.blocks[index]
            blockIndex[item.id] = tasks.count
            let days = item.estimateDays ?? 0
            if diagnose, (item.estimateDays == nil && !item.declaresEstimate) || (item.estimateDays != nil && days <= 0) {
                let block = "Block \(item.id)"
                diagnostics.append(Diagnostic(
                    item.estimateDays == nil ? .missingEffort : .zeroEffort,
                    at: item.range, item.estimateDays == nil
                        ? "\(block) has no estimated effort; it is scheduled as taking no time"
                        : "\(block) has an estimated effort of 0 days"))
            }
            tasks.append((item.id, .block, item.title, item.groupID, max(0, days)))
        }
        // Groups: a group without blocks is one task with its own estimate; every group also
        // gets a zero-length "finish" milestone that waits for all its blocks, so a dependency
        // on a group costs one edge per block, not one per pair.
        var membersOf: [String: [Int]] = [:]
        for index in snapshot.blocks.indices { membersOf[snapshot.blocks[index].groupID, default: []].append(index) }
        var groupTask: [String: Int] = [:]
        var finishMilestone: [String: Int] = [:]
        let groups = snapshot.groups.filter { !$0.isImplicit || membersOf[$0.id] != nil }
        for group in groups {
            if membersOf[group.id] == nil {
                groupTask[group.id] = tasks.count
                let days = group.estimate?.scaled(daysPerWeek: settings.daysPerWeek).days ?? 0
                tasks.append(("Group \(group.id)", .group, group.title, group.id, max(0, days)))
            }
            finishMilestone[group.id] = tasks.count
            tasks.append(("finish of Group \(group.id)", .group, "", group.id, 0))
        }
        // Buffers after a group sit between the group's finish and what depends on the group.
        var bufferAfter: [String: [Int]] = [:]
        var finalBuffers: [Int] = []
        for (n, buffer) in snapshot.buffers.enumerated() {
            let label = buffer.after.map { "Buffer after Group \($0.id)" } ?? "Buffer \(buffer.placement)"
            let id = snapshot.buffers.count > 1 && tasks.contains(where: { $0.id == label }) ? "\(label) (\(n + 1))" : label
            if let after = buffer.after, finishMilestone[after.id] != nil {
                bufferAfter[after.id, default: []].append(tasks.count)
            } else if buffer.after == nil {
                finalBuffers.append(tasks.count)
            } else {
                continue
            }
            tasks.append((id, .buffer, buffer.placement, buffer.after?.id, buffer.days))
        }

        var predecessors = [[(task: Int, startToStart: Bool)]](repeating: [], count: tasks.count)
        /// Where a dependency on a group or block leads: a block, a group task, or the group's
        /// buffers (else its finish milestone).
        func forEachTarget(_ reference: Reference, _ body: (Int) -> Void) {
            switch reference.kind {
            case .block: if let target = blockIndex[reference.id] { body(target) }
            case .group:
                if let buffers = bufferAfter[reference.id] { buffers.forEach(body) }
                else if let finish = finishMilestone[reference.id] { body(finish) }
            }
        }
        let groupDependencies = Dictionary(groups.map { ($0.id, (hard: $0.dependencies, soft: $0.softDependencies)) },
                                           uniquingKeysWith: { a, _ in a })
        // Items are read in place here (a copy of one retains every field); blocks come first
        // among the tasks, so block t is task t.
        for t in snapshot.blocks.indices {
            let groupID = snapshot.blocks[t].groupID
            func link(_ references: [Reference], startToStart: Bool) {
                for r in references.indices where !(references[r].kind == .group && references[r].id == groupID) {
                    forEachTarget(references[r]) { p in if p != t { predecessors[t].append((p, startToStart)) } }
                }
            }
            // A block that states no dependencies of its own inherits its group's.
            let inherited = snapshot.blocks[t].declaresDependencies ? nil : groupDependencies[groupID]
            link(snapshot.blocks[t].dependencies, startToStart: false)
            if let inherited { link(inherited.hard, startToStart: false) }
            link(snapshot.blocks[t].softDependencies, startToStart: true)
            if let inherited { link(inherited.soft, startToStart: true) }
        }
        for group in groups {
            if let t = groupTask[group.id] {
                for reference in group.dependencies { forEachTarget(reference) { p in if p != t { predecessors[t].append((p, false)) } } }
                for reference in group.softDependencies { forEachTarget(reference) { p in if p != t { predecessors[t].append((p, true)) } } }
            }
            let finish = finishMilestone[group.id]!
            for member in membersOf[group.id] ?? [] { predecessors[finish].append((member, false)) }
            if let t = groupTask[group.id] { predecessors[finish].append((t, false)) }
            for buffer in bufferAfter[group.id] ?? [] { predecessors[buffer].append((finish, false)) }
        }
        if !finalBuffers.isEmpty {
            var hasSuccessor = [Bool](repeating: false, count: tasks.count)
            for list in predecessors { for edge in list { hasSuccessor[edge.task] = true } }
            let sinks = tasks.indices.filter { !hasSuccessor[$0] && !finalBuffers.contains($0) }
            for buffer in finalBuffers { predecessors[buffer] = sinks.map { ($0, false) } }
        }

        let network = PrecedenceNetwork(durations: tasks.map(\.days), predecessors: predecessors)
        let result = CriticalPathMethod.schedule(network)

        // Report through milestones: a task driven by a group's finish is driven by the
        // group's block that finishes last.
        func visibleDriver(_ t: Int) -> Int? {
            var current = Int(result.driving[t])
            var guardCount = 0
            while current >= 0, tasks[current].kind == .group, tasks[current].days == 0, groupTask[tasks[current].group ?? ""] != current,
                  guardCount < tasks.count {
                current = Int(result.driving[current]); guardCount += 1
            }
            return current >= 0 ? current : nil
        }
        func isMilestone(_ t: Int) -> Bool { tasks[t].kind == .group && groupTask[tasks[t].group ?? ""] != t }

        var scheduled: [ScheduledTask] = []
        var index: [String: Int] = [:]
        for t in tasks.indices where !isMilestone(t) {
            index[tasks[t].id] = scheduled.count
            let slack = result.totalFloat[t]
            scheduled.append(ScheduledTask(
                id: tasks[t].id, kind: tasks[t].kind, title: tasks[t].title, groupID: tasks[t].group,
                durationDays: tasks[t].days, earlyStart: result.earlyStart[t], earlyFinish: result.earlyFinish[t],
                lateStart: result.lateStart[t], lateFinish: result.lateFinish[t], slack: slack,
                freeFloat: result.freeFloat[t], critical: result.isCritical(t),
                nearCritical: !result.isCritical(t) && slack <= settings.nearCriticalDays,
                drivingPredecessor: visibleDriver(t).map { tasks[$0].id }))
        }

        // One critical chain: from the critical task that finishes last (lowest id on ties),
        // back through critical drivers.
        var path: [String] = []
        let ends = tasks.indices.filter { !isMilestone($0) && result.isCritical($0)
            && abs(result.earlyFinish[$0] - result.duration) <= CPMResult.epsilon }
        if let end = ends.min(by: { tasks[$0].kind == tasks[$1].kind ? idPrecedesLabel(tasks[$0].id, tasks[$1].id)
                                                                       : tasks[$0].kind == .block }) {
            var current: Int? = end
            var seen = Set<Int>()
            while let t = current, seen.insert(t).inserted {
                if tasks[t].kind != .buffer { path.append(tasks[t].id) }
                current = criticalDriver(t, result: result, network: network, isMilestone: isMilestone)
            }
        }
        let spans = groups.compactMap { group -> GroupSpan? in
            let members = (membersOf[group.id] ?? []) + (groupTask[group.id].map { [$0] } ?? [])
            guard let start = members.map({ result.earlyStart[$0] }).min(),
                  let finish = members.map({ result.earlyFinish[$0] }).max() else { return nil }
            return GroupSpan(groupID: group.id, start: start, finish: finish)
        }
        let links = visibleLinks(network, result: result, taskIndex: tasks.indices.map { isMilestone($0) ? nil : index[tasks[$0].id] })
        let schedule = Schedule(tasks: scheduled, links: links, durationDays: result.duration, criticalPath: path.reversed(),
                                criticalSet: scheduled.filter { $0.critical && $0.kind == .block }.map(\.id),
                                groupSpans: spans, index: index, network: network, cpm: result,
                                networkIDs: tasks.map(\.id))
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
            lastMembers[milestone] = []   // guards against milestones waiting for each other
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
                    links.append(ScheduleLink(from: taskIndex[source]!, to: to, startToStart: network.startToStart[e],
                                              cut: result.ignoredEdges[e]))
                }
            }
        }
        return links
    }

    /// The critical predecessor whose constraint is tight (lowest index on ties), seen
    /// through group milestones.
    private static func criticalDriver(_ t: Int, result: CPMResult, network: PrecedenceNetwork,
                                       isMilestone: (Int) -> Bool) -> Int? {
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
