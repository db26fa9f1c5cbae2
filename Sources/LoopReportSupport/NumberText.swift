/// A number as people write it in plans: rounded to `decimals`, without a trailing `.0`
/// (`2`, `1.5`, `38.1`). One formatter for messages, checks and exports.
package func numberText(_ value: Double, decimals: Int = 2) -> String {
    var scale = 1.0, unit: UInt = 1
    for _ in 0..<decimals { scale *= 10; unit *= 10 }
    let scaled = (value * scale).rounded()
    // Up to two decimals and below 10^12 units, the digits are written from the integer count
    // of units: the same text as the shortest form of the rounded Double (which needs no
    // exponent there, and which no shorter decimal reaches), without formatting a Double.
    if decimals <= 2, abs(scaled) < 1e12 { return fixedPointText(units: Int(scaled), unit: unit, decimals: decimals) }
    let rounded = scaled / scale
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
    return String(rounded)
}

/// `units` ÷ `unit` (10^`decimals`) in decimal, trailing fraction zeros dropped.
private func fixedPointText(units: Int, unit: UInt, decimals: Int) -> String {
    var whole = units.magnitude / unit, fraction = units.magnitude % unit
    var fractionDigits = fraction == 0 ? 0 : decimals
    while fractionDigits > 0, fraction % 10 == 0 { fraction /= 10; fractionDigits -= 1 }
    var wholeDigits = 1
    var rest = whole
    while rest >= 10 { rest /= 10; wholeDigits += 1 }
    let sign = units < 0 ? 1 : 0
    return String(unsafeUninitializedCapacity: sign + wholeDigits + 1 + fractionDigits) { buffer in
        if sign == 1 { buffer[0] = 0x2D }
        var i = sign + wholeDigits
        repeat { i -= 1; buffer[i] = 0x30 + UInt8(whole % 10); whole /= 10 } while whole > 0
        var count = sign + wholeDigits
        if fractionDigits > 0 {
            buffer[count] = 0x2E
            count += 1 + fractionDigits
            for k in stride(from: count - 1, to: count - 1 - fractionDigits, by: -1) {
                buffer[k] = 0x30 + UInt8(fraction % 10)
                fraction /= 10
            }
        }
        return count
    }
}
