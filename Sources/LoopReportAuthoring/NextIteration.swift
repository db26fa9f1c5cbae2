import Foundation
import LoopReportAnalysis
import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// The next loop iteration document of a project, pre-filled from the plan as it stands:
/// every group's completion, a timeline adjustments table with the current estimates, an
/// empty validation checklist and a decision log row with the next free id.
package struct NextIteration: Sendable {
    /// The iteration's number: one more than the iterations so far.
    package var number: Int
    /// The file name, relative to the content directory; read after every existing document.
    package var path: String
    package var title: String
    package var date: CalendarDate
    /// The id of the decision log's empty row (`L6` after `L5`).
    package var decisionID: String
    /// Each group's completion, in percent, in group order.
    package var progress: [(groupID: String, name: String, percent: Int)]
    /// Each group's current estimate in working days (nil: none given), in group order.
    package var estimates: [(groupID: String, days: Double?)]
    package var text: String

    package enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The new document would be read before `document`, so it would not be the latest.
        case wouldNotBeReadLast(path: String, document: String)

        package var description: String {
            switch self {
            case .wouldNotBeReadLast(let path, let document):
                return "'\(path)' would be read before '\(document)' (documents are read in path order, and "
                    + "later ones revise earlier ones); number the documents (e.g. rename '\(document)' to "
                    + "'01-\(document)') so that a new iteration can come last"
            }
        }
    }

    /// - Parameters:
    ///   - documentPaths: every document under the content directory, relative to it (also
    ///     those that could not be read); by default the plan's documents.
    package static func make(
        plan: Plan, analysis: Analysis, title: String? = nil, date: CalendarDate,
        documentPaths: [String]? = nil
    ) throws(Problem) -> NextIteration {
        let paths = documentPaths ?? plan.documents.map(\.path)
        let number = iterationNumber(plan: plan, paths: paths)
        let path = fileName(iteration: number, paths: paths)
        if let later = paths.first(where: { !$0.utf8.lexicographicallyPrecedes(path.utf8) }) {
            throw .wouldNotBeReadLast(path: path, document: later)
        }
        let groups = currentGroups(plan)
        let week = analysis.settings.daysPerWeek
        let progress = groups.map { group in (group.id, progressName(group), completion(of: group, in: plan, daysPerWeek: week)) }
        let estimates = groups.map { group in (group.id, estimateDays(of: group, in: plan, daysPerWeek: week)) }
        var iteration = NextIteration(
            number: number, path: path,
            title: title.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 }
                ?? "Loop Iteration \(number)",
            date: date, decisionID: nextDecisionID(plan.records.decisions.map(\.id)),
            progress: progress, estimates: estimates, text: "")
        iteration.text = iteration.render()
        return iteration
    }

    // MARK: Naming

    /// One more than the iterations so far: the documents that are iterations, or the
    /// highest `iteration-N` in a file name, whichever is more.
    static func iterationNumber(plan: Plan, paths: [String]) -> Int {
        let documents = plan.documents.filter { $0.kind == .iteration }.count
        let named = paths.compactMap { path -> Int? in
            let name = String(path.split(separator: "/").last ?? Substring(path)).lowercased()
            guard let range = name.range(of: "iteration") else { return nil }
            let rest = name[range.upperBound...].drop(while: { $0 == "-" || $0 == "_" || $0 == " " })
            return Int(rest.prefix(while: \.isASCIIDigit))
        }
        return max(documents, named.max() ?? 0) + 1
    }

    /// `NN-iteration-N.md`, numbered after the highest numbered name at the top of the
    /// content directory (a file or a directory: `01-plan/`) with the same width and
    /// separator; `iteration-N.md` in a project without numbered names.
    static func fileName(iteration: Int, paths: [String]) -> String {
        var highest: (number: Int, width: Int, separator: Character)?
        for path in paths {
            let top = path.split(separator: "/").first ?? Substring(path)
            let digits = top.prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty, digits.count <= 9, let number = Int(digits) else { continue }
            let next = top.dropFirst(digits.count).first
            let separator: Character = next == "_" || next == " " || next == "." ? next! : "-"
            if highest == nil || number > highest!.number || (number == highest!.number && digits.count > highest!.width) {
                highest = (number, digits.count, separator)
            }
        }
        let name = "iteration-\(iteration).md"
        guard let highest else { return name }
        var prefix = String(highest.number + 1)
        while prefix.count < highest.width { prefix = "0" + prefix }
        return prefix + String(highest.separator == "." ? "-" : highest.separator) + name
    }

    /// The next id in the series of the latest decision: `L6` after `L1`…`L5`, `D5` after
    /// `D4`, `ADR-8` after `ADR-7`; `L1` (the loop decision log's series) when there is none.
    static func nextDecisionID(_ ids: [String]) -> String {
        func split(_ id: String) -> (prefix: String, number: Int)? {
            let trimmed = id.trimmed
            let digits = trimmed.reversed().prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty, digits.count <= 9, let number = Int(String(digits.reversed())) else { return nil }
            return (String(trimmed.dropLast(digits.count)), number)
        }
        let parsed = ids.compactMap(split)
        guard let series = parsed.last?.prefix else { return "L1" }
        let used = Set(ids.map { $0.trimmed.uppercased() })
        var next = parsed.filter { $0.prefix == series }.map(\.number).max()! + 1
        while used.contains((series + String(next)).uppercased()) { next += 1 }
        return series + String(next)
    }

    // MARK: Figures

    /// Groups the plan still has: defined ones, and implicit ones with blocks left.
    static func currentGroups(_ plan: Plan) -> [Group] {
        let current = Set(plan.currentBlocks.map(\.groupID))
        return plan.groups.filter { !$0.isImplicit || current.contains($0.id) }
    }

    /// Completion weighted by estimate, as the dashboard's progress meters: complete blocks
    /// count whole, blocks in progress by their percentage. Rounded, but never to 100 before
    /// every block is complete nor to 0 once work has started. A group without blocks takes
    /// its latest declared completion.
    static func completion(of group: Group, in plan: Plan, daysPerWeek: Double) -> Int {
        let members = plan.currentBlocks.filter { $0.groupID == group.id }
        guard !members.isEmpty else {
            let declared = plan.records.progress.last { $0.reference?.kind == .group && $0.reference?.id == group.id }?.percent
            return Int((min(100, max(0, declared ?? 0))).rounded())
        }
        var total = 0.0, complete = 0.0
        for block in members {
            let weight = max(block.estimate?.scaled(daysPerWeek: daysPerWeek).days ?? 1, 0.1)
            total += weight
            switch block.progress {
            case .complete?: complete += weight
            case .inProgress?: complete += weight * min(1, max(0, (block.percentComplete ?? 0) / 100))
            default: break
            }
        }
        let percent = total > 0 ? complete / total * 100 : 0
        let allComplete = members.allSatisfy { $0.progress == .complete }
        var rounded = Int(percent.rounded())
        if !allComplete { rounded = min(rounded, 99) }
        if percent > 0 { rounded = max(rounded, 1) }
        return rounded
    }

    /// The sum of the current blocks' estimates; the group's own estimate when none of its
    /// blocks has one (or it has no blocks).
    static func estimateDays(of group: Group, in plan: Plan, daysPerWeek: Double) -> Double? {
        let estimates = plan.currentBlocks.filter { $0.groupID == group.id }
            .compactMap { $0.estimate?.scaled(daysPerWeek: daysPerWeek).days }
        if !estimates.isEmpty { return estimates.reduce(0, +) }
        return group.estimate?.scaled(daysPerWeek: daysPerWeek).days
    }

    /// `Text Analysis Foundation`; empty when the title cannot stand before `(Group N):` in
    /// a progress line (it would be read as another reference, a percentage or a label).
    static func progressName(_ group: Group) -> String {
        let title = group.title.trimmed
        let lower = title.lowercased()
        let unsafe =
            title.contains(where: { ":()%[]|*_`\\<>#".contains($0) })
            || ["group", "block"].contains(where: { word in
                var rest = lower[...]
                while let found = rest.range(of: word) {
                    let after = rest[found.upperBound...].drop(while: { $0 == " " })
                    if after.first?.isASCIIDigit == true { return true }
                    rest = rest[found.upperBound...]
                }
                return false
            })
        return unsafe || lower == "group \(group.id)" ? "" : title
    }

    // MARK: Markdown

    func render() -> String {
        var text = """
            ---
            kind: iteration
            date: \(date)
            ---

            # \(Self.escapeInline(title))

            ## Implementation Progress Assessment

            ### Completed Components


            """
        for (id, name, percent) in progress {
            text += name.isEmpty ? "- Group \(id): \(percent)% complete\n" : "- \(name) (Group \(id)): \(percent)% complete\n"
        }
        text += "\n## Timeline Adjustments\n\n"
        text += Self.table(
            header: ["Group", "Original Estimate", "Revised Estimate", "Delta", "Reason"],
            rows: estimates.map { id, days in
                let effort = days.map(Self.effortText) ?? "-"
                return ["Group \(id)", effort, effort, "-", ""]
            })
        text += "\n## Validation Checklist\n\n"
        text += "## Decision Log\n\n"
        text += Self.table(
            header: ["ID", "Date", "Issue", "Decision", "Rationale", "Impact"],
            rows: [[decisionID, "", "", "", "", ""]])
        return text
    }

    /// `1 day`, `2.5 days`.
    static func effortText(_ days: Double) -> String {
        numberText(days) + (days == 1 ? " day" : " days")
    }

    /// A GFM table with its columns padded to the same width.
    static func table(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            "| "
                + cells.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - cell.count) }
                .joined(separator: " | ") + " |\n"
        }
        return line(header) + "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|\n"
            + rows.map(line).joined()
    }

    /// A title as heading text: Markdown punctuation that would change it is escaped.
    static func escapeInline(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character.isNewline { escaped.append(" "); continue }
            if "\\`*_[]<>#|".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
