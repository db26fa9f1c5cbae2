import LoopReportSource

/// Plan text with emoji markers (1️⃣ 2️⃣ …) that stand for expected locations; the markers
/// are removed and their positions (line, UTF-8 column) remembered.
package struct MarkedSource {
    package let text: String
    private var markers: [String: SourceLocation] = [:]

    package static let markerNames = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    package init(_ marked: String) {
        var output = ""
        var line = 1, column = 1
        var rest = Substring(marked)
        outer: while let character = rest.first {
            for name in Self.markerNames where rest.hasPrefix(name) {
                markers[name] = SourceLocation(line: line, column: column)
                rest = rest.dropFirst(name.count)
                continue outer
            }
            output.append(character)
            if character == "\n" { line += 1; column = 1 } else { column += character.utf8.count }
            rest = rest.dropFirst()
        }
        text = output
    }

    package func location(of marker: String) -> SourceLocation? { markers[marker] }
}
