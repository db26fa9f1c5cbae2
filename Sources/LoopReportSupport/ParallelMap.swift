import Dispatch

/// `items.map(transform)` across the machine's cores, results in the order of `items`.
/// The one place the stages go parallel: documents, snapshots, independent checks.
package func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    return Array(unsafeUninitializedCapacity: items.count) { buffer, initialized in
        // Each iteration initialises its own element, and concurrentPerform returns after all
        // of them: no element is shared, none read early.
        nonisolated(unsafe) let results = buffer
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.baseAddress!.advanced(by: index).initialize(to: transform(items[index]))
        }
        initialized = items.count
    }
}

/// Transforms `items` across the machine's cores and folds the results into `state` in the
/// order of `items`, each as soon as it and every earlier one are done: the fold runs on one
/// thread at a time while later items are still being transformed.
package func parallelFold<T: Sendable, R: Sendable, State: Sendable>(
    _ items: [T], into state: State, _ transform: @Sendable (T) -> R,
    fold: @Sendable (inout State, R) -> Void
) -> State {
    let pending = Locked(FoldQueue<R>(results: Array(repeating: nil, count: items.count)))
    let folded = Locked(state)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        let result = transform(items[index])
        var isFolder = pending.withLock { pending in
            pending.results[index] = result
            if pending.folding { return false }
            pending.folding = true
            return true
        }
        while isFolder {
            let ready: [R] = pending.withLock { pending in
                var ready: [R] = []
                while pending.next < pending.results.count, let result = pending.results[pending.next] {
                    ready.append(result)
                    pending.results[pending.next] = nil
                    pending.next += 1
                }
                if ready.isEmpty { pending.folding = false }
                return ready
            }
            if ready.isEmpty { isFolder = false }
            folded.withLock { state in for result in ready { fold(&state, result) } }
        }
    }
    return folded.withLock { $0 }
}

/// Results waiting for `parallelFold`'s fold, and where it has got to.
private struct FoldQueue<R: Sendable>: Sendable {
    var results: [R?]
    var next = 0
    /// Whether a thread is folding: results left behind meanwhile are taken by it.
    var folding = false
}
