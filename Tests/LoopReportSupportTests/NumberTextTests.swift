import LoopReportSupport
import Testing

/// Every figure on the pages, in messages and in exports is written by `numberText`: the
/// way people write numbers in plans, rounded half away from zero, no trailing zeros, no
/// `-0`. Small and large magnitudes take different paths inside; both must read the same.
@Suite struct NumberTextTests {
    @Test(arguments: [
        (2.0, 2, "2"), (1.5, 2, "1.5"), (38.1, 2, "38.1"), (38.10000001, 2, "38.1"),
        (0.005, 2, "0.01"), (-0.005, 2, "-0.01"), (-0.004, 2, "0"), (-0.0, 2, "0"),
        (1234567.891, 2, "1234567.89"), (9999999999.99, 2, "9999999999.99"),
        (10000000000.5, 2, "10000000000.5"), (66.66666, 0, "67"), (0.33333, 1, "0.3"), (1.23456, 3, "1.235"),
    ])
    func writesFiguresAsPlansDo(value: Double, decimals: Int, text: String) {
        #expect(numberText(value, decimals: decimals) == text)
    }

    @Test func agreesWithTheRoundedDoubleEverywhere() {
        // The digits written from integer units must be the shortest text of the rounded Double.
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let value = Double(Int64(bitPattern: generator.nextValue()) % 2_000_000_000_000) / 1000
            for decimals in 0...2 {
                var scale = 1.0
                for _ in 0..<decimals { scale *= 10 }
                let rounded = (value * scale).rounded() / scale
                let expected = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
                #expect(numberText(value, decimals: decimals) == expected, "\(value), \(decimals) decimals")
            }
        }
    }
}
