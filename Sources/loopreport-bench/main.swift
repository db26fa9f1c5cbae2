// Times the schedule pass (critical path method on the flat-array network) for the
// benchmark script: `loopreport-bench schedule N RUNS` prints one JSON line.
import LoopReportAnalysis
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, arguments[1] == "schedule", let n = Int(arguments[2]), n > 0 else {
    print("usage: loopreport-bench schedule TASKS [RUNS]")
    exit(2)
}
let runs = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 5) : 5

// Each task depends on 0–3 of the 40 tasks before it, as in the generated plans.
struct Random {
    var state: UInt64 = 42
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
var random = Random()
var predecessors = [[(task: Int, startToStart: Bool)]](repeating: [], count: n)
var durations = [Double](repeating: 0, count: n)
for t in 0..<n {
    durations[t] = Double(1 + random.next(6)) / 2
    if t > 0 { for _ in 0..<random.next(4) { predecessors[t].append((t - 1 - random.next(min(40, t)), false)) } }
}
let network = PrecedenceNetwork(durations: durations, predecessors: predecessors)
var times: [Double] = []
var duration = 0.0
for _ in 0..<runs {
    let start = now()
    duration = CriticalPathMethod.schedule(network).duration
    times.append(now() - start)
}
times.sort()
print("{\"tasks\": \(n), \"edges\": \(network.predecessors.count), \"runs\": \(runs), \"medianSeconds\": \(times[times.count / 2]), \"minSeconds\": \(times[0]), \"durationDays\": \(duration)}")
