import LoopReportSource
import LoopReportSupport

/// Finds dependency cycles among blocks with Tarjan's algorithm (iteratively), including
/// cycles through group dependencies, and names each whole cycle.
///
/// Group dependencies are not expanded block by block (that is blocks × group size edges):
/// each group gets two virtual nodes, "any block of the group" and "what the group's blocks
/// inherit", so the graph stays linear in the number of declared dependencies.
enum DependencyCycles {
    /// Removed blocks take no part.
    static func find(in plan: Plan) -> [Diagnostic] {
        let blocks = plan.blocks
        let groupIDs = plan.groups.map(\.id).sorted()
        let groupIndex = Dictionary(groupIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let n = blocks.count, g = groupIDs.count
        func members(_ k: Int) -> Int { n + k }  // edges to every block of group k
        func inherited(_ k: Int) -> Int { n + g + k }  // what blocks of group k inherit from it
        var graph = Digraph(nodeCount: n + 2 * g, edgeCapacity: 2 * n)

        /// Where a reference leads in the graph (a block, or every block of a group).
        func target(_ kind: Reference.Kind, _ id: String, from groupID: String) -> Int? {
            switch kind {
            case .block: return plan.blockIndex(of: id)
            case .group: return id == groupID ? nil : groupIndex[id].map(members)
            }
        }
        // Blocks and references are read in place: a copy of either retains every field.
        for i in blocks.indices where blocks[i].status != .removed {
            let groupID = blocks[i].groupID
            for r in blocks[i].dependencies.indices {
                if let j = target(blocks[i].dependencies[r].kind, blocks[i].dependencies[r].id, from: groupID) { graph.add(i, j) }
            }
            for r in blocks[i].softDependencies.indices {
                if let j = target(blocks[i].softDependencies[r].kind, blocks[i].softDependencies[r].id, from: groupID) {
                    graph.add(i, j)
                }
            }
            if let k = groupIndex[groupID] {
                graph.add(members(k), i)
                // A block that states no dependencies of its own inherits its group's.
                if !blocks[i].declaresDependencies { graph.add(i, inherited(k)) }
            }
        }
        for (k, id) in groupIDs.enumerated() {
            guard let group = plan.group(id) else { continue }
            for reference in group.dependencies + group.softDependencies {
                if let j = target(reference.kind, reference.id, from: id) { graph.add(inherited(k), j) }
            }
        }
        let edges = graph.successors()

        var diagnostics: [Diagnostic] = []
        for component in cyclicComponents(edges) {
            let blockMembers = component.filter { $0 < n }
            guard !blockMembers.isEmpty else { continue }
            let start = blockMembers.min { idPrecedes(blocks[$0].id, blocks[$1].id) }!
            let cycle = path(from: start, within: Set(component), edges: edges)
            let blockPath = cycle.filter { $0 < n }
            let names = (blockPath + [start]).map { "Block " + blocks[$0].id }
            // The reference each block uses to reach the next block of the cycle (looked up
            // only for cycles, so edges keep no reference of their own).
            func edgeReference(from a: Int, towards b: Int) -> SourceRange? {
                let references = blocks[a].dependencies + blocks[a].softDependencies
                let direct = references.first { $0.kind == .block && $0.id == blocks[b].id }
                let viaGroup = references.first {
                    $0.kind == .group && $0.id == blocks[b].groupID && $0.id != blocks[a].groupID && groupIndex[$0.id] != nil
                }
                return (direct ?? viaGroup)?.range ?? plan.group(blocks[a].groupID)?.dependencies
                    .first { $0.id == blocks[b].groupID }?.range ?? blocks[a].range
            }
            let hops = zip(blockPath, blockPath.dropFirst() + [start]).map { ($0, $1) }
            diagnostics.append(
                Diagnostic(
                    .dependencyCycle, at: edgeReference(from: hops[0].0, towards: hops[0].1),
                    "dependency cycle: " + names.joined(separator: " → "),
                    notes: hops.dropFirst().map { a, b in
                        .init("Block \(blocks[a].id) depends on Block \(blocks[b].id) here", at: edgeReference(from: a, towards: b))
                    }))
        }
        return diagnostics
    }

    /// The nodes of a shortest cycle through `start` inside one component, in order.
    private static func path(from start: Int, within members: Set<Int>, edges: Successors) -> [Int] {
        var previous: [Int: Int] = [:]
        var queue = [start], head = 0
        var visited: Set<Int> = [start]
        while head < queue.count {
            let node = queue[head]; head += 1
            for next in edges[node].sorted().map(Int.init) where members.contains(next) {
                if next == start {
                    var cycle = [node]
                    var current = node
                    while current != start, let p = previous[current] { cycle.insert(p, at: 0); current = p }
                    return cycle
                }
                if visited.insert(next).inserted { previous[next] = node; queue.append(next) }
            }
        }
        return [start]
    }

    /// The strongly connected components that hold a cycle (more than one node, or one with
    /// an edge to itself), by Tarjan's algorithm without recursion. The others, nearly every
    /// node of a plan, are passed over without building an array each.
    static func cyclicComponents(_ edges: Successors) -> [[Int]] {
        let count = edges.nodeCount
        var indexOf = [Int32](repeating: -1, count: count), low = [Int32](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int32] = [], components: [[Int]] = []
        var work: [(node: Int32, edge: Int)] = []
        var nextIndex: Int32 = 0
        for root in 0..<count where indexOf[root] == -1 {
            work.append((Int32(root), edges.start[root]))
            indexOf[root] = nextIndex; low[root] = nextIndex; nextIndex += 1
            stack.append(Int32(root)); onStack[root] = true
            while let (node, edge) = work.last {
                let v = Int(node)
                if edge < edges.start[v + 1] {
                    work[work.count - 1].edge += 1
                    let next = Int(edges.targets[edge])
                    if indexOf[next] == -1 {
                        indexOf[next] = nextIndex; low[next] = nextIndex; nextIndex += 1
                        stack.append(Int32(next)); onStack[next] = true
                        work.append((Int32(next), edges.start[next]))
                    } else if onStack[next] {
                        low[v] = min(low[v], indexOf[next])
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last { low[Int(parent.node)] = min(low[Int(parent.node)], low[v]) }
                    guard low[v] == indexOf[v] else { continue }
                    if stack.last == node {
                        stack.removeLast(); onStack[v] = false
                        if edges[v].contains(node) { components.append([v]) }
                        continue
                    }
                    var component: [Int] = []
                    while let top = stack.popLast() {
                        onStack[Int(top)] = false
                        component.append(Int(top))
                        if top == node { break }
                    }
                    components.append(component)
                }
            }
        }
        return components
    }
}

/// A directed graph collected edge by edge, then grouped by source node (`KeyedPositions`)
/// into one array of targets: no array per node.
struct Digraph {
    private let nodeCount: Int
    private var sources: [Int32] = [], targets: [Int32] = []

    init(nodeCount: Int, edgeCapacity: Int) {
        self.nodeCount = nodeCount
        sources.reserveCapacity(edgeCapacity)
        targets.reserveCapacity(edgeCapacity)
    }

    mutating func add(_ source: Int, _ target: Int) {
        sources.append(Int32(source))
        targets.append(Int32(target))
    }

    func successors() -> Successors {
        let bySource = KeyedPositions(keys: sources, keyCount: nodeCount)
        return Successors(start: bySource.start, targets: bySource.order.map { targets[$0] })
    }
}

/// Each node's successors, in the order their edges were added: `targets[start[v]..<start[v + 1]]`.
struct Successors {
    let start: [Int]
    let targets: [Int32]

    var nodeCount: Int { start.count - 1 }
    subscript(node: Int) -> ArraySlice<Int32> { targets[start[node]..<start[node + 1]] }
}
