/// The critical path method on a precedence network held in flat arrays: integer task
/// indices, predecessor lists in one compressed array, no dictionaries or strings in the
/// passes. Finish-to-start and start-to-start edges; cycles are cut (they are diagnosed
/// elsewhere) so the rest is still scheduled.
public struct PrecedenceNetwork: Sendable {
    public var durations: [Double]
    /// Predecessors of task `i` are `predecessors[predecessorStart[i]..<predecessorStart[i + 1]]`.
    public var predecessorStart: [Int]
    public var predecessors: [Int32]
    /// Per edge: true for start-to-start, false for finish-to-start.
    public var startToStart: [Bool]

    public var count: Int { durations.count }

    /// Builds the compressed arrays from per-task predecessor lists.
    public init(durations: [Double], predecessors lists: [[(task: Int, startToStart: Bool)]]) {
        self.durations = durations
        var start = [0]
        start.reserveCapacity(lists.count + 1)
        var flat: [Int32] = []
        var kinds: [Bool] = []
        for list in lists {
            for edge in list { flat.append(Int32(edge.task)); kinds.append(edge.startToStart) }
            start.append(flat.count)
        }
        predecessorStart = start
        predecessors = flat
        startToStart = kinds
    }
}

/// Early and late dates, floats and driving predecessors of every task, in working days.
public struct CPMResult: Sendable {
    public var earlyStart: [Double]
    public var earlyFinish: [Double]
    public var lateStart: [Double]
    public var lateFinish: [Double]
    public var totalFloat: [Double]
    public var freeFloat: [Double]
    /// The predecessor that fixes each task's early start (-1 when it starts at day 0).
    public var driving: [Int32]
    public var duration: Double
    /// Edges left out to break cycles, as (task, predecessor).
    public var cutEdges: [(Int, Int)]
    /// The topological order used, and which edges (by position) were ignored; kept so the
    /// same network can be re-timed quickly with other durations.
    public var order: [Int32]
    public var ignoredEdges: [Bool]

    public static let epsilon = 1e-9

    public func isCritical(_ task: Int) -> Bool { totalFloat[task] <= Self.epsilon }
}

public enum CriticalPathMethod {
    public static func schedule(_ network: PrecedenceNetwork) -> CPMResult {
        let n = network.count
        let preds = network.predecessors, start = network.predecessorStart, ss = network.startToStart
        let d = network.durations
        // Successor lists (compressed), for Kahn's order and the backward pass.
        var succCount = [Int](repeating: 0, count: n + 1)
        for p in preds { succCount[Int(p) + 1] += 1 }
        for i in 0..<n { succCount[i + 1] += succCount[i] }
        var succ = [Int32](repeating: 0, count: preds.count)
        var succEdge = [Int32](repeating: 0, count: preds.count)
        var fill = succCount
        for i in 0..<n {
            for e in start[i]..<start[i + 1] {
                let p = Int(preds[e])
                succ[fill[p]] = Int32(i); succEdge[fill[p]] = Int32(e); fill[p] += 1
            }
        }
        // Kahn's topological order; when stuck on a cycle, cut the remaining edges into the
        // lowest-numbered waiting task.
        var indegree = [Int](repeating: 0, count: n)
        for i in 0..<n { indegree[i] = start[i + 1] - start[i] }
        var ignored = [Bool](repeating: false, count: preds.count)
        var cut: [(Int, Int)] = []
        var order = [Int32]()
        order.reserveCapacity(n)
        var queue = [Int32]()
        queue.reserveCapacity(n)
        for i in 0..<n where indegree[i] == 0 { queue.append(Int32(i)) }
        var head = 0
        var placed = [Bool](repeating: false, count: n)
        var nextCandidate = 0
        while order.count < n {
            if head == queue.count {
                while placed[nextCandidate] { nextCandidate += 1 }
                let stuck = nextCandidate
                for e in start[stuck]..<start[stuck + 1] where !ignored[e] && !placed[Int(preds[e])] {
                    ignored[e] = true
                    cut.append((stuck, Int(preds[e])))
                }
                indegree[stuck] = 0
                queue.append(Int32(stuck))
            }
            let t = Int(queue[head]); head += 1
            if placed[t] { continue }
            placed[t] = true
            order.append(Int32(t))
            for k in succCount[t]..<succCount[t + 1] where !ignored[Int(succEdge[k])] {
                let s = Int(succ[k])
                indegree[s] -= 1
                if indegree[s] == 0 { queue.append(Int32(s)) }
            }
        }
        // Forward pass.
        var es = [Double](repeating: 0, count: n), ef = [Double](repeating: 0, count: n)
        var driving = [Int32](repeating: -1, count: n)
        for t32 in order {
            let t = Int(t32)
            // The driving predecessor gives the latest constraint; ties go to the lowest index.
            var best = 0.0, by: Int32 = -1
            for e in start[t]..<start[t + 1] where !ignored[e] {
                let p = Int(preds[e])
                let candidate = ss[e] ? es[p] : ef[p]
                if by < 0 || candidate > best + CPMResult.epsilon
                    || (abs(candidate - best) <= CPMResult.epsilon && Int32(p) < by) {
                    best = max(best, candidate); by = Int32(p)
                }
            }
            es[t] = best; ef[t] = best + d[t]; driving[t] = by
        }
        let duration = ef.max() ?? 0
        // Backward pass.
        var lf = [Double](repeating: duration, count: n), ls = [Double](repeating: 0, count: n)
        var free = [Double](repeating: 0, count: n)
        for t32 in order.reversed() {
            let t = Int(t32)
            var latest = duration, earliestSuccessor = duration - ef[t]
            for k in succCount[t]..<succCount[t + 1] {
                let e = Int(succEdge[k])
                guard !ignored[e] else { continue }
                let s = Int(succ[k])
                latest = min(latest, ss[e] ? ls[s] + d[t] : ls[s])
                earliestSuccessor = min(earliestSuccessor, ss[e] ? es[s] - es[t] : es[s] - ef[t])
            }
            lf[t] = latest; ls[t] = latest - d[t]; free[t] = max(0, earliestSuccessor)
        }
        var total = [Double](repeating: 0, count: n)
        for t in 0..<n { total[t] = max(0, ls[t] - es[t]) }
        return CPMResult(earlyStart: es, earlyFinish: ef, lateStart: ls, lateFinish: lf, totalFloat: total,
                         freeFloat: free, driving: driving, duration: duration, cutEdges: cut,
                         order: order, ignoredEdges: ignored)
    }

    /// The project duration for other task durations on the same network (forward pass
    /// only): the inner loop of the Monte Carlo forecast.
    public static func duration(_ network: PrecedenceNetwork, order: [Int32], ignored: [Bool],
                                durations: [Double], earlyFinish: inout [Double]) -> Double {
        var end = 0.0
        network.predecessors.withUnsafeBufferPointer { preds in
            network.startToStart.withUnsafeBufferPointer { ss in
                earlyFinish.withUnsafeMutableBufferPointer { ef in
                    for t32 in order {
                        let t = Int(t32)
                        var start = 0.0
                        for e in network.predecessorStart[t]..<network.predecessorStart[t + 1] where !ignored[e] {
                            let p = Int(preds[e])
                            let candidate = ss[e] ? ef[p] - durations[p] : ef[p]
                            if candidate > start { start = candidate }
                        }
                        ef[t] = start + durations[t]
                        if ef[t] > end { end = ef[t] }
                    }
                }
            }
        }
        return end
    }
}
