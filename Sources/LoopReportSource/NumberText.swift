/// A number as people write it in plans: rounded to `decimals`, without a trailing `.0`
/// (`2`, `1.5`, `38.1`). One formatter for messages, checks and exports.
package func numberText(_ value: Double, decimals: Int = 2) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
    return String(rounded)
}
