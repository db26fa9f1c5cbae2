/// SplitMix64: a small, fast, seedable generator, so the same seed always gives the same
/// generated plan or forecast.
package struct SplitMix64: Sendable {
    private var state: UInt64
    package init(seed: UInt64) { state = seed }

    package mutating func nextValue() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<1`, with 53 random bits.
    package mutating func nextUnit() -> Double { Double(nextValue() >> 11) * 0x1p-53 }

    /// A value in `0..<bound`.
    package mutating func next(_ bound: Int) -> Int { Int(nextValue() % UInt64(max(1, bound))) }
}
