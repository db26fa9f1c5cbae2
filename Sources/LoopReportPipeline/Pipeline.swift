import LoopReportAnalysis
import LoopReportMarkdown
import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// Where a project was read from.
package enum ProjectOrigin: Sendable, Equatable, CustomStringConvertible {
    /// A content directory: its config, documents and `templates/` are read from there.
    case directory(String)
    /// The example compiled into the binary (`content/`): what commands read without a content directory.
    case builtInExample
    /// Files handed over in memory (tests, generated plans, the fuzzer).
    case memory

    /// The content directory; nil for a project that has none on disk.
    package var directory: String? {
        if case .directory(let path) = self { path } else { nil }
    }

    package var description: String {
        switch self {
        case .directory(let path): path
        case .builtInExample: "(built-in example)"
        case .memory: "(in memory)"
        }
    }
}

/// A project read from disk: sources, the plan and every diagnostic, in display order.
package struct LoadedProject: Sendable {
    package var origin: ProjectOrigin
    package var sources: [String: SourceFile]
    package var plan: Plan
    package var analysis: Analysis
    package var diagnostics: [Diagnostic]
    /// Wall time of each stage, in order: reading and modelling, then analysis.
    package var timings: [(stage: String, duration: Duration)]
    /// Sub-folders (relative to `root`) that are projects of their own, not read into this one.
    package var subprojects: [String] = []
    package var documentCount: Int { plan.documents.count }
}

/// The stages in order. `check` is load → parse → model; later stages append to it.
package enum Pipeline {
    package static func load(root: String) -> LoadedProject {
        let started = ContinuousClock.now
        let found = ContentLoader.discover(root: root)
        // The config first: its vocabulary says how documents are read.
        let (config, configDiagnostics) = readConfig(root: root, path: found.config)
        let (vocabulary, vocabularyDiagnostics) = Vocabulary.read(config: config)
        struct Loading: Sendable {
            var files: [SourceFile] = []
            var recognized: [RecognizedDocument] = []
            var diagnostics: [Diagnostic]
            var assembly = PlanAssembly()
        }
        // Each worker reads, validates, parses and recognises one document at a time; each
        // document is applied to the plan, in path order, as soon as the ones before it are.
        var loaded = parallelFold(found.documents, into: Loading(diagnostics: found.diagnostics)) { relative in
            ContentLoader.readDocument(root: root, relative: relative).map {
                ($0, PlanBuilder.recognize(CmarkParser.parse($0), vocabulary: vocabulary))
            }
        } fold: { loading, outcome in
            switch outcome {
            case .success(let (file, document)):
                loading.files.append(file)
                loading.recognized.append(document)
                loading.assembly.apply(document)
            case .failure(let diagnostic): loading.diagnostics.append(diagnostic)
            }
        }
        // Path order is usually the plan's order (`01-plan.md`, `02-progress.md`…); when the
        // documents' kinds and numbers say otherwise, they are applied again in their order.
        let order = PlanBuilder.documentOrder(loaded.recognized, listed: ProjectSettings.documentOrder(config: config))
        if order != Array(order.indices) {
            loaded.assembly = PlanAssembly(applying: order.map { loaded.recognized[$0] })
            loaded.files = order.map { loaded.files[$0] }
        }
        loaded.recognized = []
        var diagnostics = loaded.diagnostics
        // A folder holding only sub-projects is not an empty project: it has nothing of its own.
        if found.subprojects.isEmpty || !loaded.files.isEmpty {
            diagnostics += ContentLoader.emptyContentCheck(root: root, documents: loaded.files.count, diagnostics: diagnostics)
        }
        var project = assemble(
            files: loaded.files, assembly: &loaded.assembly, config: config, origin: .directory(root),
            inputDiagnostics: diagnostics + configDiagnostics + vocabularyDiagnostics, started: started)
        project.subprojects = found.subprojects
        return project
    }

    /// Every project in a content tree: the root's, then each sub-folder that is a project of
    /// its own (`ContentLoader.isProject`), and theirs, each read on its own; `relative` is
    /// the project's folder inside `root` ("" for the root). The root is left out when it
    /// holds no document of its own but has sub-projects.
    package static func loadProjects(root: String) -> [(relative: String, project: LoadedProject)] {
        var projects: [(relative: String, project: LoadedProject)] = []
        var pending = [""]
        while !pending.isEmpty {
            let relative = pending.removeFirst()
            let project = load(root: relative.isEmpty ? root : root + "/" + relative)
            if !(project.documentCount == 0 && !project.subprojects.isEmpty) { projects.append((relative, project)) }
            pending += project.subprojects.map { relative.isEmpty ? $0 : relative + "/" + $0 }
        }
        return projects
    }

    /// The config file, read before the documents; nil when there is none.
    static func readConfig(root: String, path: String?) -> (SourceFile?, [Diagnostic]) {
        guard let path else { return (nil, []) }
        switch ContentLoader.readDocument(root: root, relative: path) {
        case .success(let file): return (file, [])
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
    }

    /// With the documents read and recognised (the project cache's): applies them, then `assemble`.
    static func assemble(
        files: [SourceFile], documents: [RecognizedDocument], config: SourceFile?, root: String,
        inputDiagnostics: [Diagnostic], started: ContinuousClock.Instant
    ) -> LoadedProject {
        let order = PlanBuilder.documentOrder(documents, listed: ProjectSettings.documentOrder(config: config))
        var assembly = PlanAssembly(applying: order.map { documents[$0] })
        let files = order.map { files[$0] }
        var diagnostics = inputDiagnostics
        diagnostics += ContentLoader.emptyContentCheck(root: root, documents: files.count, diagnostics: diagnostics)
        return assemble(
            files: files, assembly: &assembly, config: config, origin: .directory(root),
            inputDiagnostics: diagnostics, started: started)
    }

    /// Parses and models already-loaded files (tests, generated corpora).
    package static func model(
        files: [SourceFile], config: SourceFile? = nil, origin: ProjectOrigin = .memory,
        inputDiagnostics: [Diagnostic] = []
    ) -> LoadedProject {
        let started = ContinuousClock.now
        let (vocabulary, vocabularyDiagnostics) = Vocabulary.read(config: config)
        let recognized = parallelMap(files) { PlanBuilder.recognize(CmarkParser.parse($0), vocabulary: vocabulary) }
        let order = PlanBuilder.documentOrder(recognized, listed: ProjectSettings.documentOrder(config: config))
        var assembly = PlanAssembly(applying: order.map { recognized[$0] })
        return assemble(
            files: order.map { files[$0] }, assembly: &assembly, config: config, origin: origin,
            inputDiagnostics: inputDiagnostics + vocabularyDiagnostics, started: started)
    }

    /// Model, settings and analysis from the applied documents. The assembly is finished in
    /// place: a copy would share its blocks, and finishing would then copy every one.
    static func assemble(
        files: [SourceFile], assembly: inout PlanAssembly, config: SourceFile?, origin: ProjectOrigin,
        inputDiagnostics: [Diagnostic], started: ContinuousClock.Instant
    ) -> LoadedProject {
        let (plan, modelDiagnostics) = assembly.finish()
        let modelled = ContinuousClock.now
        let (settings, settingsDiagnostics) = ProjectSettings.read(
            config: config,
            frontMatter: plan.documents.first?.frontMatter ?? [:])
        let (analysis, analysisDiagnostics) = Analyzer.analyze(plan, settings: settings)
        let timings = [("read, parse and model", modelled - started), ("analysis", ContinuousClock.now - modelled)]
        var sources: [String: SourceFile] = [:]
        for file in files + (config.map { [$0] } ?? []) { sources[file.path] = file }
        let diagnostics = inputDiagnostics + modelDiagnostics + settingsDiagnostics + analysisDiagnostics
        return LoadedProject(
            origin: origin, sources: sources, plan: plan, analysis: analysis,
            diagnostics: diagnostics.sortedForDisplay(), timings: timings)
    }
}
