import LoopReportAnalysis
import LoopReportModel

/// The dependency graph of a schedule, as drawn: tasks (blocks, groups planned without
/// blocks, buffers) or, collapsed, groups; and the links between them. The SVG DAG, the
/// DOT and the Mermaid exports are all drawn from this one value.
package struct DependencyGraph: Sendable {
    package struct Node: Sendable {
        package enum Kind: Sendable, Equatable { case block, group, buffer }
        package var id: String
        package var kind: Kind
        /// The text in the box (`1.2 Parser`), and the full name for titles.
        package var label: String
        package var name: String
        package var critical: Bool
        /// The scheduled task, when the node is one (not for collapsed groups).
        package var task: ScheduledTask?
        /// For a collapsed group: how many blocks it stands for.
        package var memberCount: Int
    }
    package struct Edge: Sendable, Hashable {
        package var from: Int
        package var to: Int
        package var startToStart: Bool
        /// On the critical path (consecutive critical tasks, the constraint tight).
        package var critical: Bool
        /// Closes a dependency cycle: the schedule ignores it; drawn marked.
        package var cut: Bool
        /// For collapsed groups: how many block links it stands for.
        package var count: Int
    }
    package var nodes: [Node]
    package var edges: [Edge]
    /// Groups stand for their blocks.
    package var collapsed: Bool
    package var title: String
    /// The nodes on the schedule's critical path, in path order.
    package var criticalPath: [String]

    /// Every task of the plan (or of one group) and the links between them.
    package static func tasks(of schedule: Schedule, plan: Plan, group: String? = nil) -> DependencyGraph {
        let included = schedule.taskIndices(inGroup: group)
        var nodeOfTask: [Int: Int] = [:]
        nodeOfTask.reserveCapacity(included.count)
        var nodes: [Node] = []
        for t in included {
            let task = schedule.tasks[t]
            nodeOfTask[t] = nodes.count
            let kind: Node.Kind = task.kind == .block ? .block : task.kind == .group ? .group : .buffer
            let name: String
            let label: String
            switch task.kind {
            case .block:
                name = "Block \(task.id)" + (task.title.isEmpty ? "" : ": \(task.title)")
                label = task.title.isEmpty ? task.id : "\(task.id) \(task.title)"
            case .group:
                name = task.id + (task.title.isEmpty ? "" : ": \(task.title)")
                label = name
            case .buffer:
                name = task.id
                label = task.id
            }
            nodes.append(Node(id: task.id, kind: kind, label: label, name: name, critical: task.critical, task: task, memberCount: 1))
        }
        var edges: [Edge] = []
        for link in schedule.links(among: included) {
            guard let from = nodeOfTask[link.from], let to = nodeOfTask[link.to] else { continue }
            edges.append(
                Edge(
                    from: from, to: to, startToStart: link.startToStart, critical: isCritical(link, in: schedule),
                    cut: link.cut, count: 1))
        }
        let title =
            group.map { id in "Dependencies of Group \(id)" + (plan.group(id).map { $0.title.isEmpty ? "" : ": \($0.title)" } ?? "") }
            ?? "Dependencies of the plan"
        return DependencyGraph(
            nodes: nodes, edges: edges, collapsed: false, title: title,
            criticalPath: schedule.criticalPath(among: nodes.map(\.id)))
    }

    /// Whether `link` is on the critical path: it drives its critical target.
    static func isCritical(_ link: ScheduleLink, in schedule: Schedule) -> Bool {
        let source = link.from, target = link.to  // tasks read in place: a copy retains their strings
        return !link.cut && schedule.tasks[source].critical && schedule.tasks[target].critical
            && abs(
                schedule.tasks[target].earlyStart
                    - (link.startToStart ? schedule.tasks[source].earlyStart : schedule.tasks[source].earlyFinish)) < 1e-9
    }

    /// Above this many tasks a plan's graph on a page shows groups instead of blocks.
    package static let readableTaskCount = 120

    /// The project's graph as a page shows it: every task while that stays readable, else
    /// one node per group (exports draw every task however many).
    package static func overview(of schedule: Schedule, plan: Plan) -> DependencyGraph {
        schedule.tasks.count <= readableTaskCount ? tasks(of: schedule, plan: plan) : groups(of: schedule, plan: plan)
    }

    /// One node per group, for plans too large to read block by block: an edge per pair of
    /// groups with a link between their blocks, labelled with how many.
    package static func groups(of schedule: Schedule, plan: Plan) -> DependencyGraph {
        var nodeOfGroup: [String: Int] = [:]
        var nodes: [Node] = []
        var members: [String: (count: Int, critical: Bool)] = [:]
        for task in schedule.tasks where task.kind != .buffer {
            let key = task.groupID ?? ""
            var entry = members[key] ?? (0, false)
            entry.count += task.kind == .block ? 1 : 0
            entry.critical = entry.critical || task.critical
            members[key] = entry
        }
        for group in plan.groups {
            guard let entry = members[group.id] else { continue }
            nodeOfGroup[group.id] = nodes.count
            let name = "Group \(group.id)" + (group.title.isEmpty ? "" : ": \(group.title)")
            nodes.append(
                Node(
                    id: "Group \(group.id)", kind: .group,
                    label: name + " (\(entry.count) block\(entry.count == 1 ? "" : "s"))",
                    name: name, critical: entry.critical, task: nil, memberCount: entry.count))
        }
        var counts: [Int: Int] = [:]  // from * n + to → links
        var flags: [Int: (critical: Bool, cut: Bool)] = [:]
        let n = nodes.count
        var order: [Int] = []
        for link in schedule.links {
            guard let a = schedule.tasks[link.from].groupID.flatMap({ nodeOfGroup[$0] }),
                let b = schedule.tasks[link.to].groupID.flatMap({ nodeOfGroup[$0] }), a != b
            else { continue }
            let key = a * n + b
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
            let flag = flags[key] ?? (false, false)
            flags[key] = (flag.critical || isCritical(link, in: schedule), flag.cut || link.cut)
        }
        let edges = order.map { key in
            Edge(from: key / n, to: key % n, startToStart: false, critical: flags[key]!.critical, cut: flags[key]!.cut, count: counts[key]!)
        }
        return DependencyGraph(
            nodes: nodes, edges: edges, collapsed: true, title: "Dependencies between groups",
            criticalPath: schedule.criticalPath(among: nodes.map(\.id)))
    }

    /// Dependencies left out of the drawing because other paths imply them (`reducedForDrawing`).
    package var impliedNotDrawn = 0

    /// A sentence for screen readers: counts and the critical path.
    package var description: String {
        let kind = collapsed ? "group" : "task"
        var text = "\(nodes.count) \(kind)\(nodes.count == 1 ? "" : "s") and \(edges.count) dependenc\(edges.count == 1 ? "y" : "ies")."
        if impliedNotDrawn > 0 {
            text += " \(impliedNotDrawn) more dependenc\(impliedNotDrawn == 1 ? "y is" : "ies are") implied by the others and not drawn."
        }
        let cut = edges.filter(\.cut).count
        if cut > 0 { text += " \(cut) dependenc\(cut == 1 ? "y closes" : "ies close") a cycle and \(cut == 1 ? "is" : "are") marked." }
        if !criticalPath.isEmpty { text += " Critical path: " + criticalPath.joined(separator: " → ") + "." }
        return text
    }

    /// The graph a dense plan is drawn from: when there are over four dependencies a task
    /// (each block on all earlier ones, say), those that a longer path implies (a → c beside
    /// a → b → c) are left out; the order shown is the same, and the layout's cost falls with
    /// the edges (500 blocks all depending on each other: 125,000 edges, 499 drawn). Critical
    /// and cycle-closing edges are always drawn. Sparse graphs, and graphs over 20,000 tasks
    /// (whose reachability would not fit in memory), are drawn as they are.
    package func reducedForDrawing() -> DependencyGraph {
        let n = nodes.count
        guard edges.count > 4 * n, n <= 20_000 else { return self }
        var successors = [[Int]](repeating: [], count: n)
        var indegree = [Int](repeating: 0, count: n)
        for (e, edge) in edges.enumerated() where !edge.cut {
            successors[edge.from].append(e)
            indegree[edge.to] += 1
        }
        // Topological order (Kahn); the cut edges already break every cycle.
        var order: [Int] = []
        order.reserveCapacity(n)
        var ready = (0..<n).filter { indegree[$0] == 0 }
        while let u = ready.popLast() {
            order.append(u)
            for e in successors[u] {
                indegree[edges[e].to] -= 1
                if indegree[edges[e].to] == 0 { ready.append(edges[e].to) }
            }
        }
        guard order.count == n else { return self }
        var position = [Int](repeating: 0, count: n)
        for (p, u) in order.enumerated() { position[u] = p }
        // Reachability as bit sets, built from the last task back: an edge u → v is implied
        // when v is already reachable through a nearer successor of u.
        let words = (n + 63) / 64
        var reach = [UInt64](repeating: 0, count: n * words)
        var keep = [Bool](repeating: true, count: edges.count)
        for u in order.reversed() {
            let out = successors[u].sorted { position[edges[$0].to] < position[edges[$1].to] }
            for e in out {
                let v = edges[e].to
                let implied = reach[u * words + v / 64] & (1 << UInt64(v % 64)) != 0
                if implied, !edges[e].critical { keep[e] = false; continue }
                reach[u * words + v / 64] |= 1 << UInt64(v % 64)
                for w in 0..<words { reach[u * words + w] |= reach[v * words + w] }
            }
        }
        var reduced = self
        reduced.edges = edges.indices.filter { keep[$0] }.map { edges[$0] }
        reduced.impliedNotDrawn = edges.count - reduced.edges.count
        return reduced
    }
}
