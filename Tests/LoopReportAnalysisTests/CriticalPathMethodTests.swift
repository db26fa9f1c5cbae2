import Testing

@testable import LoopReportAnalysis

/// The CPM passes against a brute-force longest-path computation on random networks.
@Suite struct CriticalPathMethodTests {
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Earliest start by enumerating every path into the task (no memo: exponential, tiny graphs).
    static func bruteEarlyStart(_ t: Int, _ preds: [[(Int, Bool)]], _ d: [Double]) -> Double {
        preds[t].map { p, ss in bruteEarlyStart(p, preds, d) + (ss ? 0 : d[p]) }.max() ?? 0
    }

    /// Latest finish by enumerating every path out of the task to the end (no task may
    /// finish after the project does).
    static func bruteLateFinish(_ t: Int, _ succs: [[(Int, Bool)]], _ d: [Double], _ end: Double) -> Double {
        succs[t].map { s, ss in
            let lateStart = bruteLateFinish(s, succs, d, end) - d[s]
            return ss ? lateStart + d[t] : lateStart
        }.reduce(end, min)
    }

    @Test(arguments: 1...60)
    func matchesBruteForce(seed: Int) {
        var random = Random(state: UInt64(seed) &* 0x9E37_79B9)
        let n = 2 + random.next(9)
        let durations = (0..<n).map { _ in Double(random.next(7)) / 2 }
        var preds = [[(Int, Bool)]](repeating: [], count: n)
        for t in 1..<n {
            for p in 0..<t where random.next(3) == 0 { preds[t].append((p, random.next(4) == 0)) }
        }
        var succs = [[(Int, Bool)]](repeating: [], count: n)
        for t in 0..<n { for (p, ss) in preds[t] { succs[p].append((t, ss)) } }
        let network = PrecedenceNetwork(durations: durations, predecessors: preds.map { $0.map { (task: $0.0, startToStart: $0.1) } })
        let result = CriticalPathMethod.schedule(network)

        let es = (0..<n).map { Self.bruteEarlyStart($0, preds, durations) }
        let duration = (0..<n).map { es[$0] + durations[$0] }.max()!
        #expect(abs(result.duration - duration) < 1e-9)
        for t in 0..<n {
            let totalFloat = Self.bruteLateFinish(t, succs, durations, duration) - durations[t] - es[t]
            #expect(abs(result.earlyStart[t] - es[t]) < 1e-9, "early start of \(t)")
            #expect(abs(result.totalFloat[t] - max(0, totalFloat)) < 1e-9, "float of \(t)")
            #expect(result.isCritical(t) == (totalFloat < 1e-9), "critical \(t)")
            // Free float never exceeds total float.
            #expect(result.freeFloat[t] <= result.totalFloat[t] + 1e-9)
        }
        // Re-timing with the same durations gives the same end (the forecast's inner loop).
        var finish = [Double](repeating: 0, count: n)
        #expect(
            abs(
                CriticalPathMethod.duration(
                    network, order: result.order, ignored: result.ignoredEdges,
                    durations: durations, earlyFinish: &finish) - duration) < 1e-9)
    }

    @Test func cyclesAreCutAndTheRestScheduled() {
        // 0 → 1 → 2 → 1 (cycle), 3 independent.
        let network = PrecedenceNetwork(
            durations: [1, 2, 3, 4],
            predecessors: [[], [(0, false), (2, false)], [(1, false)], []])
        let result = CriticalPathMethod.schedule(network)
        // The edge that closes the cycle in depth-first order (2 after 1) is cut.
        #expect(result.cutEdges.map { [$0.0, $0.1] } == [[2, 1]])
        #expect(result.earlyStart == [0, 3, 0, 0])
        #expect(result.duration == 5)
    }
}
