import LoopReportSource

/// What one document changed: the blocks it added, revised and removed.
package struct Iteration: Sendable, Hashable {
    package var path: String
    package var title: String
    package var kind: DocumentKind
    package var date: String?
    package var added: [String]
    package var revised: [String]
    package var removed: [String]
    /// How many blocks the plan has after this document. (The blocks themselves, and their
    /// estimates at this point, follow from each block's history.)
    package var blockCount: Int
}

/// The whole project: every document read, and the current plan they add up to.
package struct Plan: Sendable {
    package var documents: [Document]
    /// Groups by id order; implicit groups exist only through their blocks' ids.
    package private(set) var groups: [Group]
    /// Every block ever defined, removed ones included (status `.removed`), in id order.
    package private(set) var blocks: [Block]
    /// One entry per document after the baseline plan (its first document and any plan
    /// documents right after it): the plan's history.
    package var iterations: [Iteration]
    /// Every other recognised construct, across documents.
    package var records: PlanRecords

    /// Blocks still in the plan.
    package var currentBlocks: [Block] { blocks.filter { $0.status != .removed } }

    package func block(_ id: String) -> Block? {
        blockIndex[id].map { blocks[$0] }
    }

    /// The index in `blocks` of a block.
    package func blockIndex(of id: String) -> Int? { blockIndex[id] }

    package func group(_ id: String) -> Group? {
        groupIndex[id].map { groups[$0] }
    }

    private let blockIndex: [String: Int]
    private let groupIndex: [String: Int]

    package init(
        documents: [Document], groups: [Group], blocks: [Block], iterations: [Iteration],
        records: PlanRecords
    ) {
        // By index: `enumerated()` would copy every block (and retain each of its fields).
        self.init(
            documents: documents, groups: groups, blocks: blocks,
            blockIndex: Dictionary(blocks.indices.map { (blocks[$0].id, $0) }, uniquingKeysWith: { a, _ in a }),
            iterations: iterations, records: records)
    }

    /// With the index of `blocks` already made (the plan builder has one).
    init(
        documents: [Document], groups: [Group], blocks: [Block], blockIndex: [String: Int], iterations: [Iteration],
        records: PlanRecords
    ) {
        self.documents = documents
        self.groups = groups
        self.blocks = blocks
        self.iterations = iterations
        self.records = records
        self.blockIndex = blockIndex
        self.groupIndex = Dictionary(groups.indices.map { (groups[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
    }
}

/// Orders ids like `1.2` < `1.10` < `2.1` and `1` < `1a` < `2`: numbers compare as
/// numbers, letters as text. Runs on UTF-8 bytes without allocating (it sorts every block).
package func idPrecedes(_ a: String, _ b: String) -> Bool {
    var x = a.utf8.makeIterator(), y = b.utf8.makeIterator()
    var cx = x.next(), cy = y.next()
    while true {
        guard let p = cx else { return cy != nil }
        guard let q = cy else { return false }
        let px = p >= 48 && p <= 57, qy = q >= 48 && q <= 57
        if px && qy {
            var nx = 0, ny = 0
            while let c = cx, c >= 48 && c <= 57 { nx = nx &* 10 &+ Int(c - 48); cx = x.next() }
            while let c = cy, c >= 48 && c <= 57 { ny = ny &* 10 &+ Int(c - 48); cy = y.next() }
            if nx != ny { return nx < ny }
            continue
        }
        if p != q { return px ? true : qy ? false : p < q }
        cx = x.next(); cy = y.next()
    }
}

/// A sort key for ids, computed once: the numbers of `3.4a` and what follows them.
struct IDKey: Comparable {
    var major: Int
    var minor: Int
    var rest: String

    init(_ id: String) {
        var major = 0, minor = -1, i = id.utf8.startIndex
        let utf8 = id.utf8
        while i < utf8.endIndex, utf8[i] >= 48, utf8[i] <= 57 { major = major &* 10 &+ Int(utf8[i] - 48); i = utf8.index(after: i) }
        if i < utf8.endIndex, utf8[i] == 0x2E {
            i = utf8.index(after: i)
            minor = 0
            while i < utf8.endIndex, utf8[i] >= 48, utf8[i] <= 57 { minor = minor &* 10 &+ Int(utf8[i] - 48); i = utf8.index(after: i) }
        }
        self.major = major
        self.minor = minor
        self.rest = String(id[i...])
    }

    static func < (a: IDKey, b: IDKey) -> Bool {
        if a.major != b.major { return a.major < b.major }
        if a.minor != b.minor { return a.minor < b.minor }
        return a.rest < b.rest
    }
}

extension Sequence {
    /// Sorted by an id (`1.2` < `1.10` < `2.1`), computing each key once.
    func sortedByID(_ id: (Element) -> String) -> [Element] {
        let items = Array(self)
        let keys = items.map { IDKey(id($0)) }
        return items.indices.sorted { keys[$0] < keys[$1] }.map { items[$0] }
    }
}
