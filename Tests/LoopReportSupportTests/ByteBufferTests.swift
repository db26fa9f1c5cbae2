import LoopReportSupport
import Testing

/// Every page and drawing is written through `ByteBuffer`: pieces of each length take their
/// own copying path, and the buffer grows from a small start. What comes out must be exactly
/// what went in.
@Suite struct ByteBufferTests {
    @Test func piecesOfEveryLengthComeOutAsWritten() {
        var buffer = ByteBuffer(capacity: 1)
        var expected: [UInt8] = []
        var generator = SplitMix64(seed: 3)
        for round in 0..<3 {
            for length in 0...40 {
                let piece = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.nextValue()) }
                piece.withUnsafeBufferPointer { buffer.append($0) }
                expected += piece
                buffer.append(UInt8(round))
                expected.append(UInt8(round))
            }
        }
        buffer.append("static <text> & more" as StaticString)
        expected += Array("static <text> & more".utf8)
        buffer.append(utf8: "Grüße, 世界")
        expected += Array("Grüße, 世界".utf8)
        #expect(buffer.count == expected.count)
        #expect(buffer.array == expected)
    }

    @Test func integersAreWrittenInFull() {
        var buffer = ByteBuffer()
        let values: [UInt64] = [0, 7, 10, 99, 100, 999, 1000, 9999, 10000, 123_456_789, UInt64.max]
        for value in values {
            buffer.appendDigits(value)
            buffer.append(0x20)
        }
        #expect(buffer.string == values.map { String($0) + " " }.joined())
    }

    @Test func earlierBytesAreCopiedAgain() {
        var buffer = ByteBuffer(capacity: 4)
        buffer.append("<a>" as StaticString)
        buffer.append(utf8: "name")
        let range = 3..<7
        buffer.appendCopy(of: range)  // grows while copying from itself
        buffer.append(utf8: String(repeating: "x", count: 100))
        buffer.appendCopy(of: range)
        #expect(buffer.string == "<a>namename" + String(repeating: "x", count: 100) + "name")
    }
}
