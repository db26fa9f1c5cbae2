/// Bytes being written (page markup, SVG): a growing buffer that appends a few bytes in a
/// dozen instructions. Writers append millions of short pieces per site, and
/// `Array.append(contentsOf:)` spent about a hundred instructions on each (7 % of a build).
/// Noncopyable: it owns its memory, so an append checks no sharing (copy-on-write would).
package struct ByteBuffer: ~Copyable, @unchecked Sendable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    /// Bytes written.
    @usableFromInline var written: Int
    @usableFromInline var capacity: Int

    package init(capacity: Int = 0) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
        written = 0
    }

    deinit { base.deallocate() }

    package var count: Int { written }

    /// The bytes written, as an array (a copy).
    package var array: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The bytes written, decoded as UTF-8.
    package var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    package func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: written))
    }

    /// Room for `extra` more bytes.
    @inlinable @inline(__always)
    mutating func reserve(_ extra: Int) {
        if _slowPath(capacity - written < extra) { grow(extra) }
    }

    @usableFromInline
    mutating func grow(_ extra: Int) {
        let grown = Swift.max(written + extra, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.moveInitialize(from: base, count: written)
        base.deallocate()
        base = moved
        capacity = grown
    }

    @inlinable @inline(__always)
    package mutating func append(_ byte: UInt8) {
        reserve(1)
        base[written] = byte
        written += 1
    }

    /// Short pieces (most are tags and words) are copied as two overlapping words, inline.
    @inlinable @inline(__always)
    package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
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
    package mutating func append(_ text: StaticString) {
        // Read in place (`withUTF8Buffer` takes a closure the optimiser leaves uninlined).
        if text.hasPointerRepresentation {
            append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            text.withUTF8Buffer { append($0) }
        }
    }

    @inlinable
    package mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// A string's UTF-8 bytes.
    @inlinable
    package mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    @inlinable
    package mutating func append(_ other: borrowing ByteBuffer) {
        other.withUnsafeBytes { append($0) }
    }

    /// Writes again bytes written before, at `range`.
    package mutating func appendCopy(of range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= written, "ByteBuffer range out of bounds")
        reserve(range.count)
        (base + written).update(from: base + range.lowerBound, count: range.count)
        written += range.count
    }

    /// An integer's decimal digits. Up to four (coordinates, most counts) written directly;
    /// longer ones counted, then written from the last.
    @inlinable
    package mutating func appendDigits(_ value: UInt64) {
        reserve(20)
        let p = base + written
        @inline(__always) func digit(_ d: UInt64) -> UInt8 { 0x30 + UInt8(truncatingIfNeeded: d) }
        switch value {
        case ..<10:
            p[0] = digit(value); written += 1
        case ..<100:
            p[0] = digit(value / 10); p[1] = digit(value % 10); written += 2
        case ..<1000:
            p[0] = digit(value / 100); p[1] = digit(value / 10 % 10); p[2] = digit(value % 10); written += 3
        case ..<10000:
            p[0] = digit(value / 1000); p[1] = digit(value / 100 % 10); p[2] = digit(value / 10 % 10); p[3] = digit(value % 10)
            written += 4
        default:
            var length = 1, rest = value / 10
            while rest > 0 { length += 1; rest /= 10 }
            var value = value, position = p + length
            repeat {
                position -= 1
                position.pointee = digit(value % 10)
                value /= 10
            } while value > 0
            written += length
        }
    }
}
