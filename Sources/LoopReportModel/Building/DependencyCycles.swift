import LoopReportSource

/// Finds dependency cycles among blocks (group dependencies expanded to their blocks) with
/// Tarjan's algorithm, iteratively, and names each whole cycle.
enum DependencyCycles {
    static func find(blocks: [Block], groups: [String: Group]) -> [Diagnostic] {
        let index = Dictionary(blocks.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        // edges[i]: (target index, the reference that made the edge).
        var edges = [[(Int, Reference)]](repeating: [], count: blocks.count)
        for (i, block) in blocks.enumerated() {
            let own = block.dependencies + block.softDependencies
            let inherited = (groups[block.groupID]?.dependencies ?? []) + (groups[block.groupID]?.softDependencies ?? [])
            for reference in own + inherited {
                switch reference.kind {
                case .block:
                    if let j = index[reference.id] { edges[i].append((j, reference)) }
                case .group:
                    guard reference.id != block.groupID, let group = groups[reference.id] else { continue }
                    for id in group.blockIDs { if let j = index[id] { edges[i].append((j, reference)) } }
                }
            }
        }
        var diagnostics: [Diagnostic] = []
        for component in stronglyConnectedComponents(count: blocks.count, edges: edges) {
            let members = Set(component)
            let isCycle = component.count > 1 || edges[component[0]].contains { $0.0 == component[0] }
            guard isCycle else { continue }
            let start = component.min { idPrecedes(blocks[$0].id, blocks[$1].id) }!
            let cycle = path(from: start, within: members, edges: edges)
            let names = (cycle.map(\.from) + [start]).map { "Block " + blocks[$0].id }
            let first = cycle.first
            diagnostics.append(Diagnostic(
                .dependencyCycle, at: first?.reference.range ?? blocks[start].range,
                "dependency cycle: " + names.joined(separator: " → "),
                notes: cycle.dropFirst().map { edge in
                    .init("Block \(blocks[edge.from].id) depends on Block \(blocks[edge.to].id) here", at: edge.reference.range ?? blocks[edge.from].range)
                }))
        }
        return diagnostics
    }

    /// A cycle through `start` inside one component, as its edges.
    private static func path(from start: Int, within members: Set<Int>,
                             edges: [[(Int, Reference)]]) -> [(from: Int, to: Int, reference: Reference)] {
        var previous: [Int: (Int, Reference)] = [:]
        var queue = [start], head = 0
        var visited: Set<Int> = [start]
        while head < queue.count {
            let node = queue[head]; head += 1
            for (next, reference) in edges[node].sorted(by: { $0.0 < $1.0 }) where members.contains(next) {
                if next == start {
                    var cycle = [(from: node, to: start, reference: reference)]
                    var current = node
                    while current != start, let (p, r) = previous[current] {
                        cycle.insert((from: p, to: current, reference: r), at: 0)
                        current = p
                    }
                    return cycle
                }
                if visited.insert(next).inserted {
                    previous[next] = (node, reference)
                    queue.append(next)
                }
            }
        }
        return []
    }

    /// Tarjan's strongly connected components without recursion.
    static func stronglyConnectedComponents(count: Int, edges: [[(Int, Reference)]]) -> [[Int]] {
        var indexOf = [Int](repeating: -1, count: count), low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = [], components: [[Int]] = []
        var nextIndex = 0
        for root in 0..<count where indexOf[root] == -1 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            indexOf[root] = nextIndex; low[root] = nextIndex; nextIndex += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = work.last {
                if edge < edges[node].count {
                    work[work.count - 1].edge += 1
                    let next = edges[node][edge].0
                    if indexOf[next] == -1 {
                        indexOf[next] = nextIndex; low[next] = nextIndex; nextIndex += 1
                        stack.append(next); onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next] {
                        low[node] = min(low[node], indexOf[next])
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last { low[parent.node] = min(low[parent.node], low[node]) }
                    if low[node] == indexOf[node] {
                        var component: [Int] = []
                        while let top = stack.popLast() {
                            onStack[top] = false
                            component.append(top)
                            if top == node { break }
                        }
                        components.append(component)
                    }
                }
            }
        }
        return components
    }
}
