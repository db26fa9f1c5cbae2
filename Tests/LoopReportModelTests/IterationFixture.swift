import LoopReportTestSupport

/// A loop-iteration document with every construct of an iteration in the core dialect
/// (docs/format.md), in our own words and with figures that agree, plus the plan it revises.
enum IterationFixture {
    static let plan = """
        # Consolidated Ledger Plan 3.0

        ## Implementation Groups

        ### Group 1: Core Types
        **Estimated Effort**: 5 days

        #### Block 1.1: Security Level Core
        **Dependencies**: None
        **Estimated Effort**: 2 days

        ### Group 2: Block Builder
        **Dependencies**: Group 1
        **Estimated Effort**: 4 days

        #### Block 2.3: Builder Pipeline
        **Dependencies**: Block 1.1
        **Estimated Effort**: 2 days

        ### Group 3: Signatures
        **Dependencies**: Group 1
        **Estimated Effort**: 3 days

        #### Block 3.1: Key Registry
        **Dependencies**: Block 1.1
        **Estimated Effort**: 1 day

        #### Block 3.2: Signature Types
        **Dependencies**: Block 3.1
        **Estimated Effort**: 1 day

        #### Block 3.3: Linear Aggregation
        **Dependencies**: Block 3.2
        **Estimated Effort**: 1 day

        ### Group 4: Execution
        **Estimated Effort**: 4 days

        #### Block 4.1: Executor
        **Dependencies**: Block 2.3
        **Estimated Effort**: 2 days

        #### Block 4.3: Executor Cache
        **Dependencies**: Block 4.1, Block 3.3
        **Estimated Effort**: 2 days

        ### Group 5: Consensus
        **Estimated Effort**: 3 days

        #### Block 5.2: Finality
        **Dependencies**: Block 3.3
        **Estimated Effort**: 3 days

        ### Group 6: Integration
        **Estimated Effort**: 2 days

        #### Block 6.1: End-to-End Wiring
        **Dependencies**: Block 5.2
        **Estimated Effort**: 2 days
        """

    static let iteration = """
        # Loop Iteration 1

        ## Implementation Progress Assessment

        ### Completed Components
        - Core Types (Group 1): 100% complete
        - Block Builder (Group 2): 75% complete
        - Signatures (Group 3): 40% complete
        - Execution (Group 4): 20% complete

        ### Implementation Deviations
        - Signatures are slower than planned

        ### Pattern Analysis
        - Performance issues cluster in data-heavy code

        ### Overall Health Assessment
        - Timeline: 2 weeks behind schedule (25% delay)
        - Resource Usage: 30% above estimates

        ## New Discoveries During Fourth-Pass

        ### Architectural Issues
        - Aggregation cannot reach the validator count
        - Topology leaks into security levels

        ### Security Concerns
        - A race in level validation

        ## Root Cause Analysis

        ### Aggregation Scale Issue

        **Symptoms**:
        - Verification time explodes with validators
        - Memory exceeds limits past 100 validators

        **Root Causes**:
        1. **Primary Cause**: The algorithm is O(n²)
        2. **Contributing Factor**: Every signature is copied
        3. **Contributing Factor**: Batch verification is naive

        **Impact Assessment**:
        - Consensus performance suffers

        **Verification Method**:
        - Profiling shows 85% of time in signatures

        ## Continuation Strategy

        ### 1. Incremental Refinement
        Keep the approach, optimise it.

        **Example**: Micro-DAG construction needs batching.

        **Process**:
        - Keep the architecture
        - Add caching

        ### 2. Component Redesign
        Replace the internals, keep the interface.

        **Example**: Aggregation is redesigned.

        **Process**:
        - Maintain external interfaces

        ## Revised Technical Specifications

        ### Signature Aggregation (REVISED)

        #### Current Approach (PROBLEMATIC)
        ```rust
        fn aggregate(s: &[Sig]) -> Agg { s.iter().fold(Agg::new(), |a, x| a.add(x.clone())) }
        ```

        #### Revised Approach
        ```rust
        fn aggregate(s: &[Sig]) -> Agg { divide_and_conquer(s) }
        ```

        #### Optimization Details
        - Hierarchical aggregation reduces complexity

        #### Performance Expectations
        - 500+ validators under 100ms

        ## Revised Group 3: Hierarchical Signatures

        ### Issue Discovered:
        Linear aggregation cannot support more than 100 validators.

        ### New Implementation Blocks:

        #### Block 3.4: Validator Clustering (NEW)
        **Priority**: Critical
        **Dependencies**: Block 3.1, Block 3.2
        **Estimated Effort**: 1 day
        **Tasks**:
        - Cluster validators

        #### Block 3.5: Hierarchical Aggregation (NEW)
        **Priority**: Critical
        **Dependencies**: Block 3.4
        **Estimated Effort**: 1 day

        #### Block 5.2: Finality (REVISED)
        **Dependencies**: Block 3.5
        **Estimated Effort**: 4 days (increased from 3 days)

        #### Block 4.3: Executor Cache (REVISED)
        **Dependencies**: Block 4.1

        ### Removed Blocks:
        - Block 3.3: Linear Aggregation (no longer viable)

        ### Timeline Impact:
        Additional 3 days for Group 3 implementation

        ## Revised Timeline and Dependencies

        ### Updated Critical Path

        ```
        Block 1.1 → Block 3.4 → Block 3.5 → Block 5.2 → Block 6.1
           ↓
        Block 2.3 -> Block 4.1 -> Block 4.3
        ```

        ### Timeline Adjustments

        | Group | Original Estimate | Revised Estimate | Delta | Reason |
        |-------|-------------------|------------------|-------|--------|
        | Group 1 | 5 days | 5 days | - | Completed as estimated |
        | Group 2 | 4 days | 6 days | +2 | Builder complexity |
        | Group 3 | 3 days | 6 days | +3 | New aggregation blocks |
        | Group 4 | 4 days | 5 days | +1 | Integration complexity |
        | Group 5 | 3 days | 4 days | +1 | Security work |
        | Group 6 | 2 days | 3 days | +1 | More testing |

        **Overall Impact**: +8 days to original timeline

        ### Buffer Allocation
        - Add 2-day buffer after Group 3 (high risk)
        - Add 1-day buffer after Group 5 (integration risk)
        - Add 2-day buffer before final release (verification)

        **Total Buffer**: 5 days (not counted in timeline estimate)

        ## Enhanced Validation Checklist: Aggregation

        ### Functional Validation
        - [x] Verify aggregation with 10 validators
        - [ ] Verify aggregation with 500 validators (simulator)

        ### Performance Validation
        - [ ] Measure signature time (should be <5ms)

        ## Enhanced Integration Testing

        ### End-to-End Scenario: Security Level Progression

        **Scenario**: A transaction moves through all security levels

        **Components Involved**:
        - Transaction Pool
        - Consensus Engine

        **Validation Steps**:
        1. Submit a transaction
        2. Watch it progress

        **Expected Metrics**:
        - End-to-end time: <1s to Full security

        ## Implementation Results: Block 3.4 (Validator Clustering)

        ### Performance Measurements

        | Validator Count | Aggregation Time | Memory Usage | Network Traffic |
        |-----------------|------------------|--------------|-----------------|
        | 10 Validators   | 3ms              | 12MB         | 5KB             |
        | 50 Validators   | 12ms             | 28MB         | 18KB            |
        | 100 Validators  | 23ms             | 42MB         | 32KB            |
        | 500 Validators  | 112ms            | 128MB        | 145KB           |

        ### Scaling Characteristics
        - Aggregation time scales approximately as O(n log n)
        - Memory usage scales linearly with validator count

        ### Unexpected Findings
        - Key rotation requires recalculating clusters

        ## Reassessment Cycle: After Group 3

        ### Completion Analysis
        - Group 3 completed in 6 days (original estimate: 3 days, revised: 6 days)

        ### Expectation vs. Reality

        | Aspect | Expectation | Reality | Variance |
        |--------|-------------|---------|----------|
        | Performance | <100ms for 500 validators | 112ms for 500 validators | -12% |
        | Memory Usage | <100MB | 128MB | -28% |

        ### Lessons Learned
        1. Hierarchical aggregation worked
        2. Profile memory earlier

        ### Plan Adjustments for Remaining Groups
        1. Increase memory estimates by 30% for similar components

        \(GuidelineTables.adaptivePlanning)

        ## Documentation Updates

        ### New Documentation Created
        - Aggregation Deep Dive

        # Loop Process Decision Log

        | ID | Date | Issue | Decision | Rationale | Impact |
        |----|------|-------|----------|-----------|--------|
        | L1 | 2024-05-20 | Aggregation scaling | Hierarchical aggregation | Lower memory | +3 days, improved scaling |
        | L2 | 2024-05-22 | Memory spike | Streaming construction | Peak memory | +1 day, stable memory |
        """
}
