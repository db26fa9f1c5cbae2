import LoopReportModel
import LoopReportPipeline
import LoopReportSource
import LoopReportTestSupport
import Testing

/// The forms real plans and reports take beyond the core dialect (docs/format.md), a
/// test per family of forms, each on a plan written in those forms. The reader corpus
/// (Tests/Fixtures/ReaderCorpus, `scripts/reader-score`) measures the same on whole folders.
@Suite struct RealPlanFormsTests {
    /// A status before the words (`[x] 1.1`, `✅ Task 1.3`), and items taken out: struck through
    /// (`~~Task 1.5: Blog~~`) or marked `(REMOVED)` in a later document.
    @Test func leadingStatusesAndItemsTakenOut() {
        let plan = project(
            (
                "plan.md",
                """
                # Plan

                ## Phase 1: Core

                ### [x] 1.1 Parser
                - Effort: 1d

                ### [ ] Task 1.2: i18n
                - Effort: 1d

                ### ✅ Task 1.3: Docs
                - Effort: 1d

                ### 🔄 1.4 Lint
                - Effort: 1d

                ### ~~Task 1.5: Blog~~
                - Effort: 1d
                """
            ),
            (
                "iteration-1.md",
                """
                # Loop Iteration 1

                ## Revised Phase 1: Core

                ### Block 1.2: i18n (REMOVED)
                """
            )
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.title) \($0.status.rawValue) \($0.progress?.rawValue ?? "-")" } == [
                "1.1 Parser planned complete", "1.2 i18n removed not-started", "1.3 Docs planned complete",
                "1.4 Lint planned in-progress", "1.5 Blog removed -",
            ])
    }

    /// Notes, design documents and decisions hold no work items, whatever their numbered
    /// sections say; a README's steps are instructions. An empty project says what it set aside.
    @Test func notesDesignDocumentsAndGuidesDefineNoWorkItems() {
        let design = (
            "design/architecture.md",
            """
            # Loop runner — architecture

            ## 1 Storage

            ### 1.1 Full refresh on XS
            **Time**: 41 min

            ### 1.2 Caching
            - Owner: platform-data
            - Requires: PostgreSQL 15+, Kafka 3.6
            """
        )
        let readme = (
            "README.md",
            """
            # Loop runner

            ### Step 1: Install the toolchain
            Time: about 5 minutes
            """
        )
        let loaded = project(
            (
                "plan.md",
                """
                # Loop Runner Plan

                ## Phase 1: Core

                ### 1.1 Scheduler
                - Estimate: 2 days

                ### 1.2 Queue
                - Estimate: 1 day
                - Depends on: 1.1
                """
            ), design, readme)
        #expect(loaded.plan.blocks.map { "\($0.id) \($0.title) \($0.estimate?.days ?? -1)" } == ["1.1 Scheduler 2.0", "1.2 Queue 1.0"])
        #expect(
            loaded.plan.documents.map { "\($0.path) \($0.kind.rawValue)" } == [
                "plan.md plan", "README.md notes", "design/architecture.md notes",
            ])
        #expect(!loaded.diagnostics.contains { $0.severity != .note })
        let empty = project(design, readme)
        let warning = empty.diagnostics.first { $0.code == .noWorkItems }
        #expect(warning?.notes.contains { $0.message.contains("'design/architecture.md' is a notes or design document") } == true)
        #expect(warning?.notes.contains { $0.message.contains("'README.md' is a guide to the repository") } == true)
    }

    /// A `Points` column or field is story points: scheduled with `pointDays`, else a note.
    @Test func pointsColumnsAreStoryPoints() {
        let plan = """
            # Plan

            ## Epic 1: Sign-up

            | Key | Summary | Points | Blocked by | Status |
            |-----|---------|--------|------------|--------|
            | A1 | Magic link | 3 | — | Done |
            | A2 | Profile | 2 | A1 | To do |

            ### A3: Avatars
            - Points: 5
            """
        let rated = project(config: "pointDays: 0.5\n", ("plan.md", plan))
        #expect(rated.plan.blocks.map { "\($0.id) \($0.estimate?.days ?? -1)" } == ["A1 1.5", "A2 1.0", "A3 2.5"])
        let unrated = project(plan)
        #expect(unrated.plan.blocks.allSatisfy { $0.estimate == nil })
        #expect(unrated.diagnostics.filter { $0.code == .unparseableEffort }.allSatisfy { $0.severity == .note })
    }

    /// A window between a group's id and its title, dates as windows, a dotted group id
    /// (`Phase 2.5`) holding its items, and ranges of dotted ids (`Tasks 1.1–1.3`).
    @Test func groupHeadingFormsAndRangesOfItems() {
        let plan = project(
            """
            # Plan

            ## Phase 1 (Weeks 1-2): Backend

            ### 1.1 A
            - Estimate: 1 day

            ### 1.2 B
            - Estimate: 1 day

            ### 1.3 C
            - Estimate: 1 day

            ### 1.4 D
            - Estimate: 1 day
            - Depends on: Tasks 1.1–1.3

            ## Sprint 3 (Mar 2 – Mar 13)

            ### 3.1 E
            - Depends on: 1.1 through 1.2

            ## Phase 2.5: Hotfix

            ### Task 2.5.1: F
            - Estimate: 4h
            """
        ).plan
        #expect(plan.groups.map { "\($0.id) \($0.title)" } == ["1 Backend", "2.5 Hotfix", "3 "])
        #expect(
            plan.blocks.map { "\($0.id) [\($0.groupID)] \($0.dependencies.map(\.id).joined(separator: ","))" }
                == ["1.1 [1] ", "1.2 [1] ", "1.3 [1] ", "1.4 [1] 1.1,1.2,1.3", "2.5.1 [2.5] ", "3.1 [3] 1.1,1.2"])
    }

    /// An item's fields in a two-column table, with a `Field | Value` header or a header that
    /// is itself a field.
    @Test func fieldsInATwoColumnTable() {
        let plan = project(
            """
            ## Part I: Platform

            ### 1.1 Schema
            | Field | Value |
            |---|---|
            | Effort | 4-5 days |
            | Status | ✅ Done |

            ### 1.2 Onboarding
            | Dependencies | 1.1 |
            |---|---|
            | Estimated effort | 1.5 weeks |
            """
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id)) \($0.progress?.rawValue ?? "-")" }
                == ["1.1 4.5 [] complete", "1.2 7.5 [\"1.1\"] -"])
    }

    /// Numbers that restart in each phase (`Step 1` under Phase 1 and Phase 2) are qualified by
    /// their group; `Depends on: Step 1` means the step of the same phase; milestones are `M1`.
    @Test func stepsNumberedAgainInEachPhase() {
        let plan = project(
            """
            ### Phase 1 (Weeks 1-2): Backend

            #### Step 1 — Bridge
            Effort: 2 days

            #### Step 2 — Store
            Effort: 1 day
            Depends on: Step 1

            #### Milestone 1: Demo
            Effort: 2 hours
            Depends on: Step 2

            ### Phase 2: UI

            #### Step 1 — Map
            Effort: 3 days
            Depends on: Milestone 1

            #### Step 2 — Markers
            Effort: 2 days
            Depends on: Step 1
            """)
        #expect(
            plan.plan.blocks.map { "\($0.id) \($0.title) [\($0.groupID)] \($0.dependencies.map(\.id).joined(separator: ","))" } == [
                "M1 Demo [1] 1.2", "1.1 Bridge [1] ", "1.2 Store [1] 1.1", "2.1 Map [2] M1", "2.2 Markers [2] 2.1",
            ])
        #expect(plan.diagnostics.filter { $0.severity != .note }.isEmpty, "\(plan.diagnostics.map(\.message))")
    }

    /// A numbered heading over work items (`### PG-1: Infrastructure` over `#### T-1.1.1`) is
    /// their group; a milestone of 0 days is a milestone, not a warning.
    @Test func aNumberedHeadingOverItemsIsTheirGroup() {
        let loaded = project(
            """
            ## Part I: Platform

            ### PG-1: Infrastructure

            #### T-1.1.1: Terraform
            - Estimate: 2d

            #### T-1.1.2: Access
            - Estimate: 4h
            - Depends on: T-1.1.1

            ### Milestone 1: Beta
            - Estimate: 0d
            - Depends on: T-1.1.2
            """)
        #expect(loaded.plan.blocks.map { "\($0.id) [\($0.groupID)]" } == ["M1 [1]", "T-1.1.1 [PG-1]", "T-1.1.2 [PG-1]"])
        #expect(loaded.diagnostics.filter { $0.severity != .note }.isEmpty, "\(loaded.diagnostics.map(\.message))")
    }

    /// Asides within a plan (`## Ideas for later`, `## Meeting notes`, `## Leftovers / not this
    /// cycle`) define no items, whatever their lists say; an item's title may still say notes.
    @Test func asidesDefineNoWorkItems() {
        let plan = project(
            """
            ## Phase 1: Core

            ### Task 1.1: Backfill credit notes
            - Estimate: 2h

            ## Ideas for later

            - Task 4.1: Amazon storefront (not estimated).

            ## Meeting notes (2026-03-02)

            - Step 1: ask the PSP for production access
            """
        ).plan
        #expect(plan.blocks.map(\.id) == ["1.1"])
    }

    /// Wildcards (`5.1.*` every item numbered under 5.1, `2.*` all of Group 2) and ids with a
    /// capital suffix (`1.2A`) in dependency fields.
    @Test func wildcardsAndSuffixedIdsInDependencies() {
        let plan = project(
            """
            ## Phase 1: A

            - [x] 1.2A Dry run — 30 min
            - [x] 1.2B Backfill — 1h — after 1.2A

            ## Phase 5: B

            ### 5.1.1 X
            - Estimate: 1d

            ### 5.1.2 Y
            - Estimate: 1d

            ### 5.2 Z
            - Estimate: 1d
            - Dependencies: 5.1.*, Block 1.2B
            - Requires: 1.\\*
            """
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.dependencies.map(\.id).joined(separator: ","))" }
                == ["1.2A ", "1.2B 1.2A", "5.1.1 ", "5.1.2 ", "5.2 5.1.1,5.1.2,1.2B,1"])
    }

    /// Without group headings, items of one prefix share a group (`DW-1`, `DW-2` in `DW`); a
    /// document's title is never an item; a numbered heading over listed items is their group.
    @Test func itemsWithoutGroupHeadings() {
        let plan = project(
            """
            # Q2 Roadmap — Reporting v2
            _Owner: data team_

            | ID | Item | Estimate | Depends on |
            |----|------|----------|------------|
            | DW-1 | Schema | 2d | — |
            | DW-2 | Loader | 1d | DW-1 |

            ## PG-2: Channels

            - CH-1: Email digests — 2d
            - CH-2: Push — 1d — after CH-1
            """
        ).plan
        #expect(plan.blocks.map { "\($0.id) [\($0.groupID)]" } == ["CH-1 [PG-2]", "CH-2 [PG-2]", "DW-1 [DW]", "DW-2 [DW]"])
    }

    /// A group whose tasks are written without ids: a list whose every entry states an effort
    /// or is a checkbox, or a table of tasks without an id column, numbered by position; a rule
    /// under the group (`Steps, in order:`) chains that group's items only.
    @Test func itemsWithoutIdsAreNumberedInTheirGroup() {
        let loaded = project(
            """
            ## Phase 1: Foundations

            ### 1.1 Schema
            **Estimate:** 1 day

            ## Phase 2: Enforcement

            Steps, in order:

            1. Redis token bucket — 2 days
            2. ext_authz hook — 1 day, after step 1
            3. `429` responses (4h)

            ## Phase 3: Console

            - [ ] Limits page (2d)
            - [x] Copy review with support

            ## Phase 4: Rollout

            | Task | Owner | Estimate | Depends on |
            |---|---|---|---|
            | Shadow mode: log would-be 429s | @mira | 3 days | Phase 2 |
            | Email the tenants | @sam | 0.5 days | Shadow mode |

            ## Done when
            - p99 added latency < 2 ms
            """)
        #expect(
            loaded.plan.blocks.map {
                "\($0.id) \($0.title) [\($0.groupID)] \($0.estimate?.days ?? -1) \($0.dependencies.map(\.label).joined(separator: ","))"
            } == [
                "1.1 Schema [1] 1.0 ",
                "2.1 Redis token bucket [2] 2.0 ", "2.2 ext_authz hook [2] 1.0 Block 2.1", "2.3 429 responses [2] 0.5 Block 2.2",
                "3.1 Limits page [3] 2.0 ", "3.2 Copy review with support [3] -1.0 ",
                "4.1 Shadow mode: log would-be 429s [4] 3.0 Group 2", "4.2 Email the tenants [4] 0.5 Block 4.1",
            ])
    }

    /// A status report as teams write it: a table of ids and states (`| ID | Status | % |`) and
    /// lines that state an item's status (`- ✅ 1.1 Parser`, `- 1.2 Printer: 🔄 in progress`,
    /// `- Block 1.1: Complete`) without renaming it; named twice, the later line is applied.
    @Test func statusReportsInTheirCommonForms() {
        let loaded = project(
            (
                "plan.md",
                """
                # Plan

                ## Phase 1: Core

                ### 1.1 Parser
                - Estimate: 2d

                ### 1.2 Printer
                - Estimate: 1d

                ### 1.3 Docs
                - Estimate: 1d
                """
            ),
            (
                "status.md",
                """
                # Status update 2026-03-14

                | ID | Status | % |
                |----|--------|---|
                | 1.3 | In progress | 40% |

                - ✅ 1.1 Parser
                - 1.2 Printer: 🔄 in progress
                - Block 1.1: Complete
                """
            ))
        #expect(loaded.plan.documents.map(\.kind) == [.plan, .progressReport])
        #expect(
            loaded.plan.blocks.map { "\($0.id) \($0.title) \($0.progress?.rawValue ?? "-") \($0.percentComplete ?? -1)" }
                == ["1.1 Parser complete 100.0", "1.2 Printer in-progress -1.0", "1.3 Docs in-progress 40.0"])
        #expect(loaded.diagnostics.filter { $0.severity != .note }.isEmpty, "\(loaded.diagnostics.map(\.message))")
    }

    /// Spec Kit task lists: tags before the title (`[P]`, `[US1]`) go, a dependency in the
    /// closing brackets is read; a plan stating no estimate gets one warning, not one per item.
    @Test func specKitTaskLists() {
        let loaded = project(
            """
            # Tasks: Invoices

            ## Phase 3: User Story 1 - Invoices

            - [ ] T010 [P] [US1] Create invoice template in src/templates/invoice.ts
            - [ ] T011 [US1] Render PDF (depends on T010)
            - [x] T012 [P] [US1] Email sender (depends on T010, T011)
            """)
        #expect(
            loaded.plan.blocks.map { "\($0.id) \($0.title) \($0.dependencies.map(\.id))" } == [
                "T010 Create invoice template in src/templates/invoice.ts []", "T011 Render PDF [\"T010\"]",
                "T012 Email sender [\"T010\", \"T011\"]",
            ])
        #expect(
            loaded.diagnostics.filter { $0.code == .missingEffort }.map(\.message)
                == [
                    "no block states an estimated effort; each of the 3 is scheduled with the assumed 1 day (defaultEstimate in loopreport.yml), marked as assumed"
                ])
    }

    /// An item a later document adds under no group heading joins the group of the item whose
    /// numbering it continues (`T-1.5` after Phase 1's `T-1.4`); a numbered id names its own.
    @Test func anAddedItemJoinsTheGroupItsNumberingContinues() {
        let plan = project(
            (
                "plan.md",
                """
                # Plan

                ## Phase 1: Quick wins

                ### T-1.1: MFA for admins
                Estimate: 2d

                ## Phase 2: Sessions

                ### T-2.1: Short-lived tokens
                Estimate: 4d
                """
            ),
            (
                "loops/loop-1.md",
                """
                # Loop 1

                ### T-1.5: Passkeys for admins (NEW)
                Estimate: 3d

                ### 2.4 Device list (NEW)
                Estimate: 1d
                """
            )
        ).plan
        #expect(plan.blocks.map { "\($0.id) \($0.groupID)" } == ["T-1.1 1", "T-1.5 1", "T-2.1 2", "2.4 2"])
    }

    /// Scope changes as list lines: an item added (`Added **1.3 Exporter** — 4d`), struck through
    /// (`~~1.2 Writer~~ dropped`) or removed by name (`Removed: 1.4 (out of scope)`); a numbered
    /// heading marked `(REMOVED)` is an item taken out.
    @Test func scopeChangesInListLines() {
        let loaded = project(
            (
                "plan.md",
                """
                # Plan

                ## Phase 1: Core

                ### 1.1 Parser
                - Estimate: 2d

                ### 1.2 Writer
                - Estimate: 1d

                ### 1.4 Export
                - Estimate: 1d

                ### 1.5 Import
                - Estimate: 1d
                """
            ),
            (
                "iteration-1.md",
                """
                # Loop Iteration 1

                ## Scope changes

                - Added **1.3 Exporter** — 4d, depends on 1.1
                - ~~1.2 Writer~~ dropped
                - Removed: 1.4 (out of scope)

                ### 1.5 Import (REMOVED)
                """
            ))
        #expect(
            loaded.plan.blocks.map { "\($0.id) \($0.status.rawValue) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id))" } == [
                "1.1 planned 2.0 []", "1.2 removed 1.0 []", "1.3 new 4.0 [\"1.1\"]", "1.4 removed 1.0 []", "1.5 removed 1.0 []",
            ])
        #expect(loaded.diagnostics.filter { $0.severity != .note }.isEmpty, "\(loaded.diagnostics.map(\.message))")

        // Re-estimates: a line `1.1: 2d → 5d`, a table of original and revised estimates (a Delta
        // in hours is checked in hours).
        let revised = project(
            ("plan.md", "## Phase 1: Core\n\n### 1.1 Parser\n- Estimate: 2d\n\n### 1.2 Writer\n- Estimate: 4h\n"),
            (
                "iteration-2.md",
                """
                # Loop Iteration 2

                - 1.1: 2d → 5d (parser took longer)

                | Task | Was | Now | Δ |
                |---|---|---|---|
                | 1.2 Writer | 32h | 48h | +16h |
                """
            ))
        #expect(
            revised.plan.blocks.map { "\($0.id) \($0.title) \($0.status.rawValue) \($0.estimate?.days ?? -1)" }
                == ["1.1 Parser revised 5.0", "1.2 Writer revised 6.0"])

        // Dependencies changed in a line: `now also depends on`, `now depends on`, `no longer waits for`.
        let relinked = project(
            (
                "plan.md",
                "## Phase 1: A\n\n### 1.1 X\n- Estimate: 1d\n\n### 1.2 Y\n- Estimate: 1d\n\n### 1.3 Z\n- Estimate: 1d\n- Depends on: 1.1\n"
            ),
            ("iteration-1.md", "# Loop Iteration 1\n\n- 1.3 now also depends on 1.2.\n- 1.2 now depends on 1.1\n"),
            ("iteration-2.md", "# Loop Iteration 2\n\n- 1.3 no longer waits for 1.1\n"))
        #expect(
            relinked.plan.blocks.map { "\($0.id) \($0.title) \($0.dependencies.map(\.id))" } == [
                "1.1 X []", "1.2 Y [\"1.1\"]", "1.3 Z [\"1.2\"]",
            ])
        #expect(revised.diagnostics.filter { $0.severity != .note }.isEmpty, "\(revised.diagnostics.map(\.message))")
    }

    /// Efforts where plans put them: after a dash or a timer in a heading, `30m`, fields parted
    /// by ` · ` on one line; a plan's file named after its subject (`02-design.md`) is a plan.
    @Test func effortsAndFieldsWhereAgentsWriteThem() {
        let loaded = project(
            (
                "02-design.md",
                """
                # Phase 2: Design

                ### 2.1 Feature flag — ~1h ✅

                ### 2.2 SSE gateway (Go) ⏱️ 4d

                ### 2.3 Tokens
                Effort: 30m · Owner: @maya · Status: in progress
                """
            ))
        #expect(
            loaded.plan.blocks.map { "\($0.id) \($0.title) \($0.estimate?.days ?? -1) \($0.progress?.rawValue ?? "-")" }
                == ["2.1 Feature flag 0.125 complete", "2.2 SSE gateway (Go) 4.0 -", "2.3 Tokens 0.0625 in-progress"])
    }

    /// Outlines (`1. Indexing` over `1.1. Define schema — 1d` lines), Kiro and Cursor task lists
    /// (`- [ ] 3. Set up` or `- [x] 4.0 Data model` over their numbered items: the parent is the
    /// group), and numbered lines written as a paragraph.
    @Test func outlinesAndParentTasks() {
        let loaded = project(
            """
            # Search plan

            ## Outline

            1. Indexing pipeline
               1.1. Define document schema — 1d
               1.2. CDC via Debezium — 3d (needs 1.1)
            2. Ranking
               2.1. BM25 baseline — 2d — after 1.2

            ## Tasks

            - [ ] 3. Set up project structure
              - [ ] 3.1 Create models — 2h
              - [x] 3.2 Wire DI — 1h
            - [x] 4.0 Data model
              - [x] 4.1 Tokens (2h)

            ## Phase 5: Ops

            5.1. systemd timer — 1h
            5.2. Log rotation — 30m — after 5.1
            - [ ] 5.3 Code tabs — curl / Python / JS (2d, depends on 5.1, 5.2)
            - [ ] 5.4 Upsert (~2h, revised in loop 2: was ~1h — dedupe on lower(email))
            """)
        #expect(
            loaded.plan.groups.map { "\($0.id) \($0.title)" } == [
                "1 Indexing pipeline", "2 Ranking", "3 Set up project structure", "4 Data model", "5 Ops",
            ])
        #expect(
            loaded.plan.blocks.map {
                "\($0.id) [\($0.groupID)] \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id).joined(separator: ","))"
            } == [
                "1.1 [1] 1.0 ", "1.2 [1] 3.0 1.1", "2.1 [2] 2.0 1.2", "3.1 [3] 0.25 ", "3.2 [3] 0.125 ", "4.1 [4] 0.25 ",
                "5.1 [5] 0.125 ", "5.2 [5] 0.0625 5.1", "5.3 [5] 2.0 5.1,5.2", "5.4 [5] 0.25 ",
            ])
        #expect(loaded.plan.blocks.suffix(2).map(\.title) == ["Code tabs — curl / Python / JS", "Upsert"])
        #expect(loaded.diagnostics.filter { $0.severity != .note }.isEmpty, "\(loaded.diagnostics.map(\.message))")
    }

    /// Group headings numbered alone (`## 1. Design`, `## 2) Build`) or in words (`## Phase
    /// Two`), checkboxes beyond GFM's (`[~]`, `[-]`, Kiro's `[ ]*`), fields in a quote, and a
    /// word-like name in a sentence (`E2E encryption`) that is not an id.
    @Test func numberedGroupsCustomBoxesAndQuotedFields() {
        let loaded = project(
            """
            # Plan

            ## 1. Design

            - [x] 1.1 Pick the algorithm (2h)
            - [~] 1.2 Decide tiers (1h)

            ## Phase Two — Build

            - [ ]* 2.2 Property tests (2h)
            - [-] 2.3 Load tests (1d)

            ### 2.1 Fan-out service
            > **Estimate:** 3d
            > **Depends on:** 1.2

            ## Backlog (not scheduled)

            - [ ] E2E encryption of note bodies
            """)
        #expect(loaded.plan.groups.map { "\($0.id) \($0.title)" } == ["1 Design", "2 Build"])
        #expect(
            loaded.plan.blocks.map { "\($0.id) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id)) \($0.progress?.rawValue ?? "-")" }
                == [
                    "1.1 0.25 [] complete", "1.2 0.125 [] in-progress", "2.1 3.0 [\"1.2\"] -", "2.2 0.25 [] not-started",
                    "2.3 1.0 [] deferred",
                ])

        // A group word and a title without an id, over items; a group named in Roman numerals.
        let titled = project(
            """
            ## Phase II: Build

            ### 2.1 Core
            - Estimate: 1d

            ## Epic: Observability

            ### Step 10 — Funnel metrics
            - Estimate: 2d
            - Depends on: Phase II
            """
        ).plan
        #expect(Set(titled.groups.map { "\($0.id) \($0.title)" }) == ["2 Build", "observability Observability"])
        #expect(
            titled.blocks.map { "\($0.id) [\($0.groupID)] \($0.dependencies.map(\.label))" } == [
                "2.1 [2] []", "10 [observability] [\"Group 2\"]",
            ])
    }

    /// An estimate labelled without a colon (`Est. 3d`), and whole-number ids in a work-item
    /// table whose dependency cells list whole numbers.
    @Test func labelledEstimatesAndWholeNumberTables() {
        let loaded = project(
            """
            ## Wave 1: Foundations

            ### DS-01 Color tokens
            Est. 3d
            Blocked by: —

            ## Sprint 2

            | Story | Title | Estimate | Depends on |
            |---|---|---|---|
            | 101 | Saved cards | 2d | — |
            | 103 | Apple Pay | 1d | 101 |
            """)
        #expect(
            loaded.plan.blocks.map { "\($0.id) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id))" }
                == ["DS-01 3.0 []", "101 2.0 []", "103 1.0 [\"101\"]"])
    }

    /// The state said first wins (`In progress — token bucket done, overrides pending`); a glyph
    /// with words it does not contradict (`🔄 half done`); a state then a note (`in progress,
    /// token counting off`); `reopened` is in progress.
    @Test func statesAsWrittenInLogs() {
        let plan = project(
            """
            ## Phase 1: Core

            - [ ] 1.3 C — 🔄 half done
            - [ ] 1.4 D — in progress, token counting off
            - 1.5 E — reopened

            ### 1.1 A
            - Status: In progress — token bucket done, per-tenant overrides pending

            ### 1.2 B
            - Status: not done yet
            """
        ).plan
        #expect(
            plan.blocks.map { $0.progress?.rawValue ?? "-" } == ["in-progress", "not-started", "in-progress", "in-progress", "in-progress"])
    }

    /// A day and month in a heading's brackets is a date, not parts done; a status word then
    /// its reason is the status; story points in a list line are read and noted, not guessed.
    @Test func datesInHeadingsStatusReasonsAndPointsInLists() {
        let loaded = project(
            """
            # Plan

            ## Phase 1: A

            ### 1.1 Kickoff workshop (12/11)
            - Estimate: 1 day

            ### 1.2 Build (04/11 a 08/11)
            - Estimate: 1 day
            - Status: Dropped — not needed

            ### 1.3 Tests (2/5)
            - Estimate: 1 day
            - Status: on hold (legal review)

            Also:

            - [ ] 1.4 Share sheet — 3 points, depends on 1.1
            """)
        #expect(
            loaded.plan.blocks.map { "\($0.id) \($0.title) \($0.progress?.rawValue ?? "-")" } == [
                "1.1 Kickoff workshop (12/11) -", "1.2 Build (04/11 a 08/11) deferred", "1.3 Tests blocked", "1.4 Share sheet not-started",
            ])
        #expect(loaded.plan.blocks.last?.dependencies.map(\.id) == ["1.1"])
        #expect(loaded.diagnostics.map(\.message).filter { $0.contains("story points") }.count == 1)
        #expect(!loaded.diagnostics.contains { $0.code == .missingEffort })
    }

    /// Plans in Chinese, Korean, Portuguese, Russian and Czech read without settings: their
    /// words for phases, tasks, fields, units and states; phases numbered first (`1단계`,
    /// `第一阶段`) and the ideographic space after an id.
    @Test func plansInMoreLanguagesReadWithoutSettings() {
        let read: (String) -> [String] = { text in
            project(text).plan.blocks.map {
                "\($0.id) [\($0.groupID)] \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id).joined(separator: ",")) \($0.progress?.rawValue ?? "-")"
            }
        }
        #expect(
            read(
                """
                ## 第一阶段：准备

                #### 任务 1.1\u{3000}搭建集群
                - 预计：2 天
                - 状态：已完成

                #### 任务 1.2\u{3000}索引
                - 预计：4 小时
                - 依赖：1.1
                - 状态：进行中
                """) == ["1.1 [1] 2.0  complete", "1.2 [1] 0.5 1.1 in-progress"])
        #expect(
            read(
                """
                ## 2단계: 홈 화면

                | ID | 작업 | 예상 | 선행 작업 | 상태 |
                |----|------|------|-----------|------|
                | H1 | 컴포넌트 | 3일 | - | 진행 중 |
                | H2 | 피드 | 4시간 | H1 | 대기 |
                """) == ["H1 [2] 3.0  in-progress", "H2 [2] 0.5 H1 not-started"])
        #expect(
            read(
                """
                ## Этап 2. Перенос

                - [x] **2.1** Команда /start (оценка: 1 ч; зависит от 1.1)
                - [!] **2.5** Онлайн-оплата (оценка: 5 ч; зависит от 2.1) — нет договора
                - [ ] ~~**2.6** Отзывы (оценка: 2 ч)~~ — заказчик решил не делать
                """) == ["2.1 [2] 0.125 1.1 complete", "2.5 [2] 0.625 2.1 blocked", "2.6 [2] 0.25  not-started"])
        #expect(project("## Этап 2\n\n- [ ] ~~**2.6** Отзывы (оценка: 2 ч)~~ — нет\n").plan.blocks.map(\.status) == [.removed])
        #expect(
            read(
                """
                ## Fáze 3: Spuštění

                - [ ] 3.1 Přesměrování — odhad 1 den, závisí na 2.2, 2.3
                - [x] 3.2 GDPR — odhad 0,5 dne · Stav: hotovo
                """) == ["3.1 [3] 1.0 2.2,2.3 not-started", "3.2 [3] 0.5  complete"])
    }

    /// A report's states as teams write them: under a heading or a label that states one
    /// (`## ✅ Done`, `## In progress`, `**Completed**`); in a status table whose Item column
    /// names the item (`| # | Item | Status |`); and in a final report's estimate-vs-actual
    /// table, whose rows are the items that were done.
    @Test func statesUnderHeadingsInStatusTablesAndInAFinalReport() {
        let plan = project(
            (
                "plan.md",
                """
                # Plan

                ## Phase 1: Core

                - [ ] 1.1 Import — 1d
                - [ ] 1.2 Export — 1d
                - [ ] 1.3 Sync — 1d
                - [ ] 1.4 Search — 1d
                - [ ] 1.5 Billing — 1d
                """
            ),
            (
                "status/week-1.md",
                """
                # Weekly status — week 1

                ## ✅ Done

                - **1.1** Import — shipped on Tuesday.

                ## In progress

                - **1.2** Export — half the formats

                **Completed**

                - 1.3 Sync

                | # | Item | Status | Notes |
                |---|------|--------|-------|
                | 1 | 1.4 Search | In progress | |
                """
            ),
            (
                "final-report.md",
                """
                # Billing — Final Report

                | Task | Estimate | Actual | Variance |
                |------|----------|--------|----------|
                | 1.4 | 1d | 1d | 0% |
                """
            )
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.progress?.rawValue ?? "-")" } == [
                "1.1 complete", "1.2 in-progress", "1.3 complete", "1.4 complete", "1.5 not-started",
            ])
        #expect(plan.documents.map(\.kind) == [.plan, .progressReport, .consolidation])
    }

    /// Letter groups and their items (`## Group A — Foundations` over `### A.1 Config`), and
    /// Jira keys with a long project prefix (`INFRA-101`).
    @Test func letterGroupsAndLongJiraKeys() {
        let plan = project(
            """
            # Plan

            ## Group A — Foundations

            ### A.0 Repo scaffolding
            - **Est**: ~30m
            - **Deps**: none

            ### A.1 Config loading
            - **Est**: ~2h
            - **Deps**: A.0

            ## Stage B: Infrastructure

            - ✅ INFRA-101 EKS cluster per env (2d)
            - ⬜ INFRA-104 Migrate staging (1d) — blocked by INFRA-101
            """
        ).plan
        #expect(plan.groups.map { "\($0.id) \($0.title)" } == ["A Foundations", "B Infrastructure"])
        #expect(
            plan.blocks.map { "\($0.id) [\($0.groupID)] \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id))" } == [
                "A.0 [A] 0.0625 []", "A.1 [A] 0.25 [\"A.0\"]", "INFRA-101 [B] 2.0 []", "INFRA-104 [B] 1.0 [\"INFRA-101\"]",
            ])
    }

    /// A title names a document's kind by what it is, not its subject: `# Add search to the
    /// notes API` is a plan. An RFC's `## Implementation plan` (a postmortem's `## Action
    /// items`) is the plan part of a notes document: its items count, its design sections' do
    /// not, and only where no plan defines items (beside a plan, it restates it).
    @Test func aPlanAboutNotesAndThePlanPartOfAnRFC() {
        let plan = (
            "PLAN.md",
            """
            # Add search to the notes API

            ## Phase 1: Index

            ### 1.1 Feature flag
            Estimate: 1h
            """
        )
        let rfc = (
            "rfcs/0042-idempotency-rfc.md",
            """
            # RFC 0042: Idempotency keys

            ## Design

            ### 2.1 Key storage
            **Time**: 41 min

            ## Implementation plan

            ### Phase 3: Build

            - 3.1 Key table — 1d
            - 3.2 Middleware — 2d, depends on 3.1
            """
        )
        func read(_ files: (String, String)...) -> [String] {
            Pipeline.model(files: files.map { SourceFile(path: $0.0, text: $0.1) }).plan.blocks.map {
                "\($0.id) [\($0.groupID)] \($0.dependencies.map(\.id))"
            }
        }
        #expect(read(plan) == ["1.1 [1] []"])
        #expect(read(rfc) == ["3.1 [3] []", "3.2 [3] [\"3.1\"]"])
        #expect(read(plan, rfc) == ["1.1 [1] []"])
    }

    /// Numbered lists whose numbers carry on from phase to phase name their items by those
    /// numbers (`5.` in Phase 2 is item 5, and `Depends on 3, 4` names items 3 and 4); fields
    /// may be written as sentences after the title's; one item struck out or not yet sized does
    /// not stop the list being read.
    @Test func numbersCarriedAcrossPhasesAndFieldsAsSentences() {
        let plan = project(
            """
            # Implementation plan

            ### Phase 1: Storage

            1. **Migration** — 0.5d. ✅ merged (#4411)
            2. **Middleware skeleton** behind a flag — 2d. Depends on 1. 🚧 in review

            ### Phase 2: Behaviour

            3. **Replay stored responses**, add a header — 1.5d. Depends on 1, 2.
            4. ~~**Backfill keys from logs**~~ — dropped, not needed.
            5. **Gateway integration** behind a flag. Estimate: 1 week. Needs 3.
            """
        ).plan
        #expect(
            plan.blocks.map {
                "\($0.id) [\($0.groupID)] \($0.status == .removed ? "removed" : $0.progress?.rawValue ?? "-") \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id))"
            } == [
                "1 [1] complete 0.5 []", "2 [1] in-progress 2.0 [\"1\"]", "3 [2] - 1.5 [\"1\", \"2\"]", "4 [2] removed -1.0 []",
                "5 [2] - 5.0 [\"3\"]",
            ])
        #expect(plan.blocks.last?.title == "Gateway integration behind a flag")
    }

    /// A roadmap without group words: each section that holds items is their group, its id the
    /// title's words (`## Now` is `now`; `## Q2 2027` over a work-item table is `Q2`, its id); a
    /// report's `## Done` never moves an item planned elsewhere; `6a.` is an id (`## Migration
    /// steps` lists the plan's items, it does not group them).
    @Test func sectionsOfARoadmapAreItsGroups() {
        let loaded = project(
            (
                "ROADMAP.md",
                """
                # Payments roadmap

                ## Now

                - [ ] PAY-1 Refunds — 3d
                - [ ] PAY-2 Payouts — 5d, depends on PAY-1

                ## Q2 2027

                | Key | What | Est. | Depends on |
                |-----|------|------|------------|
                | PAY-3 | Chargebacks | 2d | PAY-2 |

                ## Migration steps

                - 6a. Backfill the new column — 2h
                - 6b. Verify row counts — 1h
                """
            ),
            (
                "DONE.md",
                """
                # Done

                ## 2027-08-11

                - [x] PAY-1 Refunds — 3d
                """
            ))
        #expect(
            loaded.plan.blocks.map { "\($0.id) [\($0.groupID)] \($0.progress?.rawValue ?? "-")" } == [
                "PAY-1 [now] complete", "PAY-2 [now] not-started", "PAY-3 [Q2] -", "6a [items] -", "6b [items] -",
            ])
        #expect(loaded.plan.groups.map(\.id) == ["Q2", "items", "now"])

        // `## Next` and `## Later` are horizons, groups (not states) in a roadmap; a Milestone
        // column says each row's group.
        let board = project(
            """
            # Mobile roadmap

            ## Next

            - [ ] #440 Barcode scanning — 2d

            ## Later

            - #460 Tablet layout

            ## Table

            | ID | Deliverable | Milestone | Est. |
            |----|-------------|-----------|------|
            | DP-01 | Airflow on k8s | MS1 | 2w |
            """
        ).plan
        #expect(
            board.blocks.map { "\($0.id) [\($0.groupID)] \($0.progress?.rawValue ?? "-")" } == [
                "#440 [next] not-started", "#460 [later] -", "DP-01 [MS1] -",
            ])
    }

    /// What real plans write that is no mistake raises no error: a summary table and the
    /// headings that detail it; an item carried over to the next release; a dependency on a
    /// group named like an item (`Depends on: M1`); `### Phase 1 verification` under `## Phase 1:
    /// …`; a report line about an item (`- 1.2: backpressure done`), which does not rename it;
    /// a schedule's time of day; T-shirt sizes (read with `sizes:`, else a note); `← AUTH-1`.
    @Test func realPlansRaiseNoFalseErrors() {
        let loaded = project(
            (
                "MIGRATION_PLAN.md",
                """
                # Orders migration plan

                | Step | What | Est. | Status |
                |------|------|------|--------|
                | 1 | Provision | 2d | done |
                | 2 | Backfill | 1d | |

                ## Stage A — Preparation

                ### Step 1 — Provision the cluster
                - **Estimate:** 2d

                ### Step 2 — Backfill orders
                - **Estimate:** 1d
                - **Depends on:** Step 1

                ### Stage A verification
                - [x] row counts match

                ## M1 — Foundations

                - AUTH-1 Login (3h)
                - AUTH-3 Session refresh (3h) ← AUTH-1

                ## M2 — Notifications
                Depends on: M1.
                Estimate: 1w

                | # | Time | Step | Duration |
                |---|------|------|----------|
                | C1 | 22:00 | Freeze pipeline | 2 min |

                ## v2.3

                - [ ] #893 Import dry-run — 2d

                ## v2.4

                - [ ] #893 Import dry-run — 2d _(carried over from v2.3)_
                - [ ] #894 Export — M
                """
            ),
            (
                "updates.md",
                """
                # Weekly update

                - 2: backpressure done, DLQ in progress.
                """
            ))
        #expect(loaded.diagnostics.filter { $0.severity != .note }.map(\.message) == [], "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.plan.blocks.first { $0.id == "2" }?.title == "Backfill orders")
        #expect(loaded.plan.blocks.first { $0.id == "AUTH-3" }?.dependencies.map(\.id) == ["AUTH-1"])
        #expect(loaded.diagnostics.contains { $0.message.hasPrefix("'M' is a T-shirt size; set sizes in loopreport.yml") })
        let sized = project(config: "sizes: {S: 1d, M: 3d, L: 1w}\n", ("plan.md", "## Phase 1: A\n\n- [ ] 1.1 Export — M\n"))
        #expect(sized.plan.blocks.map { $0.estimate?.days } == [3])
    }

    /// An agent's task lines: a milestone over items of any ids is their group; every bracket
    /// group at the end is read (`(est 30m) [deps: T1] (done)`).
    @Test func agentTaskLinesUnderMilestones() {
        let plan = project(
            """
            # Plan

            ## Milestone 1 — Tail & parse

            - [x] T1: Cargo workspace (est 30m) [deps: —] (done)
            - [ ] T2: File watcher (est 2h) [deps: T1] (blocked: waiting on review)
            """
        ).plan
        #expect(plan.groups.map { "\($0.id) \($0.title)" } == ["1 Tail & parse"])
        #expect(
            plan.blocks.map {
                "\($0.id) [\($0.groupID)] \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id)) \($0.progress?.rawValue ?? "-")"
            } == [
                "T1 [1] 0.0625 [] complete", "T2 [1] 0.25 [\"T1\"] blocked",
            ])
    }

    /// A progress log's sentences say states: `finished 2.1, started 2.2, 2.3 blocked by flaky
    /// CI`, `- 2.4 done, 2.5 done.`, `2.2, 2.3 and 2.4 all shipped`, `2.5 ✅`, applied from
    /// reports in order; in a plan, `after 2.1 is
    /// done` is a condition, not a state.
    @Test func statesInAProgressLog() {
        let plan = project(
            (
                "PLAN.md",
                """
                # Plan

                ## Phase 2: Sync

                - [ ] 2.1 Queue — 1d, after 2.5 is done
                - [ ] 2.2 Worker — 1d
                - [ ] 2.3 Retries — 1d
                - [ ] 2.4 Metrics — 1d
                - [ ] 2.5 Docs — 1d
                """
            ),
            (
                "PROGRESS.md",
                """
                # Progress

                **2026-11-03:** finished 2.1, started 2.2, 2.3 blocked by flaky CI.

                - 2.4 done, 2.5 done.

                ### 2026-11-10
                Phase 2 is nearly done: 2.2, 2.3 and 2.4 all shipped. 2.5 ✅.
                """
            )
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.progress?.rawValue ?? "-")" } == [
                "2.1 complete", "2.2 complete", "2.3 complete", "2.4 complete", "2.5 complete",
            ])
        let alone = project("## Phase 2: Sync\n\n- [ ] 2.1 Queue — 1d, after 2.5 is done\n- [ ] 2.5 Docs — 1d\n").plan
        #expect(alone.blocks.map { $0.progress } == [.notStarted, .notStarted])
        // A roadmap's own log section, and its recently shipped items.
        let roadmap = project(
            """
            # Mobile roadmap

            ## Now

            - [ ] #418 Photo compression — 3 pts
            - [ ] #420 Sync conflict screen — 5 pts

            ## ✅ Recently shipped

            - #398 Login with SSO — 8 pts

            ### Changes since last update

            - #418 merged → done.
            - #420 started (@lena).
            """
        ).plan
        #expect(
            roadmap.blocks.map { "\($0.id) \($0.progress?.rawValue ?? "-")" } == ["#398 complete", "#418 complete", "#420 in-progress"])
    }

    /// A numbered outline of steps and sized sub-steps: each step with sub-steps is a group
    /// named by its number, each sub-step an item within it, a sized step alone an item; a
    /// state may follow the effort (`0.5d ✅`, `1.5d (WIP, @amelia)`) or open the entry
    /// (`Blocked: …`).
    @Test func aNumberedOutlineOfStepsAndSubSteps() {
        let plan = project(
            """
            # Refactoring plan

            ## Plan

            1. **Introduce a `LedgerClient` interface**
               1. Define the protocol — 0.5d ✅
               2. Implement it in `LedgerHttp` — 1d, after 1.1
            2. **Pull tax out**
               1. Move the tax functions — 1d (WIP, @amelia)
               2. Blocked: remove the ledger lookups — 2d, after 1.2
            3. **Enforce the boundaries** with contracts in CI — 0.5d, after 2.2
            """
        ).plan
        #expect(
            plan.groups.filter { !$0.isImplicit }.map { "\($0.id) \($0.title)" } == [
                "1 Introduce a LedgerClient interface", "2 Pull tax out",
            ])
        #expect(
            plan.blocks.map {
                "\($0.id) [\($0.groupID)] \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id)) \($0.progress?.rawValue ?? "-")"
            } == [
                "1.1 [1] 0.5 [] complete", "1.2 [1] 1.0 [\"1.1\"] -", "2.1 [2] 1.0 [] in-progress", "2.2 [2] 2.0 [\"1.2\"] blocked",
                "3 [items] 0.5 [\"2.2\"] -",
            ])
    }

    /// What the review of this reader found, kept fixed: two list lines with one id and other
    /// work are a duplicate; a log's whole numbers need to end the clause (`Fixed 3 flaky
    /// tests` marks nothing, `started 6 (button)` does); `(0/4)` is parts done; a range's dash
    /// is no minus sign (`40–50%`).
    @Test func reviewedEdgesOfTheReader() {
        let duplicate = project("## Phase 1: A\n\n- 1.1 Import users — 1d\n- 1.1 Import orders — 3d\n")
        #expect(duplicate.diagnostics.map(\.code).contains(.duplicateBlock))
        let log = project(
            ("plan.md", "## Phase 1: A\n\n### Task 3: Three\n- Estimate: 1d\n\n### Task 6: Six\n- Estimate: 1d\n"),
            ("status.md", "# Weekly status\n\n- Fixed 3 flaky tests in CI\n- started 6 (button)\n"))
        #expect(log.plan.blocks.map { "\($0.id) \($0.progress?.rawValue ?? "-")" } == ["3 -", "6 in-progress"])
        #expect(project("## Phase 1: A\n\n### 1.1 Install (0/4)\n- Estimate: 1d\n").plan.blocks.map(\.progress) == [.notStarted])
        #expect(Percent.find(in: "Progress: 40–50%")?.value == 50)
        #expect(Percent.find(in: "Variance –50%")?.value == -50)
    }

    /// Lists and quotes nested thousands deep are read without recursion running out of stack
    /// (the reader looks 8 levels into nested items, 2 into quotes).
    @Test func deepNestingIsReadWithinBounds() {
        let list = (0..<2000).map { String(repeating: "  ", count: $0) + "- 1.\($0 + 1) Item — 1d" }.joined(separator: "\n")
        let quotes = String(repeating: "> ", count: 3000) + "**Estimate:** 1d"
        let loaded = project(
            ("plan.md", "## Phase 1: Deep\n\n" + list + "\n"), ("quotes.md", "## Phase 2: Q\n\n### 2.1 Quoted\n" + quotes + "\n"))
        #expect(loaded.plan.blocks.contains { $0.id == "2.1" && $0.estimate?.days == nil })  // the quote 3,000 deep is text
        #expect((8...12).contains(loaded.plan.blocks.count - 1))  // the items down to the limit
    }

    /// Letter parts of ids (`3.C`) in headings and dependency fields; a word in a script without
    /// spaces touching its id (`タスク1.1`, `フェーズ4：`).
    @Test func letterPartsAndWordsTouchingTheirIds() {
        let plan = project(
            """
            ## Phase 3: Services

            ### 3.A Auth service
            - Estimate: 2 days

            ### 3.C Payments
            - Estimate: 1 day
            - Depends on: 3.A, Block 3.B

            ### 3.B Billing
            - Depends on: 3.A

            ## フェーズ4：日本語

            ### タスク4.1 設計
            - 見積もり: 2日

            ### タスク4.2：実装
            - 依存関係: タスク4.1, 3.C
            """
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.title) [\($0.groupID)] \($0.dependencies.map(\.id))" } == [
                "3.A Auth service [3] []", "3.B Billing [3] [\"3.A\"]", "3.C Payments [3] [\"3.A\", \"3.B\"]",
                "4.1 設計 [4] []", "4.2 実装 [4] [\"4.1\", \"3.C\"]",
            ])
        #expect(plan.groups.map(\.title) == ["Services", "日本語"])
    }

    /// Work packages as grant proposals write them: a bold task id opening a paragraph with its
    /// fields in brackets among notes (`(M1–M4; Lead: UNIPD; 6 person-months)`, person-months) or after a
    /// dash, the lines after it describing it; a letter id (`**A. Export**`) with prose fields.
    @Test func boldTaskLinesWithFieldsOnTheirLine() {
        let plan = project(
            """
            # Work plan

            ## WP1 — Sensing platform

            **T1.1 Requirements and use cases** (M1–M4; Lead: UNIPD; 2 person-months)
            Co-design workshops with farmers; the output is a frozen requirement set used in T1.2.

            **T1.2 Probe design** — 3 days, after T1.1.
            Three prototype iterations.

            **Objectives** are set by the consortium.

            ## Phase 2: Launch

            **A. Export the space** — half a day.

            **B. Clean up the pages** (macros, anchors) — 2 days.
            """
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.title) [\($0.groupID)] \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id))" } == [
                "T1.1 Requirements and use cases [WP1] 40.0 []", "T1.2 Probe design [WP1] 3.0 [\"T1.1\"]",
                "2.A Export the space [2] 0.5 []", "2.B Clean up the pages (macros, anchors) [2] 2.0 []",
            ])
    }

    /// Open-source roadmaps: an issue's number at the end of a checklist line or heading is the
    /// item's id (`(#112)`, `(#140, PR #152)`, `— #301`); a pull request's is not, nor a field's.
    @Test func issueNumbersAtTheEndAreIds() {
        let plan = project(
            """
            # Roadmap

            ## v0.4

            - [x] Track byte spans on every `Value` (#112)
            - [x] Render errors with snippets (#118) — needs #112 first
            - [ ] Stop panicking on nested tables (#140, PR #152) — small
            - [ ] ~~Custom error hook (#127)~~ dropped
            - [ ] Ship the docs site (see #45)

            ## v1.3

            ### SIMD decode paths (NEON + AVX2) — #301

            - **Size:** L
            - **Status:** in progress, AVX2 landed in PR #318
            """
        ).plan
        #expect(
            plan.blocks.map {
                "\($0.id) \($0.title) [\($0.groupID)] \($0.status.rawValue) \($0.progress?.rawValue ?? "-") \($0.dependencies.map(\.id))"
            } == [
                "#112 Track byte spans on every Value [v0.4] planned complete []",
                "#118 Render errors with snippets [v0.4] planned complete [\"#112\"]",
                "#127 Custom error hook [v0.4] removed not-started []",
                "#140 Stop panicking on nested tables [v0.4] planned not-started []",
                "#301 SIMD decode paths (NEON + AVX2) [v1.3] planned in-progress []",
            ])
    }

    /// A report's numbered section over items of several groups (`## 2. Progress per task` over
    /// `T1.1` and `T2.1`) leaves them in their groups; a state that opens a note after the
    /// title (`completed in M3; …`, `postponed to Year 2. …`) is the item's state.
    @Test func reportSectionsOverItemsOfSeveralGroups() {
        let loaded = project(
            (
                "plan.md",
                """
                # Plan

                ## WP1 — Management

                | Task | Title | Estimate | Depends on |
                |---|---|---|---|
                | T1.1 | Coordination | 2d | — |
                | T1.2 | Data management | 1d | — |

                ## WP2 — Hardware

                | Task | Title | Estimate | Depends on |
                |---|---|---|---|
                | T2.1 | Specification | 1d | T1.2 |
                | T2.2 | Redesign | 3d | T2.1 |
                """
            ),
            (
                "report.md",
                """
                # Annual progress report, Year 1

                ## 2. Progress per task

                **WP1**
                - **T1.1** Coordination — ongoing. Kick-off in January.
                - **T1.2** Data management — **completed** in M6; D1.2 submitted.

                **WP2**
                - **T2.1** Specification — **completed** (M3).
                - **T2.2** Redesign — **postponed to Year 2**. The post is vacant.
                """
            ))
        #expect(
            loaded.plan.blocks.map { "\($0.id) [\($0.groupID)] \($0.progress?.rawValue ?? "-")" } == [
                "T1.1 [WP1] in-progress", "T1.2 [WP1] complete", "T2.1 [WP2] complete", "T2.2 [WP2] deferred",
            ])
        #expect(loaded.plan.groups.map(\.id) == ["WP1", "WP2"])
    }

    /// A coding agent's timestamped log (`2026-03-02 09:14  T1 done.`) and a team's standup
    /// notes say states, in the words logs use (`ongoing`, `dropped`); a sprint
    /// review's `| Key | Outcome |` table is a status table.
    @Test func statesInTimestampedLogsStandupsAndReviews() {
        let plan = project(
            (
                "PLAN.md",
                """
                # Plan

                - [ ] **T1** Inventory deprecated APIs — est. 30m
                - [ ] **T2** Bump the ingress chart — est. 1h — after T1
                - [ ] **T3** Move flowcontrol manifests — est. 45m — after T1
                - [ ] **T4** Update the Terraform module — est. 2h
                - [ ] **T5** Runbook — est. 1h
                - [ ] **T6** Smoke test — est. 30m
                """
            ),
            (
                "progress.md",
                """
                # progress.md

                2026-03-02 09:14  T1 done. 7 deprecated usages found.
                2026-03-02 10:02  T3 done → PR #418.
                2026-03-02 13:30  T4 ongoing, module 20.x replaces aws-auth.
                """
            ),
            (
                "notes/launch-standups.md",
                """
                # Launch

                - T5 dropped, the docs overhaul covers it.
                """
            ),
            (
                "review.md",
                """
                # Review

                | Key | Outcome |
                |-----|---------|
                | T2 | ✅ demoed |
                | T6 | 🔁 in code review, carries over |
                """
            )
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.progress?.rawValue ?? "-")" } == [
                "T1 complete", "T2 complete", "T3 complete", "T4 in-progress", "T5 deferred", "T6 in-progress",
            ])
    }

    /// An id written in bold on its own is an id even as a number and a letter (`- **1a** Read
    /// …`), and such ids alone are dependencies (`needs 1a, 1b`).
    @Test func boldNumberAndLetterIds() {
        let plan = project(
            """
            # Plan: scheduled CSV reports

            ## Phase 1 — export plumbing
            - **1a** Read the `reports/` app. (~30 min)
            - **1b** `CsvExporter` service + unit tests. (~2h) — needs 1a
            - **1c** Admin action. (~1h) — needs 1a, 1b
            """
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) [\($0.groupID)] \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id))" } == [
                "1a [1] 0.0625 []", "1b [1] 0.25 [\"1a\"]", "1c [1] 0.125 [\"1a\", \"1b\"]",
            ])
    }

    /// An Obsidian Kanban board: each lane is its cards' state (an empty box says none), a
    /// card's `<br>` lines are its parts, and a file named a board is a plan, not a guide.
    @Test func kanbanLanesAreStates() {
        let plan = project(
            (
                "Onboarding board.md",
                """
                ---

                kanban-plugin: basic

                ---

                ## Backlog

                - [ ] WEB-21 Referral code field<br>est 2d

                ## Doing

                - [ ] WEB-17 Step router<br>est 3d

                ## Done

                - [ ] WEB-18 Copy freeze<br>est 0.5d · needs WEB-17
                """
            )
        ).plan
        #expect(
            plan.blocks.map {
                "\($0.id) \($0.title) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id)) \($0.progress?.rawValue ?? "-")"
            } == [
                "WEB-17 Step router 3.0 [] in-progress", "WEB-18 Copy freeze 0.5 [\"WEB-17\"] complete",
                "WEB-21 Referral code field 2.0 [] not-started",
            ])
    }

    /// A column headed by a unit alone (`| Pts |`, `| PM |`, `| Hours |`) holds estimates in
    /// that unit; an Obsidian Dataview field (`estimate:: 3d`) is a field.
    @Test func unitColumnsAndDataviewFields() {
        let plan = project(
            config: "pointDays: 0.5\n",
            (
                "plan.md",
                """
                # Plan

                ## WP1 — Management

                | Task | Title | Lead | PM | Depends on |
                |---|---|---|---|---|
                | T1.1 | Coordination | LNEC | 2 | — |

                | ID | Story | Pts | Blocked by |
                |---|---|---|---|
                | S-01 | Offline queue | 4 | T1.1 |

                ### Task 3 - Parser
                estimate:: 5d
                depends:: S-01
                """
            )
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id))" } == [
                "S-01 2.0 [\"T1.1\"]", "T1.1 40.0 []", "3 5.0 [\"S-01\"]",
            ])
    }

    /// A proposal's deliverables and milestones under `### Deliverables` and `### Milestones`,
    /// beside its tasks, are what the tasks produce, not work items.
    @Test func deliverablesAndMilestonesOfAProposalAreNotWork() {
        let loaded = project(
            (
                "annex1.md",
                """
                # Work plan

                ## WP1 — Management

                | Task | Title | Lead | PM | Depends on |
                |---|---|---|---|---|
                | T1.1 | Coordination | LNEC | 6 | — |
                | T1.2 | Data management plan | LNEC | 1.5 | — |

                ### Deliverables

                - D1.1 Project handbook (M2)
                - D1.2 Data management plan (M6)

                ### Milestones

                - MS1 — Specification frozen (M3)
                """
            ))
        #expect(loaded.plan.blocks.map(\.id) == ["T1.1", "T1.2"])
    }

    /// Lettered items in bold paragraphs with their fields in prose (`— 1 day, after A.`), and a
    /// running log (`# Docs — April log`) read as a report after the plan: a bold letter on its
    /// own opens a line about that item (`- **A** — done.`).
    @Test func letteredItemsAndARunningLog() {
        let plan = project(
            (
                "plan.md",
                """
                # Moving the docs off Confluence

                **A. Export the space with the converter** — half a day.

                **C. Redirect map from old URLs** — 1 day, after A.

                **D. Theme and navigation** — 2 days, after A, C.
                """
            ),
            (
                "status-2026-04.md",
                """
                # Docs — April log

                - **A** — done. The converter kept the macros.
                - **C** — done.
                - **D** — in progress, Noor has it.
                """
            )
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id)) \($0.progress?.rawValue ?? "-")" } == [
                "A 0.5 [] complete", "C 1.0 [\"A\"] complete", "D 2.0 [\"A\", \"C\"] in-progress",
            ])
    }

    /// A GitHub Projects table has no id column: each title ends with its issue's number.
    @Test func gitHubProjectsTablesNumberItemsInTheirTitles() {
        let plan = project(
            config: "pointDays: 0.5\n",
            (
                "board.md",
                """
                # Android 5.0 board

                | Title | Status | Points | Blocked by |
                | --- | --- | --- | --- |
                | Room DB for saved routes #221 | ✅ Done | 4 | |
                | Sync worker (WorkManager) #222 | 🏗 In Progress | 8 | #221 |
                """
            )
        ).plan
        #expect(
            plan.blocks.map {
                "\($0.id) \($0.title) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id)) \($0.progress?.rawValue ?? "-")"
            } == [
                "#221 Room DB for saved routes 2.0 [] complete", "#222 Sync worker (WorkManager) 4.0 [\"#221\"] in-progress",
            ])
    }

    /// What the widened reader must leave alone in an ordinary plan: an issue number at the end
    /// of a note's bullet, a time of day, a note after the title that merely starts with a
    /// state word, a horizon heading over checkboxes, a period in bold, a calendar week in a
    /// dependency, a column of product managers, a plan titled after a log it builds.
    @Test func ordinaryPlansKeepTheirMeaning() {
        let loaded = project(
            (
                "plan.md",
                """
                # Audit log

                ## Phase 1 — Core

                - 1.1 Tokenizer — 2d
                  - Related bug (#45)
                  - Spec discussion: upstream thread (#51)
                - 1.2 Launch call (4pm)
                - [ ] 1.4 Import — later in the week, after 1.1
                - [ ] 1.5 Docs — done by the CLI generator
                - 1.6 Writer — 1d
                  - Depends on: 1.1, design sign-off in week 3

                **H1 2027** — 3 months, after the pilot.

                | ID | Feature | PM | Estimate |
                |---|---|---|---|
                | 1.7 | Exports | Alice | 2d |

                ## Later

                - [ ] 2.1 Exporter — 1d
                """
            ))
        #expect(
            loaded.plan.blocks.map { "\($0.id) \($0.estimate?.days ?? -1) \($0.dependencies.map(\.id)) \($0.progress?.rawValue ?? "-")" }
                == [
                    "1.1 2.0 [] -", "1.2 -1.0 [] -", "1.4 -1.0 [] not-started", "1.5 -1.0 [] not-started",
                    "1.6 1.0 [\"1.1\"] -", "1.7 2.0 [] -", "2.1 1.0 [] not-started",
                ])
        #expect(!loaded.diagnostics.contains { $0.code == .unparseableEffort })
    }

    /// Week and day groups and `PM` person-months are a team's words, mapped in loopreport.yml
    /// (`in week 3` and `5 PM` are calendar words elsewhere).
    @Test func weeksAsGroupsAndPersonMonthsByVocabulary() {
        let plan = project(
            config: "vocabulary:\n  groups: [Week, Day]\n  months: [PM]\n",
            (
                "plan.md",
                """
                # Plan

                ## Week 2

                **T1.1 Requirements** (M1–M4; Lead: UNIPD; 6 PM)
                Co-design workshops.

                - **2a** Read the app — 1d
                """
            )
        ).plan
        #expect(plan.blocks.map { "\($0.id) [\($0.groupID)] \($0.estimate?.days ?? -1)" } == ["T1.1 [2] 120.0", "2a [2] 1.0"])
    }

    /// A roadmap folded in `<details><summary>` sections: each summary is a heading one level
    /// under the one before, and the tracked lines under it (`- ✅ Speaker notes (#88)`) its
    /// items; a README's `## Roadmap` is its plan part (an install step's `(#12)` is not).
    @Test func foldedRoadmapSectionsOfAReadme() {
        let plan = project(
            (
                "README.md",
                """
                # quillmark

                Slides in Markdown.

                ## Install

                - Run `npm i -g quillmark` (#12)

                ## Roadmap

                <details>
                <summary><b>v0.3 — Presenter</b> (shipped Aug 2024)</summary>

                - ✅ Speaker notes view (#88)
                - ✅ Timer in presenter mode (#91)

                </details>

                <details open>
                <summary><b>v0.4 — Themes</b></summary>

                - 🚧 Port the built-in themes (#103)

                </details>
                """
            )
        ).plan
        #expect(
            plan.blocks.map { "\($0.id) \($0.title) \($0.progress?.rawValue ?? "-")" } == [
                "#103 Port the built-in themes in-progress", "#88 Speaker notes view complete", "#91 Timer in presenter mode complete",
            ])
        // Outside a README (a guide, whose numbered headings are not confirmed as groups), the
        // summaries are the items' groups.
        let roadmap = project(
            (
                "ROADMAP.md",
                """
                # Roadmap

                <details>
                <summary><b>v0.3 — Presenter</b> (shipped Aug 2024)</summary>

                - ✅ Speaker notes view (#88)

                </details>
                """
            )
        ).plan
        #expect(roadmap.blocks.map { "\($0.id) [\($0.groupID)]" } == ["#88 [v0.3]"])
    }
}
