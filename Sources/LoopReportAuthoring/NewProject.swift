import LoopReportModel

/// A file to write, relative to the directory it is written into.
package struct AuthoredFile: Sendable, Hashable {
    package var path: String
    package var text: String
    /// What the file is for, one line (printed after it is created).
    package var purpose: String

    package init(path: String, text: String, purpose: String) {
        self.path = path
        self.text = text
        self.purpose = purpose
    }
}

/// The files of a new project: `content/loopreport.yml`, a plan with one group and one
/// block that `check` reads without a warning, and `content/templates/` for overrides.
///
/// Everything lives in `content/` because that is the directory commands read when none
/// is given, and both the settings file and the template overrides are looked up at the
/// root of the directory a command reads.
package enum NewProject {
    /// The content directory, relative to the project directory.
    package static let contentDirectory = "content"

    package static func files(title: String, start: CalendarDate?) -> [AuthoredFile] {
        [
            AuthoredFile(
                path: contentDirectory + "/loopreport.yml", text: settings(title: title, start: start),
                purpose: "settings: title, start date, working days, holidays"),
            AuthoredFile(
                path: contentDirectory + "/01-plan.md", text: plan(title: title),
                purpose: "the plan: one group with one block, to rename and extend"),
            // An empty directory cannot be committed; dot files are not read as documents.
            AuthoredFile(
                path: contentDirectory + "/templates/.gitkeep", text: "",
                purpose: "template overrides (layout.mustache, page.mustache, site.css …), empty"),
        ]
    }

    static func settings(title: String, start: CalendarDate?) -> String {
        let startLine =
            start.map { "start: \($0)                  # day 0 of the schedule (YYYY-MM-DD)" }
            ?? "# start: YYYY-MM-DD           # day 0 of the schedule; without it the schedule stays in working days"
        return """
            # LoopReport settings (README, "Settings"). Documents are every *.md file in this
            # directory, read in path order: later documents revise earlier ones.
            title: \(yamlScalar(title))
            \(startLine)
            workingDays: [Mon, Tue, Wed, Thu, Fri]
            holidays: []                  # e.g. [2026-04-06]
            nearCriticalDays: 1

            """
    }

    static func plan(title: String) -> String {
        """
        ---
        kind: plan
        ---

        # \(title) Implementation Plan

        ## Overview

        What this project delivers and why. Replace the group and block below with your own: a group is
        a unit of work with one purpose; a block is a piece of it that one person can finish in a few
        days. `loopreport check` reads them, schedules them and checks every figure you declare.

        ## Implementation Groups

        ### Group 1: Foundation
        **Priority**: High
        **Dependencies**: None
        **Estimated Effort**: 2 days

        #### Block 1.1: First Deliverable
        **Priority**: High
        **Dependencies**: None
        **Estimated Effort**: 2 days

        **Tasks**:
        - Describe the first task
        - Describe the second task

        **Completion Criteria**:
        - Describe how you will know the block is done

        """
    }

    /// A title from a directory name: `tessera-search_index` → `Tessera Search Index`.
    package static func title(fromDirectoryName name: String) -> String {
        let words = name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " || $0 == "." })
        let title = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        return title.isEmpty ? "New Project" : title
    }

    /// The title as a YAML scalar: plain when that reads back as the same string, else quoted.
    static func yamlScalar(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " " || $0 == "-" || $0 == "_" || $0 == "."
        }
        let startsWithLetter = text.unicodeScalars.first?.properties.isAlphabetic == true
        let reserved = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(text.lowercased())
        if plain, startsWithLetter, !reserved, !text.hasSuffix(" ") { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    quoted += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}
