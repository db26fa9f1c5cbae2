import LoopReportMarkdown
import LoopReportModel
import LoopReportSource

/// A project read from disk: sources, the plan and every diagnostic, in display order.
public struct LoadedProject: Sendable {
    public var root: String
    public var sources: [String: SourceFile]
    public var plan: Plan
    public var diagnostics: [Diagnostic]
    public var documentCount: Int { plan.documents.count }
}

/// The stages in order. `check` is load → parse → model; later stages append to it.
public enum Pipeline {
    public static func load(root: String) -> LoadedProject {
        let content = ContentLoader.load(root: root)
        return model(files: content.files, root: root, inputDiagnostics: content.diagnostics)
    }

    /// Parses and models already-loaded files (tests, generated corpora).
    public static func model(files: [SourceFile], root: String = "", inputDiagnostics: [Diagnostic] = []) -> LoadedProject {
        // Parsing is serialised inside CmarkParser; recognising a document is pure, so each
        // worker parses one document and reads it while the other parses the next.
        let documents = parallelMap(files) { PlanBuilder.recognize(CmarkParser.parse($0)) }
        let (plan, modelDiagnostics) = PlanBuilder.build(documents)
        var sources: [String: SourceFile] = [:]
        for file in files { sources[file.path] = file }
        return LoadedProject(root: root, sources: sources, plan: plan,
                             diagnostics: (inputDiagnostics + modelDiagnostics).sortedForDisplay())
    }
}
