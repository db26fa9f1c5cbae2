import LoopReportAnalysis
import LoopReportModel
import LoopReportPipeline
import LoopReportSource
import LoopReportTestSupport
import Testing

/// The same plan written in the styles real repositories use (Tests/Fixtures/PlanStyles,
/// written for these tests) reads into the same model: ids, titles, groups, estimates with
/// their ranges, dependencies and statuses.
@Suite struct PlanStylesTests {
    /// One line per block: what every style must give (README.md in the fixtures' folder).
    static let expected = [
        "1.1 Schema and Storage | group 1 | 2 [2–2] | after  | complete",
        "1.2 Account Import | group 1 | 3.5 [3–4] | after 1.1 | complete",
        "2.1 Change Feed | group 2 | 2 [2–2] | after 1.1 | in-progress",
        "2.2 Conflict Resolution | group 2 | 5 [5–5] | after 2.1, 1.2 | not-started",
        "2.3 Retry Policy | group 2 | 1.5 [1.5–1.5] | after 2.1 | not-started",
        "3.1 Staging Rollout | group 3 | 2 [2–2] | after 2.2, 2.3 | not-started",
        "3.2 Production Rollout | group 3 | 1 [1–1] | after 3.1 | not-started",
        "3.3 Runbook | group 3 | 0.5 [0.5–0.5] | after  | not-started",
    ]
    static let groups = ["1 Foundations", "2 Sync Engine", "3 Rollout"]

    static func model(_ style: String, folder: String = "PlanStyles", titles: Bool = true)
        -> (blocks: [String], groups: [String], warnings: [String])
    {
        let loaded = Pipeline.load(root: packageRoot + "/Tests/Fixtures/\(folder)/" + style)
        let blocks = loaded.plan.blocks.map { block in
            let e = block.estimate
            let estimate = e.map { "\(number($0.days)) [\(number($0.minimumDays))–\(number($0.maximumDays))]" } ?? "none"
            return
                "\(block.id)\(titles ? " " + block.title : "") | group \(block.groupID) | \(estimate) | after \(block.dependencies.map(\.id).joined(separator: ", ")) | \(block.progress?.rawValue ?? "none")"
        }
        return (
            blocks, loaded.plan.groups.map { "\($0.id) \($0.title)" },
            loaded.diagnostics.filter { $0.severity != .note }.map(\.message)
        )
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    @Test(arguments: ["guideline", "phases", "bullets", "tables", "phase-files", "numbered-list"])
    func everyStyleReadsAsTheSamePlan(style: String) {
        let read = Self.model(style)
        #expect(read.blocks == Self.expected)
        #expect(read.groups == Self.groups)
        #expect(read.warnings.isEmpty, "\(read.warnings)")
    }

    /// The plan in Swedish, Polish, German, French, Spanish and Japanese (Tests/Fixtures/Languages),
    /// with no settings: the built-in words of those languages (items, phases, fields, table
    /// columns, units with `1,5` decimal commas and `3日`, ranges in words, states, full-width
    /// colons and brackets) give the same model, titles aside.
    @Test(arguments: ["sv", "pl", "ja", "de", "fr", "es", "ja-compact"])
    func otherLanguagesReadAsTheSamePlan(language: String) {
        let read = Self.model(language, folder: "Languages", titles: false)
        let untitled = Self.expected.map { line in
            let (id, rest) = (line.prefix { $0 != " " }, line.drop { $0 != "|" })
            return "\(id) \(rest)"
        }
        #expect(read.blocks == untitled)
        #expect(read.groups.map { $0.prefix(1) } == ["1", "2", "3"])
        #expect(read.warnings.isEmpty, "\(read.warnings)")
    }

    /// A work-item table's unit in its header applies to bare numbers; a table of block
    /// statuses (no estimate or dependency column) only restates states.
    @Test func workItemTableUnitsAndStatusTables() {
        let plan = project(
            """
            ## Phase 1: Build

            | ID | Task | Estimate (h) | Depends on | Owner |
            |----|------|--------------|------------|-------|
            | T-1 | Parser | 12 | — | Ana |
            | T-2 | Printer | 4-8 | T-1 | Ben |
            | T-3 | Linter | 16–24 | T-1 | Ben |

            | Block | Status |
            |-------|--------|
            | T-2 | ✅ Done |

            | Nr. | Aufgabe | Aufwand (PT) | Abhängig von |
            |-----|---------|--------------|--------------|
            | K-1 | Kasse | 0,5 | — |
            """
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.title) \($0.groupID) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id))" }
                == ["K-1 Kasse 1 0.5 []", "T-1 Parser 1 1.5 []", "T-2 Printer 1 0.75 [\"T-1\"]", "T-3 Linter 1 2.5 [\"T-1\"]"])
    }
}

/// Headings in the forms real plans use, one recogniser for all of them.
@Suite struct TolerantHeadingTests {
    private func blocks(_ text: String) -> [String] {
        project(text).plan.blocks.map { "\($0.id) \($0.title) [\($0.groupID)] \($0.progress?.rawValue ?? "-")" }
    }

    @Test func itemWordsIdsAndTrailingStatuses() {
        let read = blocks(
            """
            # Plan

            ## 🚀 PHASE 1: Setup ✅ COMPLETE

            ### Task 1.1: Repository ✔️
            **Effort**: 1 day

            ### Step 1.2 - Continuous integration [x]
            **Effort**: 1 day

            ### 1.3. Release notes (in progress)

            ### Story 7: Login page [PLANNED]
            **Effort**: 2 days

            ## Stage 2 — Delivery (Weeks 3-4)

            ### Milestone 8: Beta [FUTURE]

            #### 2.1.4 Smoke tests — DONE

            ### T-2.2: Canary
            - Estimate: 3h
            """)
        #expect(
            read == [
                "M8 Beta [2] not-started",
                "T-2.2 Canary [2] -",
                "1.1 Repository [1] complete",
                "1.2 Continuous integration [1] complete",
                "1.3 Release notes [1] in-progress",
                "2.1.4 Smoke tests [2] complete",
                "7 Login page [1] not-started",
            ])
        let plan = project("## Stage 2 — Delivery (Weeks 3-4)\n\n### 2.1 A\n**Effort**: 2 days\n").plan
        #expect(plan.groups.map(\.title) == ["Delivery"])  // the window is not part of the title
    }

    /// A group heading marked complete makes its blocks complete unless they say otherwise; a
    /// count of its parts done (`(4/4 tasks)`) says so too.
    @Test func aCompleteGroupCompletesItsBlocks() {
        let plan = project("## Phase 1: Setup ✅\n\n### 1.1 A\n**Effort**: 1 day\n\n### 1.2 B\n**Status**: in progress\n").plan
        #expect(plan.blocks.map { $0.progress?.rawValue ?? "-" } == ["complete", "in-progress"])
        #expect(plan.groups.map(\.title) == ["Setup"])
        let counted = project("## Phase 1: Domain Model — ✅ COMPLETE (4/4 tasks)\n\n### 1.1 A\n- Estimate: 1d\n").plan
        #expect(counted.groups.map(\.title) == ["Domain Model"])
        #expect(counted.blocks.map { $0.progress?.rawValue ?? "-" } == ["complete"])
    }

    /// Numbered sections of notes and design documents are not work items: a numbered heading
    /// without an item word needs a status, an effort, a plan field or a group heading above it.
    @Test func numberedSectionsOfNotesAreNotWorkItems() {
        let plan = project(
            """
            # Design Notes

            ## 2.1 Background

            The service started as a cron job.

            ## 2.2 Goals

            - Fewer pages at night.
            """
        ).plan
        #expect(plan.blocks.isEmpty)
        let items = project("# Plan\n\n## 2.1 Background\n**Estimate**: 2 days\n\n## 2.2 Goals ✅\n").plan
        #expect(items.blocks.map(\.id) == ["2.1", "2.2"])
    }

    /// `Block 3.4 Analysis` (no separator) beside the block's definition is a section about
    /// Block 3.4; without one, `Task 1.1 Create database` is an item when it has evidence.
    @Test func aWordedIdWithoutASeparatorNeedsEvidence() {
        let plan = project("## Group 3: Storage\n\n### Block 3.4: Flush\n**Effort**: 1 day\n\n### Block 3.4 Analysis\n\nIt was slow.\n")
            .plan
        #expect(plan.blocks.map(\.title) == ["Flush"])
        let read = blocks(
            """
            # Roadmap

            ## Phase 1 Setup

            ### Task 1.1 Create database
            - Estimate: 2 days

            ### Task 1.2 Seed data

            # Notes

            ### Task 9.1 Retrospective

            It went well.
            """)
        #expect(read == ["1.1 Create database [1] -", "1.2 Seed data [1] -"])
    }

    @Test func effortsInEveryUnitAndRange() {
        let cases: [(String, [Double])] = [
            ("3-4 days", [3, 3.5, 4]), ("1–1.5 weeks", [5, 6.25, 7.5]), ("2 to 3 days", [2, 2.5, 3]),
            ("16h", [2, 2, 2]), ("90 minutes", [0.1875, 0.1875, 0.1875]), ("1w", [5, 5, 5]), ("2d", [2, 2, 2]),
            ("5-6 hours", [0.625, 0.6875, 0.75]),
            // Ranges and approximations in words, half units, qualified and sized efforts.
            ("de 2 à 3 jours", [2, 2.5, 3]), ("2 bis 3 Tage", [2, 2.5, 3]), ("2 till 3 dagar", [2, 2.5, 3]),
            ("od 3 do 5 dni", [3, 4, 5]), ("2 a 3 días", [2, 2.5, 3]), ("2〜3日", [2, 2.5, 3]), ("ca. 3 Tage", [3, 3, 3]),
            ("½ journée", [0.5, 0.5, 0.5]), ("半日", [0.5, 0.5, 0.5]), ("halber Tag", [0.5, 0.5, 0.5]),
            ("3 dev-days", [3, 3, 3]), ("1 person-week", [5, 5, 5]), ("M (2-3 days)", [2, 2.5, 3]),
            ("Est. 3d", [3, 3, 3]), ("Est: 4h", [0.5, 0.5, 0.5]), ("⏱️ 4d", [4, 4, 4]), ("~2h", [0.25, 0.25, 0.25]),
        ]
        for (text, expected) in cases {
            let effort = Effort.parse(text)
            #expect(effort.map { [$0.minimumDays, $0.days, $0.maximumDays] } == expected, "\(text)")
        }
    }

    @Test func fieldNameSynonymsAndDependenciesInProse() {
        let plan = project(
            """
            ## Group 1: A

            ### Block 1.1: First
            Duration: 2 days

            ### Block 1.2: Second
            - Time: 1 day
            - Blocked by: Task 1.1
            - State: WIP
            - Assignee: Dana

            ### Block 1.3: Third
            **Estimated time:** 4 hours
            **Start:** after 1.2
            """
        ).plan
        #expect(plan.blocks.map { $0.estimate?.days ?? -1 } == [2, 1, 0.5])
        #expect(plan.blocks.map { $0.dependencies.map(\.id) } == [[], ["1.1"], ["1.2"]])
        #expect(plan.blocks[1].progress == .inProgress)
    }

    /// A project with no work items says so, with the nearest misses and their lines; one
    /// with items gives no such warning.
    @Test func anEmptyReportIsNeverSilent() throws {
        let loaded = project(
            """
            # Tárolási terv

            ## Szakasz 1: Alapok

            ## Phase 2: Storage

            Text about storage.

            ## Context

            ### 3.1 Background

            ### Schema work
            **Függőségek:** nothing
            """)
        let warning = try #require(loaded.diagnostics.first { $0.code == .noWorkItems })
        #expect(warning.severity == .warning)
        #expect(warning.message.hasPrefix("no work items found in 1 document"))
        #expect(
            warning.notes.map { "\($0.range?.start.line ?? 0): \($0.message)" } == [
                "5: Group 2 'Storage' looks like a group but holds no items; items under it are headings such as '### 2.1 Title' or '### Task 2.1: Title'",
                "3: 'Szakasz 1: Alapok' looks like a group or work item, but 'Szakasz' is not a word LoopReport knows for either",
                "11: '3.1 Background' is numbered like a work item but states no estimate, dependency or status",
                "14: 'Függőségek:' is not a field name LoopReport knows (docs/format.md lists those it reads as dependencies, effort and status)",
            ])
        #expect(!PlanStylesTests.model("guideline").warnings.contains { $0.hasPrefix("no work items") })
        #expect(project("# Notes\n\nNothing here.\n").diagnostics.contains { $0.code == .noWorkItems })
    }

    /// A range is a three-point estimate: the forecast draws each open ranged block between
    /// its ends, so P50 and P95 part even before any actual effort is known.
    @Test func rangesWidenTheForecast() {
        let loaded = project(
            "## Group 1: A\n\n### Block 1.1: First\n**Estimate**: 2-6 days\n\n### Block 1.2: Second\n**Estimate**: 1 day\n**Dependencies**: Block 1.1\n"
        )
        let forecast = loaded.analysis.forecast
        #expect(forecast.durationDays == 5)  // the midpoint, 4 days, then 1 day
        #expect(forecast.runs > 1)
        #expect(forecast.p50Days > 4 && forecast.p50Days < 6)
        #expect(forecast.p95Days > forecast.p50Days && forecast.p95Days <= 7)
    }

    /// Dependencies as people write them: other item words, ranges in words, prefixed and
    /// three-part ids, whole phases.
    @Test func dependenciesInTheirManyForms() {
        let plan = project(
            """
            ## Phase 1: Setup

            ### Step 1: One
            **Effort**: 1 day

            ### Step 2: Two
            **Effort**: 1 day

            ### Step 3: Three
            **Effort**: 1 day
            **Depends on**: Steps 1 through 2

            ## Phase 2: Build

            ### Task T-2.1: Parser
            **Effort**: 1 day
            **Depends on**: Phase 1

            #### 2.1.4 Printer
            **Effort**: 1 day
            **Requires**: T-2.1 and Step 3

            ### Task 9: Docs
            **Effort**: 1 day
            **Blocked by**: 2.1.4
            """
        ).plan
        let dependencies = Dictionary(uniqueKeysWithValues: plan.blocks.map { ($0.id, $0.dependencies.map(\.label)) })
        #expect(dependencies["3"] == ["Block 1", "Block 2"])
        #expect(dependencies["T-2.1"] == ["Group 1"])
        #expect(dependencies["2.1.4"] == ["Block T-2.1", "Block 3"])
        #expect(dependencies["9"] == ["Block 2.1.4"])
        let groups = Dictionary(uniqueKeysWithValues: plan.blocks.map { ($0.id, $0.groupID) })
        #expect(groups == ["1": "1", "2": "1", "3": "1", "T-2.1": "2", "2.1.4": "2", "9": "2"])
    }

    /// Words a team uses that are not built in (here Hungarian) are mapped once in
    /// loopreport.yml: item and group words, field names, units and states.
    @Test func aProjectVocabularyFromTheConfig() throws {
        let text = """
            ## Szakasz 1: Alapok

            ### Feladat 1.1: Séma
            **Becslés**: 2 nap
            **Állapot**: kész

            ### Feladat 1.2: Import
            - Függőségek: Feladat 1.1
            - Becslés: 3 nap
            - Időtartam: 1 hét
            """
        #expect(project(text).plan.blocks.isEmpty)
        let loaded = project(
            config: """
                vocabulary:
                  dependencies: [Függőségek]
                  estimate: Becslés
                  status: [Állapot]
                  items: [Feladat]
                  groups: [Szakasz]
                  days: [nap, napot]
                  complete: [kész]
                  colour: [Szín]
                """, ("plan.md", text))
        #expect(loaded.plan.groups.map(\.title) == ["Alapok"])
        #expect(
            loaded.plan.blocks.map { "\($0.id) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id)) \($0.progress?.rawValue ?? "-")" }
                == ["1.1 2.0 [] complete", "1.2 3.0 [\"1.1\"] -"])
        let codes = loaded.diagnostics.map { "\($0.code.rawValue) \($0.range?.start.line ?? 0)" }
        #expect(codes.contains("invalid-settings 9"))  // `colour` is not something the vocabulary maps
        #expect(!codes.contains { $0.hasPrefix("unparseable-effort") })
    }

    /// Documents are applied plans first, then by the numbers in their names, whatever the
    /// paths' alphabetical order; `order:` in loopreport.yml overrides both.
    @Test func documentsAreReadInThePlansOrder() {
        let plan = (
            "plan.md",
            "# Plan\n\n## Group 1: A\n\n### Block 1.1: First\n**Estimate**: 1 day\n\n### Block 1.2: Second\n**Estimate**: 1 day\n"
        )
        let first = (
            "iterations/01-loop.md",
            "# Loop Iteration 1\n\n### Removed Blocks\n- Block 1.2: Second (not needed)\n\n#### Block 1.3: Third (NEW)\n**Estimate**: 2 days\n"
        )
        let second = ("iterations/02-loop.md", "# Loop Iteration 2\n\n#### Block 1.3: Third (REVISED)\n**Estimate**: 3 days\n")
        let loaded = project(second, first, plan)
        #expect(loaded.plan.documents.map(\.path) == ["plan.md", "iterations/01-loop.md", "iterations/02-loop.md"])
        #expect(
            loaded.plan.blocks.map { "\($0.id) \($0.status.rawValue) \($0.estimate?.days ?? 0)" } == [
                "1.1 planned 1.0", "1.2 removed 1.0", "1.3 revised 3.0",
            ])
        #expect(loaded.diagnostics.filter { $0.severity != .note }.isEmpty, "\(loaded.diagnostics.map(\.message))")

        // Listed the other way round: the revision comes before the block's definition, and says where that is.
        let listed = project(config: "order: [plan.md, iterations/02-loop.md, iterations/01-loop.md]\n", plan, first, second)
        #expect(listed.plan.documents.map(\.path) == ["plan.md", "iterations/02-loop.md", "iterations/01-loop.md"])
        let revised = listed.diagnostics.first { $0.code == .revisedUnknownBlock }
        #expect(revised?.notes.first?.message.hasPrefix("Block 1.3 is defined in a later document, 'Loop Iteration 1'") == true)
        #expect(revised?.notes.first?.range?.path == "iterations/01-loop.md")

        // A date in a name is not a sequence number: iteration 3 of 20 March comes before iteration 4.
        let dated = project(
            plan, ("iterations/iteration-4.md", "# Loop Iteration 4\n"),
            ("iterations/2026-03-20-iteration-3.md", "# Loop Iteration 3\n"),
            ("status/2026-W10.md", "# Progress Report W10\n"), ("status/2026-W9.md", "# Progress Report W9\n"))
        #expect(
            dated.plan.documents.map(\.path) == [
                "plan.md", "iterations/2026-03-20-iteration-3.md", "iterations/iteration-4.md",
                "status/2026-W9.md", "status/2026-W10.md",
            ])
    }

    /// Work items that are list items (with efforts and dependencies inline, checkboxes, or
    /// field bullets) or bold lines with field bullets under them; lists of notes are not.
    @Test func listItemsAndBoldLinesAsWorkItems() {
        let plan = project(
            """
            ## Phase 2: Payment Service

            - T-2.1.1: Client library — 6h
            - T-2.1.2: Webhooks — 1-2 days — depends on T-2.1.1
            - [x] 2.2 Ledger entries (3h)
            - [ ] 2.3 Refunds
              - Effort: 2d
              - Depends on: 2.2

            ## Phase 3: Integrations

            **C. Payment Gateway** ★
            - Effort: 3 days
            - Depends on: T-2.1.2

            ## Context

            - 1.5 million requests a day is the target.
            - Q3 review happens in September.

            **2.9 Glossary**
            - Ledger: the book of record.
            """
        ).plan
        #expect(
            plan.blocks.map {
                "\($0.id) \($0.title) [\($0.groupID)] \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id)) \($0.progress?.rawValue ?? "-")"
            } == [
                "T-2.1.1 Client library [2] 0.75 [] -",
                "T-2.1.2 Webhooks [2] 1.5 [\"T-2.1.1\"] -",
                "2.2 Ledger entries [2] 0.375 [] complete",
                "2.3 Refunds [2] 2.0 [\"2.2\"] not-started",
                "3.C Payment Gateway [3] 3.0 [\"T-2.1.2\"] -",
            ])
    }

    /// A plan titled with an iteration word is still a plan; progress stated as a share or a
    /// bar is read; `groupDependencies: inherit` makes every block of a group wait.
    @Test func kindFromContentProgressSharesAndInheritedGroupDependencies() throws {
        let text = """
            # Loop Tools

            ## Phase 1: Setup

            ### 1.1 Repository
            **Estimate:** 1 day
            **Status:** [██████░░░░] 60%

            ## Phase 2: Build
            **Depends on:** Phase 1

            ### 2.1 Parser
            **Estimate:** 2 days
            **Status:** 3/4 tasks

            ### 2.2 Printer
            **Estimate:** 1 day
            **Depends on:** none

            ### 2.3 Docs
            **Status:** 85% complete
            **Progress:** ▓▓▓░░ 3/5
            """
        let loaded = project(text)
        #expect(loaded.plan.documents.first?.kind == .plan)
        #expect(
            loaded.plan.blocks.map { "\($0.progress?.rawValue ?? "-") \($0.percentComplete ?? -1)" }
                == ["in-progress 60.0", "in-progress 75.0", "- -1.0", "in-progress 60.0"])
        #expect(!loaded.diagnostics.contains { $0.code == .unparseablePercentage })
        // By default 2.2 states its own (none), so it does not wait for Phase 1.
        #expect(loaded.analysis.schedule.task("2.2")?.earlyStart == 0)
        let inherited = project(config: "groupDependencies: inherit\n", ("plan.md", text))
        #expect(inherited.analysis.schedule.task("2.2")?.earlyStart == 1)
        let bad = project(config: "groupDependencies: sometimes\n", ("plan.md", text))
        #expect(bad.diagnostics.contains { $0.code == .invalidSettings && $0.message.hasPrefix("groupDependencies 'sometimes'") })
    }

    /// Disagreements are warnings naming both places, never a silent merge: a status table
    /// against an item's own line, a later document putting a block back, one id reused for
    /// other work. Progress forwards and a blocked note are not disagreements.
    @Test func disagreementsAreWarningsNamingBothPlaces() {
        let plan = (
            "01-plan.md",
            """
            ## Phase 1: Setup

            ### 1.1 Schema
            **Estimate:** 1 day
            **Status:** done

            ### 1.2 Import
            **Estimate:** 1 day
            **Status:** in progress

            | Block | Status |
            |-------|--------|
            | 1.1 | In progress |
            | 1.2 | Blocked |
            """
        )
        let later = (
            "02-progress.md",
            """
            # Progress Report

            ## Implementation Progress
            - ⬜ Block 1.1: Schema
            - ✅ Block 1.2: Import

            ### Block 1.2: Payment Gateway
            **Estimate:** 2 days
            """
        )
        let loaded = project(plan, later)
        let found = loaded.diagnostics.filter { $0.severity == .warning }.map {
            "\($0.code.rawValue) \($0.range?.path ?? ""):\($0.range?.start.line ?? 0) → \($0.notes.first.map { "\($0.range?.path ?? ""):\($0.range?.start.line ?? 0)" } ?? "")"
        }
        #expect(
            found.sorted() == [
                "conflicting-status 01-plan.md:13 → 01-plan.md:3",
                "conflicting-status 02-progress.md:4 → 01-plan.md:13",
                "reused-id 02-progress.md:7 → 01-plan.md:7",
            ])
        #expect(loaded.plan.blocks.map { $0.progress?.rawValue ?? "-" } == ["not-started", "complete"])
    }

    /// Dependencies drawn as arrows (a text diagram, a list under a dependencies heading, a
    /// Mermaid graph) hold for items that state none of their own.
    @Test func dependenciesDrawnAsArrows() {
        let plan = project(
            """
            ## Phase 1: Setup

            ### 1.1 Repository
            **Estimate:** 1 day

            ### 1.2 CI
            **Estimate:** 1 day

            ### 1.3 Docs
            **Estimate:** 1 day
            **Depends on:** none

            ### 1.4 Release
            **Estimate:** 1 day

            ### 1.5 Announce
            **Estimate:** 1 day

            ## Dependencies

            ```
            1.1 ──► 1.2 ──► 1.3
            ```

            - 1.2, 1.3 → 1.4

            ```mermaid
            graph TD
                R[1.4 Release] -->|then| A(1.5 Announce)
                X[Marketing] --> A
            ```
            """
        ).plan
        let dependencies = Dictionary(uniqueKeysWithValues: plan.blocks.map { ($0.id, $0.dependencies.map(\.id)) })
        #expect(dependencies == ["1.1": [], "1.2": ["1.1"], "1.3": [], "1.4": ["1.2", "1.3"], "1.5": ["1.4"]])

        // Drawn down a text diagram, and in a sentence (only the ids beside each arrow).
        let drawn = project(
            """
            ## Stage 2: Ranking

            - 2.1 Harness — 3 days
            - 2.2 Tuning — 2 days
            - 2.3 Model — 1 week
            - 2.4 Logging — 2 days

            ```
                2.1
                 |
                 v
                2.2 ------> 2.4
                 │           |
                 ▼           v
                2.3 ------> 2.5
            ```

            - 2.5 Shadow scoring — 3 days

            ## Stage 3: Rollout

            - 3.1 A/B hookup — 1 day
            - 3.2 Experiment — 1 week

            The rollout is sequential: 3.1 → 3.2. And 3.1 needs the model first, i.e. 2.3 -> 3.1 and 2.5 => 3.1.
            """
        ).plan
        let drawnDependencies = Dictionary(uniqueKeysWithValues: drawn.blocks.map { ($0.id, Set($0.dependencies.map(\.id))) })
        #expect(
            drawnDependencies == [
                "2.1": [], "2.2": ["2.1"], "2.3": ["2.2"], "2.4": ["2.2"], "2.5": ["2.3", "2.4"],
                "3.1": ["2.3", "2.5"], "3.2": ["3.1"],
            ])

        // Sentences under a dependencies heading, with ranges of prefixed ids.
        let stated = project(
            """
            ## Phase 1: Setup

            - [ ] T001 A (1d)
            - [ ] T002 B (1d)
            - [ ] T003 C (1d)
            - [ ] T004 D (1d)
            - [ ] T005 E (1d)
            - [ ] T006 F (1d)

            ## Dependencies & Execution Order

            ### Within Each Story

            - T001 blocks T002; T001 blocks T003
            - T004 depends on T003
            - Tests (T001-T002) before implementation (T005-T006)
            """
        ).plan
        #expect(
            Dictionary(uniqueKeysWithValues: stated.blocks.map { ($0.id, Set($0.dependencies.map(\.id))) })
                == ["T001": [], "T002": ["T001"], "T003": ["T001"], "T004": ["T003"], "T005": ["T001", "T002"], "T006": ["T001", "T002"]])
    }

    /// A Mermaid gantt is the schedule of a plan that has no other items: sections as groups,
    /// tasks as items, durations as estimates, `after` as dependencies, `done`/`active` as status.
    @Test func aMermaidGanttAsTheSchedule() {
        let plan = project(
            """
            # Release Plan

            ```mermaid
            gantt
                title Release
                dateFormat YYYY-MM-DD
                section Phase 1: Build
                Parser           :crit, done, p1, 2026-01-05, 3d
                Printer          :active, p2, after p1, 2d
                section Phase 2: Ship
                1.9 Docs         :p3, after p1 p2, 16h
                Launch           :after p3, 1d
            ```
            """
        ).plan
        #expect(plan.groups.map { "\($0.id) \($0.title)" } == ["1 Build", "2 Ship"])
        #expect(
            plan.blocks.map {
                "\($0.id) \($0.title) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id)) \($0.progress?.rawValue ?? "-")"
            } == [
                "1.1 Parser 3.0 [] complete",
                "1.2 Printer 2.0 [\"1.1\"] in-progress",
                "1.9 Docs 2.0 [\"1.1\", \"1.2\"] -",
                "2.2 Launch 1.0 [\"1.9\"] -",
            ])
    }

    /// Beside a work-item table, the gantt is not a second schedule: it links the table's items
    /// (`DW-2 Setup :dw2, …` is DW-2, so `after dw1 dw2` makes an item wait for DW-1 and DW-2).
    @Test func aMermaidGanttBesideAWorkItemTableLinksItsItems() {
        let plan = project(
            """
            # Warehouse move

            | ID | Item | Effort |
            |----|------|--------|
            | DW-1 | Inventory | 2d |
            | DW-2 | Account setup | 1d |
            | DW-3 | Port models | 5d |

            ```mermaid
            gantt
                dateFormat YYYY-MM-DD
                DW-1 Inventory  :done, dw1, 2026-03-02, 2d
                DW-2 Setup      :dw2, 2026-03-02, 1d
                DW-3 Port       :dw3, after dw1 dw2, 5d
            ```
            """
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.title) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id))" } == [
                "DW-1 Inventory 2.0 []", "DW-2 Account setup 1.0 []", "DW-3 Port models 5.0 [\"DW-1\", \"DW-2\"]",
            ])
    }

    /// Hours, sprints and story points convert with the project's units; story points without
    /// a rate are a note, not a guess, and the item takes the assumed estimate.
    @Test func unitsFromTheConfigAndStoryPointsOnlyWithARate() {
        let text = """
            ## Phase 1: Build

            ### 1.1 Parser [5 pts]

            ### 1.2 Printer
            **Estimate:** 12 hours

            ### 1.3 Beta
            **Estimate:** 1 sprint
            """
        let plain = project(text)
        #expect(plain.plan.blocks.map { $0.title } == ["Parser", "Printer", "Beta"])
        #expect(plain.plan.blocks.map { $0.estimate?.days ?? -1 } == [-1, 1.5, 10])
        #expect(plain.diagnostics.contains { $0.severity == .note && $0.message.hasPrefix("'5 pts' is in story points; set pointDays") })
        let configured = project(config: "hoursPerDay: 6\nsprintDays: 5\npointDays: 0.5\n", ("plan.md", text))
        #expect(configured.plan.blocks.map { $0.estimate?.days ?? -1 } == [2.5, 2, 5])
        let bad = project(config: "hoursPerDay: 30\n", ("plan.md", text))
        #expect(bad.diagnostics.contains { $0.code == .invalidSettings && $0.message.hasPrefix("hoursPerDay must be") })
    }

    /// A rule stated once for the whole plan, and dependencies stated by position.
    @Test func sequentialRulesAndPreviousItems() {
        let plan = project(
            """
            # Plan

            Each block starts when the one before it is done.

            ## Phase 1: Setup

            ### 1.1 Repository
            **Estimate:** 1 day

            ### 1.2 CI
            **Estimate:** 1 day

            ### 1.3 Docs
            **Estimate:** 1 day
            **Depends on:** none

            ## Phase 2: Build
            **Depends on:** All previous phases

            ### 2.1 Parser
            **Estimate:** 1 day

            ## Phase 3: Ship
            **Depends on:** the previous phase

            ### 3.1 Release
            **Estimate:** 1 day
            **Depends on:** previous block
            """
        ).plan
        let blocks = Dictionary(uniqueKeysWithValues: plan.blocks.map { ($0.id, $0.dependencies.map(\.label)) })
        #expect(blocks == ["1.1": [], "1.2": ["Block 1.1"], "1.3": [], "2.1": ["Block 1.3"], "3.1": ["Block 2.1"]])
        #expect(plan.groups.map { $0.dependencies.map(\.label) } == [[], ["Group 1"], ["Group 2"]])
        #expect(
            project(
                "The phases are done in order.\n\n## Phase 1: A\n### 1.1 X\n**Estimate:** 1 day\n\n## Phase 2: B\n### 2.1 Y\n**Estimate:** 1 day\n"
            )
            .plan.groups.map { $0.dependencies.map(\.label) } == [[], ["Group 1"]])
    }
}
