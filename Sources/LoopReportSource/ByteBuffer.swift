/// Bytes being written (page markup, SVG): a growing buffer with value semantics that appends
/// a few bytes in a dozen instructions. Writers append millions of short pieces per site;
/// `Array.append(contentsOf:)` spent about a hundred instructions on each (7 % of a build).
public struct ByteBuffer: @unchecked Sendable {
    /// The memory, shared by copies until one of them writes. Its fields are constants (a
    /// class's variables are checked for exclusive access at run time, on every append).
    @usableFromInline
    final class Storage {
        @usableFromInline let base: UnsafeMutablePointer<UInt8>
        @usableFromInline let capacity: Int

        @usableFromInline
        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 16)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }
    }

    @usableFromInline var storage: Storage
    /// `storage.base`, kept here: one load less per append.
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    /// Bytes written; each copy of the value has its own count over the shared memory.
    @usableFromInline var written: Int
    @usableFromInline var capacity: Int

    public init(capacity: Int = 0) {
        storage = Storage(capacity: capacity)
        base = storage.base
        self.capacity = storage.capacity
        written = 0
    }

    public var count: Int { written }
    public var isEmpty: Bool { written == 0 }

    public subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < count, "ByteBuffer index out of range")
        return base[index]
    }

    /// The bytes written, as an array (a copy).
    public var array: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The bytes written, decoded as UTF-8.
    public var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    public func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Room for `extra` more bytes, in a buffer this value alone owns.
    @inlinable @inline(__always)
    mutating func reserve(_ extra: Int) {
        if _slowPath(capacity - count < extra || !isKnownUniquelyReferenced(&storage)) { grow(extra) }
    }

    @usableFromInline
    mutating func grow(_ extra: Int) {
        let needed = count + extra
        let copy = Storage(capacity: capacity - count < extra ? Swift.max(needed, capacity * 2) : capacity)
        copy.base.initialize(from: base, count: count)
        storage = copy
        base = copy.base
        capacity = copy.capacity
    }

    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        written += 1
    }

    /// Short pieces (most are tags and words) are copied as two overlapping words, inline.
    @inlinable @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let from = UnsafeRawPointer(bytes.baseAddress) else { return }
        reserve(n)
        let to = UnsafeMutableRawPointer(base + written)
        switch n {
        case 8...16:
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            (to + (n - 8)).storeBytes(of: (from + (n - 8)).loadUnaligned(as: UInt64.self), as: UInt64.self)
        case 4..<8:
            to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
            (to + (n - 4)).storeBytes(of: (from + (n - 4)).loadUnaligned(as: UInt32.self), as: UInt32.self)
        case 1..<4:
            to.storeBytes(of: from.load(as: UInt8.self), as: UInt8.self)
            (to + (n - 1)).storeBytes(of: (from + (n - 1)).load(as: UInt8.self), as: UInt8.self)
            (to + n / 2).storeBytes(of: (from + n / 2).load(as: UInt8.self), as: UInt8.self)
        default:
            to.copyMemory(from: from, byteCount: n)
        }
        written += n
    }

    @inlinable @inline(__always)
    public mutating func append(_ text: StaticString) {
        // Read in place (`withUTF8Buffer` takes a closure the optimiser leaves uninlined).
        if text.hasPointerRepresentation {
            append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            text.withUTF8Buffer { append($0) }
        }
    }

    @inlinable
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// A string's UTF-8 bytes.
    @inlinable
    public mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    @inlinable
    public mutating func append(_ other: ByteBuffer) {
        other.withUnsafeBytes { append($0) }
    }

    /// Writes again bytes written before, at `range`.
    public mutating func appendCopy(of range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "ByteBuffer range out of bounds")
        reserve(range.count)
        (base + count).update(from: base + range.lowerBound, count: range.count)
        written += range.count
    }

    /// An integer's decimal digits: counted, then written from the last.
    @inlinable
    public mutating func appendDigits(_ value: UInt64) {
        var length = 1, rest = value / 10
        while rest > 0 { length += 1; rest /= 10 }
        reserve(length)
        var value = value, position = base + count + length
        repeat {
            position -= 1
            position.pointee = 0x30 + UInt8(value % 10)
            value /= 10
        } while value > 0
        written += length
    }
}
