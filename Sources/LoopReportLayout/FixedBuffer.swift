/// A fixed number of values in memory of their own, read and written by plain indexing
/// without bounds, copy-on-write or exclusivity checks (as through a pointer): the crossing
/// minimiser's adjacency, orders and scratch counts, in its hot loops.
///
/// A handle, like the pointer it wraps: copies and views share the memory, and its one owner
/// calls `deallocate()` (`CrossingMinimizer`, in its `deinit`).
struct FixedBuffer<Element: BitwiseCopyable> {
    private let base: UnsafeMutablePointer<Element>

    /// `count` copies of `value` (room for one at least, so an empty layer's reads stay inside).
    init(count: Int, repeating value: Element) {
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: max(count, 1))
    }

    private init(base: UnsafeMutablePointer<Element>) {
        self.base = base
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    /// The values from `offset` on, indexed from 0 (a layer's part of the order, a node's of
    /// the adjacency): a view of the same memory, never deallocated itself.
    @inline(__always)
    func view(from offset: Int) -> FixedBuffer {
        FixedBuffer(base: base + offset)
    }

    /// The first `count` values, as an array (a copy).
    func array(prefix count: Int) -> [Element] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    func deallocate() {
        base.deallocate()
    }
}
