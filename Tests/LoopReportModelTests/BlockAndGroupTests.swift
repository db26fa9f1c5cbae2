import LoopReportModel
import LoopReportPipeline
import LoopReportSource
import LoopReportTestSupport
import Testing

@Suite struct BlockAndGroupTests {
    static let plan = """
        # Consolidated Search Plan 3.0

        ## Implementation Groups

        ### Group 1: Core Types and Data Structures
        **Priority**: Critical
        **Dependencies**: None
        **Estimated Effort**: 5 days (increased from 3 days)
        **Assigned Team**: Core Team (Alice, Bob)
        **Discrepancies Addressed**:
        1. Missing tokenizer configuration
        2. Stale schema version
        **Implementation Order**:
        1. Tokenizer first - everything reads tokens
        2. Schema second - storage needs it
        **Files to Modify**:
        - `core/tokenizer.rs`
        - `core/schema.rs`

        #### Block 1.1: Tokenizer Core
        **Priority**: Critical
        **Dependencies**: None
        **Estimated Effort**: 1.5 days
        **Tasks**:
        - Implement the tokenizer
        - Add normalisation
        **Files to Modify**:
        - `core/tokenizer.rs`

        #### Block 1.2: Schema Versioning
        **Priority:** High
        **Dependencies:** Block 1.1
        **Estimated Effort:** 2 weeks
        **Actual Effort:** 9 days
        **Status:** 🟢 COMPLETE

        ### Group 2: Storage
        Priority: High
        Dependencies: Group 1
        Estimated Effort: 1 day

        ### Block 2.1 - Segment Writer
        - Priority: Medium
        - Dependencies: Block 1.1, Block 1.2 (completed)
        - Estimated Effort: 1 day
        - Critical Path: Yes
        - Blockers: None
        """

    @Test func groupsWithTheirFields() throws {
        let plan = project(Self.plan).plan
        #expect(plan.groups.map(\.id) == ["1", "2"])
        let g1 = try #require(plan.group("1"))
        #expect(g1.title == "Core Types and Data Structures")
        #expect(g1.priority == "Critical")
        #expect(g1.dependencies.isEmpty)
        #expect(g1.estimate?.days == 5)
        #expect(g1.baselineEstimateDays == 3)
        #expect(g1.team == "Core Team (Alice, Bob)")
        #expect(g1.discrepanciesAddressed == ["Missing tokenizer configuration", "Stale schema version"])
        #expect(g1.implementationOrder == ["Tokenizer first - everything reads tokens", "Schema second - storage needs it"])
        #expect(g1.files == ["core/tokenizer.rs", "core/schema.rs"])
        #expect(g1.blockIDs == ["1.1", "1.2"])
        let g2 = try #require(plan.group("2"))
        #expect(g2.priority == "High", "plain `Key: value` fields")
        #expect(g2.dependencies.map(\.label) == ["Group 1"])
        #expect(g2.estimate?.days == 1)
    }

    @Test func blocksWithEveryFieldSyntax() throws {
        let plan = project(Self.plan).plan
        let b11 = try #require(plan.block("1.1"))
        #expect(b11.title == "Tokenizer Core")
        #expect(b11.groupID == "1")
        #expect(b11.status == .planned)
        #expect(b11.estimate?.days == 1.5)
        #expect(b11.dependencies.isEmpty)
        #expect(b11.tasks == ["Implement the tokenizer", "Add normalisation"])
        #expect(b11.files == ["core/tokenizer.rs"])
        #expect(b11.range?.start.line == 20)

        let b12 = try #require(plan.block("1.2"))
        #expect(b12.priority == "High", "`**Key:** value`")
        #expect(b12.dependencies.map(\.id) == ["1.1"])
        #expect(b12.estimate?.days == 10, "2 weeks = 10 working days")
        #expect(b12.actual?.days == 9)
        #expect(b12.progress == .complete)

        let b21 = try #require(plan.block("2.1"))
        #expect(b21.title == "Segment Writer", "a `###` block under a `###` group: levels float")
        #expect(b21.priority == "Medium", "`- Key: value` list fields")
        #expect(b21.dependencies.map(\.id) == ["1.1", "1.2"])
        #expect(b21.dependencies[1].annotation == "completed")
        #expect(b21.declaredCritical == true)
        #expect(b21.blockers == "None")
    }

    @Test func dependencyReferencesAreLocatedOnTheirLine() throws {
        let source = MarkedSource(
            """
            ### Group 1: Core
            #### Block 1.1: A
            **Estimated Effort**: 1 day
            #### Block 1.2: B
            **Dependencies**: 1️⃣Block 1.1, 2️⃣Group 1
            **Estimated Effort**: 1 day
            """)
        let block = try #require(project(source.text).plan.block("1.2"))
        #expect(block.dependencies.map { $0.range?.start } == [source.location(of: "1️⃣"), source.location(of: "2️⃣")])
    }

    /// Values keep their inner spaces and lose the surrounding ones, ASCII or not (a
    /// no-break space pasted from a word processor, an ideographic space).
    @Test func fieldValuesAreTrimmedOfAnyWhiteSpace() throws {
        let plan = project(
            """
            # Plan

            ### Group 1: Core

            #### Block 1.1: Tokenizer
            **Priority**:\u{00A0}High\u{00A0}
            **Assigned Team**: \tCore Team (Alice)\u{3000}
            **Blockers**: \u{3000}\u{00A0}
            **Estimated Effort**:  2 days\t
            """
        ).plan
        let block = try #require(plan.block("1.1"))
        #expect(block.priority == "High")
        #expect(block.fields.first { $0.key == "Assigned Team" }?.value == "Core Team (Alice)")
        #expect(block.fields.first { $0.key == "Blockers" }?.value == "")
        #expect(block.estimate?.days == 2)
    }

    /// Two dependency fields in one definition add up; a later document's definition replaces them.
    @Test func dependencyFieldsOfOneDefinitionAddUp() throws {
        let plan = project(
            (
                "01-plan.md",
                """
                ## Group 1: A
                ### Block 1.1: One
                **Effort**: 1 day
                ### Block 1.2: Two
                **Effort**: 1 day
                ### Block 1.3: Three
                **Dependencies**: Block 1.1
                **Requires**: Block 1.2, Block 1.1
                **Effort**: 1 day
                """
            )
        ).plan
        #expect(try #require(plan.block("1.3")).dependencies.map(\.id) == ["1.1", "1.2"])
        let revised = project(
            (
                "01-plan.md",
                "## Group 1: A\n### Block 1.1: One\n### Block 1.2: Two\n### Block 1.3: Three\n**Depends on**: 1.1\n**Requires**: 1.2\n"
            ),
            ("02-iteration-1.md", "# Iteration 1\n### Block 1.3: Three (REVISED)\n**Dependencies**: Block 1.2\n")
        ).plan
        #expect(try #require(revised.block("1.3")).dependencies.map(\.id) == ["1.2"])
    }

    /// A word-like id alone is an item only when the plan has it: `M1` is, `HTTP2` and `S3` are prose.
    @Test func wordLikeNamesInDependenciesAreItemsOnlyWhenDefined() throws {
        let loaded = project(
            """
            ## Phase 1: Setup
            ### M1: Transport
            - Effort: 2d
            - Depends on: HTTP2 support in the proxy, S3 bucket policy
            ### 1.2 Client
            - Effort: 1d
            - Depends on: M1, T-9
            """)
        #expect(try #require(loaded.plan.block("M1")).dependencies.isEmpty)
        #expect(try #require(loaded.plan.block("1.2")).dependencies.map(\.id) == ["M1", "T-9"])
        #expect(
            loaded.diagnostics.filter { $0.code == .unknownBlockReference }.map(\.message)
                == ["Block 1.2 depends on Block T-9, which no document defines"])
    }

    @Test func effortGrammar() {
        #expect(Effort.parse("1 day")?.days == 1)
        #expect(Effort.parse("0.5 days")?.days == 0.5)
        #expect(Effort.parse("2 weeks")?.days == 10)
        #expect(Effort.parse("1 week")?.days == 5)
        #expect(Effort.parse("4 hours")?.days == 0.5)
        #expect(Effort.parse("1-2 days").map { [$0.minimumDays, $0.days, $0.maximumDays] } == [1, 1.5, 2])
        #expect(Effort.parse("2-day buffer")?.days == 2)
        #expect(Effort.parse("~3 days")?.days == 3)
        let revised = Effort.parse("5 days (increased from 3 days)")
        #expect(revised?.days == 5)
        #expect(revised?.previousDays == 3)
        #expect(Effort.parse("soon") == nil)
        #expect(Effort.parse("3 bananas") == nil)
        // Halves and articles, as plans write them.
        #expect(Effort.parse("half a day")?.days == 0.5)
        #expect(Effort.parse("Half-day")?.days == 0.5)
        #expect(Effort.parse("½ day")?.days == 0.5)
        #expect(Effort.parse("1½ days")?.days == 1.5)
        #expect(Effort.parse("a week")?.days == 5)
        #expect(Effort.parse("an hour")?.days == 0.125)
        #expect(Effort.parse("a lot") == nil)
        // A comma before one or two digits is a decimal comma; before three, a thousands separator.
        #expect(Effort.parse("1,5 dagar")?.days == 1.5)
        #expect(Effort.parse("2,25 dni")?.days == 2.25)
        // German person-days in capitals; story points in lower case are not guessed.
        #expect(Effort.parse("5 PT")?.days == 5)
        #expect(Effort.parse("3 MT")?.days == 3)
        #expect(Effort.parse("5 pt") == nil)
        #expect(Effort.parse("S (~2h)")?.days == 0.25)
        #expect(Effort.parse("1,000 hours")?.days == 125)
        #expect(Effort.parse("3日")?.days == 3)
        #expect(Effort.parse("16時間")?.days == 2)
        #expect(Effort.parse("1 tydzień")?.days == 5)
    }

    /// Numbers are read as the nearest double to what is written, as `Double("…")` reads them,
    /// with thousands separators and past the 15 digits read exactly as an integer.
    @Test func effortNumbersAreReadExactly() {
        for written in [
            "0.1", "0.3", "2.675", "19.5", "1,234.5", "0.000000000000001", "123456789012345",
            "1234567890123456789", "3.14159265358979323846",
        ] {
            let expected = Double(written.filter { $0 != "," })
            // Efforts and figures share the reader; efforts stop at 10,000 days.
            #expect(Quantity.parse(written + " ms")?.value == expected, "\(written)")
            if let expected, expected <= Effort.maximumDays {
                #expect(Effort.parse(written + " days")?.days == expected, "\(written)")
            } else {
                #expect(Effort.parse(written + " days") == nil, "\(written)")
            }
        }
        #expect(Effort.parse("4 hours (was 1 day)")?.previousDays == 1)
        #expect(Effort.parse("2 days (was sooner)")?.previousDays == nil)
        #expect(Effort.parse("2 days (ça dépend)")?.previousDays == nil)
    }

    /// Status emoji typed with the emoji variation selector (U+FE0F, which many keyboards and
    /// editors add) read as they do without it, and the selector leaves no trace in titles.
    @Test func statusEmojiWithVariationSelector() {
        let plan = project(
            """
            ### Group 1: Core
            #### Block 1.1: Parser ✅\u{FE0F}
            **Estimated Effort**: 1 day
            **Status**: ✅\u{FE0F}
            #### Block 1.2: Writer
            **Estimated Effort**: 1 day
            **Status**: 🔴\u{FE0F} waiting for the schema
            """
        ).plan
        #expect(plan.block("1.1")?.progress == .complete)
        #expect(plan.block("1.2")?.progress == .blocked)
        #expect(plan.block("1.1")?.title.unicodeScalars.contains("\u{FE0F}") == false)
    }

    @Test func blockAndGroupAsOrdinaryWords() {
        let loaded = project(
            """
            ### Group 1: Core
            #### Block 1.1: Block Builder Cache
            **Estimated Effort**: 1 day
            The block cache holds a group of workers; Block → Consensus is data flow.

            ### Block Structure Enhancement (Revised)
            ### Group: Consensus
            """)
        #expect(loaded.plan.blocks.map(\.id) == ["1.1"])
        #expect(loaded.plan.groups.map(\.id) == ["1"])
        #expect(loaded.diagnostics.isEmpty)
    }

    @Test func referenceScannerForms() {
        let text = "Blocks 1.1 and 1.2, Groups 2 & 3, Groups 4-6, block 7.1a, version 1.2.3, Group 3.4"
        let loaded = project("### Group 1: X\n#### Block 1.1: Y\n**Estimated Effort**: 1 day\n\n" + text + "\n")
        let mentions = loaded.plan.documents.flatMap { $0.mentions() }.filter { $0.range?.start.line == 5 }.map(\.label)
        #expect(mentions == ["Block 1.1", "Block 1.2", "Group 2", "Group 3", "Group 4", "Group 5", "Group 6", "Block 7.1a"])
    }

    /// A fourth-pass block definition: a bold line and list-item fields below it.
    @Test func boldLineBlockDefinition() throws {
        let plan = project(
            """
            ## Next Block Selection

            **Block 1.3: Transaction Dependency Enhancement**
            - Priority: High
            - Dependencies: Block 1.2 (completed)
            - Estimated Effort: 2 days
            - Critical Path: Yes

            **Block 1.2: Other**
            - Estimated Effort: 1 day
            """
        ).plan
        let block = try #require(plan.block("1.3"))
        #expect(block.title == "Transaction Dependency Enhancement")
        #expect(block.estimate?.days == 2)
        #expect(block.dependencies.map(\.id) == ["1.2"])
        #expect(block.declaredCritical == true)
        #expect(plan.group("1")?.isImplicit == true)
    }

    @Test func fieldValueOnTheNextLine() throws {
        let plan = project(
            """
            ### Group 3: Storage
            **Priority**: High
            **Revised Timeline Impact**:
            Adds two days for the adapter layer.
            **Estimated Effort**: 4 days
            """
        ).plan
        let group = try #require(plan.group("3"))
        #expect(group.fields.first { $0.key == "Revised Timeline Impact" }?.value == "Adds two days for the adapter layer.")
        #expect(group.estimate?.days == 4)
    }
}
