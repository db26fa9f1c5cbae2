/// Positions grouped by a small integer key, each group in position order (a stable
/// counting sort): the positions whose key is `k` are `order[start[k]..<start[k + 1]]`.
/// What compressed adjacency lists are built from (predecessors, successors, links into
/// a task): two arrays, not one array per key.
package struct KeyedPositions: Sendable {
    package let start: [Int]
    package let order: [Int]

    /// - Parameter keys: each position's key, in `0..<keyCount`.
    package init(keys: [Int], keyCount: Int) { self.init(sorting: keys, keyCount: keyCount) }

    package init(keys: [Int32], keyCount: Int) { self.init(sorting: keys, keyCount: keyCount) }

    /// One body for both key types, specialised here: called through the generic protocol
    /// from another module, each key's conversion cost a hundred instructions.
    @inline(__always)
    private init<Key: BinaryInteger>(sorting keys: [Key], keyCount: Int) {
        var start = [Int](repeating: 0, count: keyCount + 1)
        for key in keys { start[Int(key) + 1] += 1 }
        for k in 0..<keyCount { start[k + 1] += start[k] }
        var next = start, order = [Int](repeating: 0, count: keys.count)
        for position in keys.indices {
            let key = Int(keys[position])
            order[next[key]] = position
            next[key] += 1
        }
        self.start = start
        self.order = order
    }
}
