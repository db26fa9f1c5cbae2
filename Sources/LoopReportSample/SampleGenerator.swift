import LoopReportSource
import LoopReportSupport

/// Generates a plan in the loop-process format, deterministic for a seed: groups of
/// blocks with dependencies (each block depends on 0–3 of the 40 blocks before it),
/// efforts, and iteration documents that add, revise and remove blocks, with progress
/// lists, timeline-adjustment tables and decision logs. For trying LoopReport on a big
/// plan and for benchmarks.
package struct SampleGenerator {
    package struct Options: Sendable {
        package var blocks: Int
        package var iterations: Int
        package var seed: UInt64
        package var blocksPerGroup: Int = 10
        /// Groups per plan file, so no document gets near the size limit.
        package var groupsPerFile: Int = 100

        package init(blocks: Int, iterations: Int, seed: UInt64) {
            self.blocks = blocks
            self.iterations = iterations
            self.seed = seed
        }
    }

    /// Relative path and contents of each generated document, in path order.
    package static func generate(_ options: Options) -> [(path: String, text: String)] {
        var generator = SampleGenerator(options: options)
        return generator.run()
    }

    private let options: Options
    private var random: SplitMix64
    private var ids: [String] = []
    private var estimates: [String: Double] = [:]
    private var dependencies: [String: [String]] = [:]
    private var removed: Set<String> = []
    private var titles: [String: String] = [:]
    private var groupEstimates: [Int: Double] = [:]
    private var groupCount: Int { (options.blocks + options.blocksPerGroup - 1) / options.blocksPerGroup }

    private init(options: Options) {
        self.options = options
        self.random = SplitMix64(seed: options.seed)
    }

    private static let verbs = ["Implement", "Refactor", "Harden", "Extend", "Instrument", "Migrate", "Optimise", "Document"]
    private static let nouns = [
        "tokenizer", "segment writer", "query planner", "cache layer", "replication log",
        "schema registry", "metrics exporter", "merge scheduler", "admin API", "ingest pipeline",
        "snapshot reader", "config loader", "rate limiter", "audit trail", "feature flags",
    ]
    private static let areas = [
        "Core Types", "Storage", "Indexing", "Query Engine", "Replication", "Operations",
        "Security", "Observability", "Migration", "Client SDK",
    ]

    private mutating func title() -> String {
        "\(Self.verbs[random.next(Self.verbs.count)]) \(Self.nouns[random.next(Self.nouns.count)])"
    }

    private mutating func effort() -> Double { Double(1 + random.next(6)) / 2 }

    private static func days(_ value: Double) -> String {
        numberText(value) + (value == 1 ? " day" : " days")
    }

    private mutating func run() -> [(path: String, text: String)] {
        var documents: [(String, String)] = []
        // The plan, split into files of `groupsPerFile` groups.
        var file = "", fileIndex = 1
        for group in 1...max(1, groupCount) {
            if (group - 1) % options.groupsPerFile == 0 {
                if !file.isEmpty { documents.append((planPath(fileIndex), file)); fileIndex += 1 }
                file = "# Generated Implementation Plan 3.0 (part \(fileIndex))\n\n## Implementation Groups\n\n"
            }
            file += planGroup(group)
        }
        documents.append((planPath(fileIndex), file))
        for iteration in 1...max(1, options.iterations) where options.iterations > 0 {
            documents.append((String(format2(iteration + 1)) + "-iteration-\(iteration).md", iterationDocument(iteration)))
        }
        return documents
    }

    private func planPath(_ index: Int) -> String { "01-plan/part-" + String(format3(index)) + ".md" }

    private mutating func planGroup(_ group: Int) -> String {
        let first = (group - 1) * options.blocksPerGroup
        let count = min(options.blocksPerGroup, options.blocks - first)
        guard count > 0 else { return "" }
        var blockText = ""
        var total = 0.0
        for n in 1...count {
            let id = "\(group).\(n)"
            let estimate = effort()
            total += estimate
            var deps: [String] = []
            let window = ids.suffix(40)
            if !window.isEmpty {
                for _ in 0..<random.next(4) {
                    let candidate = window[window.startIndex + random.next(window.count)]
                    if !deps.contains(candidate) { deps.append(candidate) }
                }
            }
            ids.append(id)
            estimates[id] = estimate
            dependencies[id] = deps
            let name = title()
            titles[id] = name
            blockText += """
                #### Block \(id): \(name)
                **Priority**: \(["Critical", "High", "Medium", "Low"][random.next(4)])
                **Dependencies**: \(deps.isEmpty ? "None" : deps.map { "Block " + $0 }.joined(separator: ", "))
                **Estimated Effort**: \(Self.days(estimate))
                **Tasks**:
                - \(title()) for the \(Self.nouns[random.next(Self.nouns.count)])
                - Add tests for the \(Self.nouns[random.next(Self.nouns.count)])
                **Files to Modify**:
                - `src/\(Self.nouns[random.next(Self.nouns.count)].replacingSpaces)/mod.rs`


                """
        }
        let area = Self.areas[(group - 1) % Self.areas.count]
        groupEstimates[group] = total
        return """
            ### Group \(group): \(area) \(group)
            **Priority**: \(group == 1 ? "Critical" : "High")
            **Dependencies**: \(group == 1 ? "None" : "Group \(group - 1)")
            **Estimated Effort**: \(Self.days(total))


            """ + blockText
    }

    private mutating func iterationDocument(_ iteration: Int) -> String {
        var text = "# Loop Iteration \(iteration)\n\n## Implementation Progress Assessment\n\n### Completed Components\n"
        let groups = max(1, groupCount)
        for group in 1...min(groups, 50) {
            let percent = min(100, 100 * iteration / (options.iterations + 1) + random.next(20))
            text += "- \(Self.areas[(group - 1) % Self.areas.count]) \(group) (Group \(group)): \(percent)% complete\n"
        }
        text += "\n### Overall Health Assessment\n- Timeline: \(iteration) days behind schedule\n\n"

        // Revise ~2% of blocks, add ~2% new ones, remove ~1% (only blocks nothing depends on).
        let changes = max(1, options.blocks / 50)
        var revisedGroups: [Int: Double] = [:]
        text += "## Revised Group Blocks\n\n### New Implementation Blocks:\n\n"
        for _ in 0..<changes {
            let group = 1 + random.next(groups)
            let id = "\(group).\(options.blocksPerGroup + iteration * 1000 + random.next(1000))"
            guard estimates[id] == nil else { continue }
            let candidates = ids.filter { !removed.contains($0) && $0.hasPrefix("\(group).") }
            let deps = candidates.isEmpty ? [] : [candidates[random.next(candidates.count)]]
            let estimate = effort()
            ids.append(id); estimates[id] = estimate; dependencies[id] = deps; titles[id] = title()
            revisedGroups[group, default: 0] += estimate
            text += """
                #### Block \(id): \(titles[id]!) (NEW)
                **Priority**: High
                **Dependencies**: \(deps.isEmpty ? "None" : deps.map { "Block " + $0 }.joined(separator: ", "))
                **Estimated Effort**: \(Self.days(estimate))


                """
        }
        text += "### Revised Blocks:\n\n"
        var touched = Set(ids.suffix(changes))
        for _ in 0..<changes {
            let id = ids[random.next(ids.count)]
            guard !removed.contains(id), touched.insert(id).inserted, let old = estimates[id] else { continue }
            let new = old + Double(1 + random.next(4)) / 2
            estimates[id] = new
            revisedGroups[Int(id.split(separator: ".")[0])!, default: 0] += new - old
            text += """
                #### Block \(id): \(titles[id]!) (REVISED)
                **Estimated Effort**: \(Self.days(new)) (increased from \(Self.days(old)))


                """
        }
        var dependents: Set<String> = []
        for (id, deps) in dependencies where !removed.contains(id) { dependents.formUnion(deps) }
        var removals: [String] = []
        for _ in 0..<max(1, changes / 2) {
            let id = ids[random.next(ids.count)]
            guard !removed.contains(id), !dependents.contains(id), touched.insert(id).inserted else { continue }
            removed.insert(id)
            removals.append(id)
        }
        if !removals.isEmpty {
            text += "### Removed Blocks:\n"
            for id in removals { text += "- Block \(id): \(titles[id]!) (no longer needed)\n" }
            text += "\n"
        }
        text += "## Revised Timeline and Dependencies\n\n### Timeline Adjustments\n\n"
        text += "| Group | Original Estimate | Revised Estimate | Delta | Reason |\n|---|---|---|---|---|\n"
        var overall = 0.0
        for group in revisedGroups.keys.sorted() {
            let delta = revisedGroups[group]!
            let original = groupEstimates[group] ?? 0
            groupEstimates[group] = original + delta
            overall += delta
            text +=
                "| Group \(group) | \(Self.days(original)) | \(Self.days(original + delta)) | +\(Self.days(delta).split(separator: " ")[0]) | Iteration \(iteration) changes |\n"
        }
        text += "\n**Overall Impact**: +\(Self.days(overall)) to original timeline\n\n"
        text += "# Loop Process Decision Log\n\n| ID | Date | Issue | Decision | Rationale | Impact |\n|---|---|---|---|---|---|\n"
        for n in 1...3 {
            let day = 1 + (iteration * 3 + n) % 28
            text +=
                "| L\((iteration - 1) * 3 + n) | 2026-0\(1 + iteration % 9)-\(day < 10 ? "0" : "")\(day) | \(title()) slower than planned | Split the work | Lower risk | +\(n) days |\n"
        }
        return text
    }

    private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private func format3(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }
}

extension String {
    fileprivate var replacingSpaces: String { String(map { $0 == " " ? "_" : $0 }) }
}
