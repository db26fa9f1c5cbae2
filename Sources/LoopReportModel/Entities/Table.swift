import LoopReportSource

/// A table cell's text with its own location, so checks can point at the exact figure.
package struct Cell: Sendable, Hashable {
    package var text: String
    package var range: SourceRange?
}

/// What a table is, recognised from its header set whatever the column order.
package enum TableKind: String, Sendable, Hashable, Codable, CaseIterable {
    case timelineAdjustments, predictiveAccuracy, expectationVsReality, metrics, measurements,
        approachEffectiveness, timelineComparison, decisionLog, risks, milestones, blockStatus,
        validationStatus, synthesisMatrix, resourceAllocation, testSuites, buildStatus,
        beforeAfter, workItems, other
}

/// A GFM table, kept whole, with its recognised kind and the column each role sits in.
package struct Table: Sendable, Hashable {
    package var kind: TableKind
    package var header: [Cell]
    package var rows: [[Cell]]
    package var range: SourceRange?
    /// The heading the table sits under.
    package var sectionTitle: String

    /// The index of the first column whose normalised name is one of `names`.
    /// The first column named one of `names`, with or without a unit in brackets (`Actual (h)`).
    package func column(_ names: String...) -> Int? {
        header.firstIndex { names.contains($0.text.normalizedName) }
            ?? header.firstIndex { cell in
                let (name, unit) = Self.nameAndUnit(cell.text)
                return unit != nil && names.contains(name.normalizedName)
            }
    }

    /// The unit a column's header gives its bare numbers: `h` of `Estimate (h)`.
    package func unit(of column: Int?) -> String? {
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
    package func cell(_ row: [Cell], _ column: Int?) -> Cell? {
        guard let column, column < row.count else { return nil }
        return row[column]
    }
}
