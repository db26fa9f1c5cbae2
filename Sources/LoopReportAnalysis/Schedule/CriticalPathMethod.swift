import LoopReportSource
import LoopReportSupport

/// The critical path method on a precedence network held in flat arrays: integer task
/// indices, predecessor lists in one compressed array, no dictionaries or strings in the
/// passes. Finish-to-start and start-to-start edges; cycles are cut (they are diagnosed
/// elsewhere) so the rest is still scheduled.
package struct PrecedenceNetwork: Sendable {
    package var durations: [Double]
    /// Predecessors of task `i` are `predecessors[predecessorStart[i]..<predecessorStart[i + 1]]`.
    package var predecessorStart: [Int]
    package var predecessors: [Int32]
    /// Per edge: true for start-to-start, false for finish-to-start.
    package var startToStart: [Bool]

    package var count: Int { durations.count }

    /// Builds the compressed arrays from per-task predecessor lists.
    package init(durations: [Double], predecessors lists: [[(task: Int, startToStart: Bool)]]) {
        var edges = NetworkEdges(taskCount: lists.count)
        for (task, list) in lists.enumerated() {
            for edge in list { edges.append(to: task, from: edge.task, startToStart: edge.startToStart) }
        }
        self.init(durations: durations, edges: edges)
    }

    /// Builds the compressed arrays from edges listed in any order of tasks: each task's
    /// predecessors keep the order in which they were added.
    package init(durations: [Double], edges: NetworkEdges) {
        self.durations = durations
        let byTask = KeyedPositions(keys: edges.to, keyCount: durations.count)
        predecessorStart = byTask.start
        predecessors = byTask.order.map { edges.from[$0] }
        startToStart = byTask.order.map { edges.startToStart[$0] }
    }
}

/// A precedence network's edges as they are found, in three parallel arrays.
package struct NetworkEdges: Sendable {
    package private(set) var to: [Int32] = [], from: [Int32] = [], startToStart: [Bool] = []

    package init(taskCount: Int) {
        to.reserveCapacity(2 * taskCount)
        from.reserveCapacity(2 * taskCount)
        startToStart.reserveCapacity(2 * taskCount)
    }

    package mutating func append(to task: Int, from predecessor: Int, startToStart kind: Bool) {
        to.append(Int32(task))
        from.append(Int32(predecessor))
        startToStart.append(kind)
    }
}

/// Early and late dates, floats and driving predecessors of every task, in working days.
package struct CPMResult: Sendable {
    package var earlyStart: [Double]
    package var earlyFinish: [Double]
    package var lateStart: [Double]
    package var lateFinish: [Double]
    package var totalFloat: [Double]
    package var freeFloat: [Double]
    /// The predecessor that fixes each task's early start (-1 when it starts at day 0).
    package var driving: [Int32]
    package var duration: Double
    /// Edges left out to break cycles, as (task, predecessor).
    package var cutEdges: [(Int, Int)]
    /// The topological order used, and which edges (by position) were ignored; kept so the
    /// same network can be re-timed quickly with other durations.
    package var order: [Int32]
    package var ignoredEdges: [Bool]

    package static let epsilon = 1e-9

    package func isCritical(_ task: Int) -> Bool { totalFloat[task] <= Self.epsilon }
}

package enum CriticalPathMethod {
    /// Both passes work on predecessor lists only: the forward pass pulls from
    /// predecessors in topological order, the backward pass pushes to them in reverse
    /// order, so no successor lists are built. Plans usually number tasks in dependency
    /// order; then the order is the identity and costs one scan.
    package static func schedule(_ network: PrecedenceNetwork) -> CPMResult {
        let n = network.count, edgeCount = network.predecessors.count
        var (order, ignored, cut) = topologicalOrder(network)
        if ignored.isEmpty { ignored = [Bool](repeating: false, count: edgeCount) }
        // Every element is written by the passes before it is read, so the arrays are not
        // zero-filled first (on a million tasks that is most of the fixed cost).
        var result = CPMResult(
            earlyStart: uninitialized(Double.self, n), earlyFinish: uninitialized(Double.self, n),
            lateStart: uninitialized(Double.self, n), lateFinish: uninitialized(Double.self, n),
            totalFloat: uninitialized(Double.self, n), freeFloat: uninitialized(Double.self, n),
            driving: uninitialized(Int32.self, n), duration: 0, cutEdges: cut,
            order: order, ignoredEdges: ignored)
        SchedulePasses.run(network, filling: &result)
        return result
    }

    /// An array whose elements are all written before they are read. Empty arrays are made
    /// plainly: the initializer given no capacity writes the count of the runtime's one shared
    /// empty array, a data race when two schedules of empty networks run at once (ThreadSanitizer).
    private static func uninitialized<T>(_ type: T.Type, _ count: Int) -> [T] {
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// A topological order over predecessor lists: the identity when every task comes after
    /// its predecessors, else a depth-first post-order; edges that close a cycle are cut.
    static func topologicalOrder(_ network: PrecedenceNetwork) -> (order: [Int32], ignored: [Bool], cut: [(Int, Int)]) {
        let n = network.count
        let preds = network.predecessors, start = network.predecessorStart
        var ordered = true
        for t in 0..<n where ordered {
            for e in start[t]..<start[t + 1] where Int(preds[e]) >= t { ordered = false; break }
        }
        if ordered {
            guard n > 0 else { return ([], [], []) }
            return (
                [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
                    for i in 0..<n { buffer[i] = Int32(i) }
                    initialized = n
                }, [], []
            )
        }
        var order: [Int32] = []
        order.reserveCapacity(n)
        var state = [UInt8](repeating: 0, count: n)  // 0 new, 1 on the path, 2 done
        var ignored = [Bool](repeating: false, count: preds.count)
        var cut: [(Int, Int)] = []
        var stack: [(task: Int, edge: Int)] = []
        for root in 0..<n where state[root] == 0 {
            stack.append((root, start[root])); state[root] = 1
            while let (t, e) = stack.last {
                if e < start[t + 1] {
                    stack[stack.count - 1].edge += 1
                    let p = Int(preds[e])
                    switch state[p] {
                    case 0: state[p] = 1; stack.append((p, start[p]))
                    case 1: ignored[e] = true; cut.append((t, p))  // closes a cycle
                    default: break
                    }
                } else {
                    stack.removeLast(); state[t] = 2; order.append(Int32(t))
                }
            }
        }
        return (order, ignored, cut)
    }

    /// The project duration for other task durations on the same network (forward pass
    /// only): the inner loop of the Monte Carlo forecast.
    package static func duration(
        _ network: PrecedenceNetwork, order: [Int32], ignored: [Bool],
        durations: [Double], earlyFinish: inout [Double]
    ) -> Double {
        SchedulePasses.duration(network, order: order, ignored: ignored, durations: durations, earlyFinish: &earlyFinish)
    }
}

/// The passes of `CriticalPathMethod` on raw buffers: of the network's arrays, of the order,
/// and of the arrays they fill. They index them plainly, without the bounds, uniqueness and
/// exclusivity checks of arrays (spans, bounds-checked, made the passes 3–6 % slower on a
/// million tasks). `run` and `duration` are the one place the buffers are taken from the
/// arrays, and they do not outlive them.
private struct SchedulePasses {
    let preds: UnsafeBufferPointer<Int32>, start: UnsafeBufferPointer<Int>
    let ss: UnsafeBufferPointer<Bool>, d: UnsafeBufferPointer<Double>
    let order: UnsafeBufferPointer<Int32>
    /// Edges cut to break cycles (`ignored[e]`), read only when there are any.
    let ignored: UnsafeBufferPointer<Bool>, hasCut: Bool
    let es: UnsafeMutableBufferPointer<Double>, ef: UnsafeMutableBufferPointer<Double>
    let lf: UnsafeMutableBufferPointer<Double>, ls: UnsafeMutableBufferPointer<Double>
    let free: UnsafeMutableBufferPointer<Double>, total: UnsafeMutableBufferPointer<Double>
    let driving: UnsafeMutableBufferPointer<Int32>

    /// Fills the dates, floats, driving predecessors and duration of `result`, whose order and
    /// ignored edges are set.
    static func run(_ network: PrecedenceNetwork, filling result: inout CPMResult) {
        let hasCut = !result.cutEdges.isEmpty
        let duration = network.predecessors.withUnsafeBufferPointer { preds in
            network.predecessorStart.withUnsafeBufferPointer { start in
                network.startToStart.withUnsafeBufferPointer { ss in
                    network.durations.withUnsafeBufferPointer { d in
                        result.order.withUnsafeBufferPointer { order in
                            result.ignoredEdges.withUnsafeBufferPointer { ignored in
                                result.earlyStart.withUnsafeMutableBufferPointer { es in
                                    result.earlyFinish.withUnsafeMutableBufferPointer { ef in
                                        result.lateFinish.withUnsafeMutableBufferPointer { lf in
                                            result.lateStart.withUnsafeMutableBufferPointer { ls in
                                                result.freeFloat.withUnsafeMutableBufferPointer { free in
                                                    result.totalFloat.withUnsafeMutableBufferPointer { total in
                                                        result.driving.withUnsafeMutableBufferPointer { driving in
                                                            let passes = SchedulePasses(
                                                                preds: preds, start: start, ss: ss, d: d, order: order, ignored: ignored,
                                                                hasCut: hasCut,
                                                                es: es, ef: ef, lf: lf, ls: ls, free: free, total: total, driving: driving)
                                                            let duration = passes.forward()
                                                            passes.backward(duration: duration)
                                                            return duration
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        result.duration = duration
    }

    /// Forward: each task starts when its driving predecessor, the one giving the latest
    /// constraint, allows (ties go to the lowest index). Returns the project's duration.
    func forward() -> Double {
        var duration = 0.0
        for o in 0..<order.count {
            let t = Int(order[o])
            var best = 0.0, by: Int32 = -1
            for e in start[t]..<start[t + 1] {
                if hasCut && ignored[e] { continue }
                let p = preds[e]
                let candidate = ss[e] ? es[Int(p)] : ef[Int(p)]
                if by < 0 || candidate > best + CPMResult.epsilon || (abs(candidate - best) <= CPMResult.epsilon && p < by) {
                    best = max(best, candidate); by = p
                }
            }
            es[t] = best; ef[t] = best + d[t]; driving[t] = by
            if ef[t] > duration { duration = ef[t] }
        }
        return duration
    }

    /// Backward: every task may finish as late as the project does, less what its successors
    /// (already done, in reverse order) require.
    func backward(duration: Double) {
        let n = order.count
        for t in 0..<n { lf[t] = duration; free[t] = duration - ef[t] }
        for o in stride(from: n - 1, through: 0, by: -1) {
            let t = Int(order[o])
            ls[t] = lf[t] - d[t]
            total[t] = max(0, ls[t] - es[t])
            free[t] = max(0, free[t])
            for e in start[t]..<start[t + 1] {
                if hasCut && ignored[e] { continue }
                let p = Int(preds[e])
                if ss[e] {
                    lf[p] = min(lf[p], ls[t] + d[p]); free[p] = min(free[p], es[t] - es[p])
                } else {
                    lf[p] = min(lf[p], ls[t]); free[p] = min(free[p], es[t] - ef[p])
                }
            }
        }
    }

    /// The forward pass alone, for other durations (`CriticalPathMethod.duration`): the
    /// predecessors, their kinds and the finishes it writes on raw buffers.
    static func duration(
        _ network: PrecedenceNetwork, order: [Int32], ignored: [Bool], durations: [Double],
        earlyFinish: inout [Double]
    ) -> Double {
        network.predecessors.withUnsafeBufferPointer { preds in
            network.startToStart.withUnsafeBufferPointer { ss in
                earlyFinish.withUnsafeMutableBufferPointer { ef in
                    var end = 0.0
                    for t32 in order {
                        let t = Int(t32)
                        var start = 0.0
                        for e in network.predecessorStart[t]..<network.predecessorStart[t + 1] where ignored.isEmpty || !ignored[e] {
                            let p = Int(preds[e])
                            let candidate = ss[e] ? ef[p] - durations[p] : ef[p]
                            if candidate > start { start = candidate }
                        }
                        ef[t] = start + durations[t]
                        if ef[t] > end { end = ef[t] }
                    }
                    return end
                }
            }
        }
    }
}
