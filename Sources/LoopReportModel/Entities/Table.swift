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
                guard cell.text.hasSuffix(")"), let open = cell.text.lastIndex(of: "(") else { return false }
                return names.contains(cell.text[..<open].normalizedName)
            }
    }

    /// The unit a column's header gives its bare numbers: `h` of `Estimate (h)`.
    public func unit(of column: Int?) -> String? {
        guard let column, column < header.count, header[column].text.hasSuffix(")"), let open = header[column].text.lastIndex(of: "(") else { return nil }
        let unit = header[column].text[header[column].text.index(after: open)..<header[column].text.index(before: header[column].text.endIndex)].trimmed
        return unit.isEmpty ? nil : unit
    }

    /// The cell at a row and optional column, nil when absent.
    public func cell(_ row: [Cell], _ column: Int?) -> Cell? {
        guard let column, column < row.count else { return nil }
        return row[column]
    }
}
