/// What a section is about, from its heading text (trailing colon, glyphs and markers
/// stripped). Heading levels float between documents, so only the text decides.
package enum SectionKind: String, Sendable, Hashable, Codable, CaseIterable {
    // Plan structure.
    case overview, keyObjectives, implementationGroups, group, revisedGroup, block, newBlocks,
        removedBlocks, dependencyGraph, criticalPath, risks, milestones, testingRequirements,
        decisionLog, technicalSpecifications, migrationStrategy, timeline
    // Progress (fourth pass).
    case implementationProgress, completed, pending, progressMetrics, blockers,
        preImplementationValidation, postImplementationValidation, implementationNotes,
        blockStatus, dashboard, metricsStatus
    // Loop iteration.
    case progressAssessment, completedComponents, deviations, patternAnalysis, overallHealth,
        discoveries, discoveryCategory, rootCauseAnalysis, rootCause, continuationStrategy,
        strategy, revisedSpecifications, specification, currentApproach, revisedApproach,
        optimizationDetails, performanceExpectations, issueDiscovered, timelineImpact,
        revisedTimeline, timelineAdjustments, bufferAllocation, validationCriteria,
        validationChecklist, checklistCategory, integrationTesting, scenario, telemetry,
        testingStrategy, implementationResults, measurements, scalingCharacteristics,
        optimizationOpportunities, unexpectedFindings, reassessmentCycle, completionAnalysis,
        expectationVsReality, lessonsLearned, planAdjustments, adaptivePlanning,
        predictiveAccuracy, complexityAssessment, resourceAllocation, timelineProjections,
        documentationUpdates
    // Consolidation.
    case implementationSummary, approachEffectiveness, majorRevisions, architecturalEvolution,
        performanceAnalysis, targetVsAchieved, knowledgeCapture, operationalGuidance,
        relationshipToPasses
    /// Not recognised: rendered as prose.
    case other

    /// Exact heading names (normalised) and the prefixes that introduce a titled section.
    static let exactNames: [String: SectionKind] = [
        "overview": .overview, "update overview": .overview, "executive summary": .overview,
        "key objectives": .keyObjectives, "objectives": .keyObjectives,
        "implementation groups": .implementationGroups, "revised implementation groups": .implementationGroups,
        "group details": .implementationGroups,
        "new implementation blocks": .newBlocks, "new blocks": .newBlocks, "added blocks": .newBlocks,
        "removed blocks": .removedBlocks, "deferred blocks": .removedBlocks,
        "dependency graph": .dependencyGraph, "revised dependency graph": .dependencyGraph,
        "implementation dependency graph": .dependencyGraph, "block dependency graph": .dependencyGraph,
        "dependency analysis": .dependencyGraph, "dependencies": .dependencyGraph, "dependency map": .dependencyGraph,
        "dependency chain": .dependencyGraph, "dependency chains": .dependencyGraph, "task dependencies": .dependencyGraph,
        "dependency diagram": .dependencyGraph, "dependency overview": .dependencyGraph,
        "critical path": .criticalPath, "updated critical path": .criticalPath,
        "critical path analysis": .criticalPath, "revised critical path": .criticalPath,
        "risks": .risks, "risk mitigation": .risks, "risks and mitigation": .risks, "risk register": .risks,
        "technical risks": .risks, "schedule risks": .risks, "implementation risks": .risks,
        "risk and issue management": .risks, "integration risks": .risks, "performance risks": .risks,
        "milestones": .milestones, "timeline and milestones": .milestones, "key milestones": .milestones,
        "testing requirements": .testingRequirements, "quality checklist": .testingRequirements,
        "decision log": .decisionLog, "loop process decision log": .decisionLog, "decisions": .decisionLog,
        "technical specifications": .technicalSpecifications, "migration strategy": .migrationStrategy,
        "timeline and resources": .timeline, "implementation timeline": .timeline,
        "completed": .completed, "pending": .pending,
        "progress metrics": .progressMetrics,
        "blockers": .blockers, "current blockers": .blockers, "current blocking issues": .blockers,
        "implementation block status": .blockStatus, "block status": .blockStatus,
        "quality metrics": .metricsStatus, "metrics": .metricsStatus, "performance metrics": .metricsStatus,
        "implementation progress assessment": .progressAssessment, "progress assessment": .progressAssessment,
        "completed components": .completedComponents, "group progress": .completedComponents,
        "implementation deviations": .deviations, "deviations": .deviations,
        "pattern analysis": .patternAnalysis,
        "overall health assessment": .overallHealth, "overall health": .overallHealth, "health assessment": .overallHealth,
        "new discoveries during fourth pass": .discoveries, "new discoveries": .discoveries, "discoveries": .discoveries,
        "architectural issues": .discoveryCategory, "integration challenges": .discoveryCategory,
        "performance issues": .discoveryCategory, "security concerns": .discoveryCategory,
        "root cause analysis": .rootCauseAnalysis, "continuation strategy": .continuationStrategy,
        "revised technical specifications": .revisedSpecifications,
        "current approach": .currentApproach, "original approach": .currentApproach,
        "revised approach": .revisedApproach, "new approach": .revisedApproach,
        "optimization details": .optimizationDetails, "optimisation details": .optimizationDetails,
        "performance expectations": .performanceExpectations,
        "issue discovered": .issueDiscovered, "timeline impact": .timelineImpact,
        "revised timeline and dependencies": .revisedTimeline, "revised timeline": .revisedTimeline,
        "timeline adjustments": .timelineAdjustments, "buffer allocation": .bufferAllocation,
        "enhanced validation criteria": .validationCriteria, "validation criteria": .validationCriteria,
        "functional validation": .checklistCategory, "performance validation": .checklistCategory,
        "security validation": .checklistCategory, "integration validation": .checklistCategory,
        "enhanced integration testing": .integrationTesting, "integration testing": .integrationTesting,
        "implementation telemetry guidelines": .telemetry, "code instrumentation": .telemetry,
        "incremental testing strategy": .testingStrategy, "progressive load testing": .testingStrategy,
        "data diversity testing": .testingStrategy,
        "performance measurements": .measurements, "measurements": .measurements,
        "scaling characteristics": .scalingCharacteristics, "scalability characteristics": .scalingCharacteristics,
        "optimization opportunities": .optimizationOpportunities, "optimisation opportunities": .optimizationOpportunities,
        "unexpected findings": .unexpectedFindings,
        "completion analysis": .completionAnalysis,
        "expectation vs reality": .expectationVsReality, "expectation versus reality": .expectationVsReality,
        "lessons learned": .lessonsLearned, "lessons": .lessonsLearned,
        "plan adjustments for remaining groups": .planAdjustments, "plan adjustments": .planAdjustments,
        "adaptive planning metrics": .adaptivePlanning, "predictive accuracy": .predictiveAccuracy,
        "complexity assessment": .complexityAssessment, "resource allocation": .resourceAllocation,
        "timeline projections": .timelineProjections,
        "documentation updates": .documentationUpdates, "implementation plan updates": .documentationUpdates,
        "helper guide updates": .documentationUpdates, "new documentation created": .documentationUpdates,
        "implementation summary": .implementationSummary, "final consolidation": .implementationSummary,
        "approach effectiveness": .approachEffectiveness, "major revisions": .majorRevisions,
        "architectural evolution": .architecturalEvolution, "performance analysis": .performanceAnalysis,
        "target vs achieved performance": .targetVsAchieved, "target vs achieved": .targetVsAchieved,
        "knowledge capture": .knowledgeCapture, "operational guidance": .operationalGuidance,
        "relationship to other passes": .relationshipToPasses,
    ]

    /// Prefixes followed by a subject (`Root Cause` titles come from their parent instead).
    static let prefixes: [(String, SectionKind)] = [
        ("implementation progress", .implementationProgress),
        ("pre implementation validation", .preImplementationValidation),
        ("post implementation validation", .postImplementationValidation),
        ("implementation notes", .implementationNotes),
        ("implementation results", .implementationResults),
        ("enhanced validation checklist", .validationChecklist),
        ("validation checklist", .validationChecklist),
        ("end to end scenario", .scenario),
        ("scenario", .scenario),
        ("reassessment cycle", .reassessmentCycle),
        ("implementation dashboard", .dashboard),
        ("decision log", .decisionLog),
    ]

    /// Classifies a heading. `parent` is the enclosing section's kind, which names
    /// sections that have free titles (a root cause under "Root Cause Analysis").
    static func classify(_ title: String, parent: SectionKind?) -> SectionKind {
        let name = title.normalizedName
        if let kind = exactNames[name] { return kind }
        for (prefix, kind) in prefixes where name.hasPrefix(prefix) { return kind }
        if name.hasSuffix("validation checklist") { return .validationChecklist }
        switch parent {
        case .discoveries?: return .discoveryCategory
        case .rootCauseAnalysis?: return .rootCause
        case .continuationStrategy?: return .strategy
        case .revisedSpecifications?: return .specification
        case .integrationTesting?: return .scenario
        case .validationChecklist?, .validationCriteria?: return .checklistCategory
        default: break
        }
        // `Dependencies & Execution Order`, `Phase Dependencies`.
        if name.hasPrefix("dependencies ")
            || ["phase", "task", "story", "block", "item", "group", "step"].contains(where: {
                name.hasSuffix(" \($0) dependencies") || name == "\($0) dependencies"
            })
        {
            return .dependencyGraph
        }
        if name.hasSuffix("risks") { return .risks }
        if name.hasSuffix("lessons learned") { return .lessonsLearned }
        return .other
    }
}
