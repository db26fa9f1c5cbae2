import LoopReportSource

/// A table cell's text with its own location, so checks can point at the exact figure.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var range: SourceRange?
}

/// What a table is, recognised from its header set whatever the column order.
public enum TableKind: String, Sendable, Hashable, Codable, CaseIterable {
    case timelineAdjustments, predictiveAccuracy, expectationVsReality, metrics, measurements,
         approachEffectiveness, timelineComparison, decisionLog, risks, milestones, blockStatus,
         validationStatus, synthesisMatrix, resourceAllocation, testSuites, buildStatus,
         beforeAfter, workItems, other
}

/// A GFM table, kept whole, with its recognised kind and the column each role sits in.
public struct Table: Sendable, Hashable {
    public var kind: TableKind
    public var header: [Cell]
    public var rows: [[Cell]]
    public var range: SourceRange?
    /// The heading the table sits under.
    public var sectionTitle: String

    /// The index of the first column whose normalised name is one of `names`.
    /// The first column named one of `names`, with or without a unit in brackets (`Actual (h)`).
    public func column(_ names: String...) -> Int? {
        header.firstIndex { names.contains($0.text.normalizedName) }
            ?? header.firstIndex { cell in
                let (name, unit) = Self.nameAndUnit(cell.text)
                return unit != nil && names.contains(name.normalizedName)
            }
    }

    /// The unit a column's header gives its bare numbers: `h` of `Estimate (h)`.
    public func unit(of column: Int?) -> String? {
        guard let column, column < header.count else { return nil }
        return Self.nameAndUnit(header[column].text).unit
    }

    /// A header's name and the unit in brackets at its end: `Estimate (h)` → `Estimate `, `h`.
    static func nameAndUnit(_ text: String) -> (name: Substring, unit: String?) {
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return (Substring(text), nil) }
        let unit = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmed
        return (text[..<open], unit.isEmpty ? nil : unit)
    }

    /// The cell at a row and optional column, nil when absent.
    public func cell(_ row: [Cell], _ column: Int?) -> Cell? {
        guard let column, column < row.count else { return nil }
        return row[column]
    }
}
