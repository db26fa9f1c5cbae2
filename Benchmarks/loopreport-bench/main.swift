// Benchmarks for the benchmark script, each printing one JSON line:
// `loopreport-bench schedule N RUNS` times the schedule pass (critical path method on the
// flat-array network); `loopreport-bench layout N RUNS` times the layered graph layout of a
// generated plan; `loopreport-bench svg-metrics FILE.svg` measures a rendered graph drawing.
import LoopReportAnalysis
import LoopReportLayout

#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
let usage = "usage: loopreport-bench schedule TASKS [RUNS] | layout NODES [RUNS [SEED]] | svg-metrics FILE.svg"
switch arguments.count >= 3 ? arguments[1] : "" {
case "layout":
    guard let n = Int(arguments[2]), n >= 0 else {
        print(usage)
        exit(2)
    }
    benchLayout(
        nodes: n, runs: arguments.count > 3 ? max(1, Int(arguments[3]) ?? 5) : 5,
        seed: arguments.count > 4 ? UInt64(arguments[4]) ?? 42 : 42)
    exit(0)
case "svg-metrics":
    svgMetrics(path: arguments[2])
    exit(0)
case "schedule":
    break
default:
    print(usage)
    exit(2)
}
guard let n = Int(arguments[2]), n > 0 else {
    print(usage)
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
print(
    "{\"tasks\": \(n), \"edges\": \(network.predecessors.count), \"runs\": \(runs), \"medianSeconds\": \(times[times.count / 2]), \"minSeconds\": \(times[0]), \"durationDays\": \(duration)}"
)
