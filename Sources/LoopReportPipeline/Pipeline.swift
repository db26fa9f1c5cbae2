import LoopReportAnalysis
import LoopReportMarkdown
import LoopReportModel
import LoopReportSource

/// A project read from disk: sources, the plan and every diagnostic, in display order.
public struct LoadedProject: Sendable {
    public var root: String
    public var sources: [String: SourceFile]
    public var plan: Plan
    public var analysis: Analysis
    public var diagnostics: [Diagnostic]
    /// Wall time of each stage, in order: reading and modelling, then analysis.
    public var timings: [(stage: String, duration: Duration)]
    public var documentCount: Int { plan.documents.count }
}

/// The stages in order. `check` is load → parse → model; later stages append to it.
public enum Pipeline {
    public static func load(root: String) -> LoadedProject {
        let started = ContinuousClock.now
        let found = ContentLoader.discover(root: root)
        // Each worker reads, validates, parses and recognises one document at a time.
        let read = parallelMap(found.documents) { relative -> Result<(SourceFile, RecognizedDocument), Diagnostic> in
            ContentLoader.readDocument(root: root, relative: relative).map { ($0, PlanBuilder.recognize(CmarkParser.parse($0))) }
        }
        var files: [SourceFile] = [], documents: [RecognizedDocument] = [], diagnostics = found.diagnostics
        for outcome in read {
            switch outcome {
            case .success(let (file, document)): files.append(file); documents.append(document)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        return assemble(files: files, documents: documents, configPath: found.config, root: root, inputDiagnostics: diagnostics,
                        started: started)
    }

    /// With the documents read: the empty-content check, the config file, then `assemble`.
    static func assemble(files: [SourceFile], documents: [RecognizedDocument], configPath: String?, root: String,
                         inputDiagnostics: [Diagnostic], started: ContinuousClock.Instant) -> LoadedProject {
        var diagnostics = inputDiagnostics
        diagnostics += ContentLoader.emptyContentCheck(root: root, documents: files.count, diagnostics: diagnostics)
        var config: SourceFile?
        if let path = configPath {
            switch ContentLoader.readDocument(root: root, relative: path) {
            case .success(let file): config = file
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        return assemble(files: files, documents: documents, config: config, root: root, inputDiagnostics: diagnostics,
                        started: started)
    }

    /// Parses and models already-loaded files (tests, generated corpora).
    public static func model(files: [SourceFile], config: SourceFile? = nil, root: String = "",
                             inputDiagnostics: [Diagnostic] = []) -> LoadedProject {
        // Parsing is serialised inside CmarkParser; recognising a document is pure, so each
        // worker parses one document and reads it while the other parses the next.
        let started = ContinuousClock.now
        let documents = parallelMap(files) { PlanBuilder.recognize(CmarkParser.parse($0)) }
        return assemble(files: files, documents: documents, config: config, root: root, inputDiagnostics: inputDiagnostics,
                        started: started)
    }

    /// Model, settings and analysis from recognised documents.
    static func assemble(files: [SourceFile], documents: [RecognizedDocument], config: SourceFile?, root: String,
                                 inputDiagnostics: [Diagnostic], started: ContinuousClock.Instant) -> LoadedProject {
        let (plan, modelDiagnostics) = PlanBuilder.build(documents)
        let modelled = ContinuousClock.now
        let (settings, settingsDiagnostics) = ProjectSettings.read(config: config,
                                                                   frontMatter: plan.documents.first?.frontMatter ?? [:])
        let (analysis, analysisDiagnostics) = Analyzer.analyze(plan, settings: settings)
        let timings = [("read, parse and model", modelled - started), ("analysis", ContinuousClock.now - modelled)]
        var sources: [String: SourceFile] = [:]
        for file in files + (config.map { [$0] } ?? []) { sources[file.path] = file }
        let diagnostics = inputDiagnostics + modelDiagnostics + settingsDiagnostics + analysisDiagnostics
        return LoadedProject(root: root, sources: sources, plan: plan, analysis: analysis,
                             diagnostics: diagnostics.sortedForDisplay(), timings: timings)
    }
}
