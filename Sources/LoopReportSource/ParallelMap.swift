import Dispatch
import Synchronization

/// `items.map(transform)` across the machine's cores, results in the order of `items`.
/// The one place the stages go parallel: documents, snapshots, independent checks.
package func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let results = Mutex<[R?]>(Array(repeating: nil, count: items.count))
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        let result = transform(items[index])
        results.withLock { $0[index] = result }
    }
    return results.withLock { $0.map { $0! } }
}
