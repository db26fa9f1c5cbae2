import LoopReportSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The loader applies each document to the plan as soon as it and every earlier one are
/// read (`parallelFold`): however long each one takes, they must be applied in path order,
/// each exactly once.
@Suite struct ParallelFoldTests {
    @Test func foldsInOrderWhateverTheTransformTakes() {
        let items = Array(0..<300)
        let folded = parallelFold(items, into: [Int]()) { item -> Int in
            // Later items often finish first: the earlier ones sleep longer.
            if item % 7 == 0 { usleep(UInt32(300 - item) * 3) }
            return item
        } fold: { order, item in
            order.append(item)
        }
        #expect(folded == items)
    }

    @Test func emptyAndSingleInputs() {
        #expect(parallelFold([Int](), into: 0, { $0 }, fold: { $0 += $1 }) == 0)
        #expect(parallelFold([41], into: 1, { $0 }, fold: { $0 += $1 }) == 42)
    }
}

/// Pages, snapshots and checks are computed on all cores by `parallelMap`: results must come
/// back in input order, each exactly once, whatever finishes first.
@Suite struct ParallelMapTests {
    @Test func keepsInputOrder() {
        let items = Array(0..<500)
        let mapped = parallelMap(items) { item -> String in
            // Later items often finish first: the earlier ones sleep longer.
            if item % 7 == 0 { usleep(UInt32(500 - item) * 3) }
            return "item \(item)"
        }
        #expect(mapped == items.map { "item \($0)" })
    }
}
