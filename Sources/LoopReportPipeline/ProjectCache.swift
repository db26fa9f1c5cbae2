import LoopReportMarkdown
import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// Loads a project again after edits, re-parsing only the documents whose bytes changed:
/// what `serve` does on every save. The plan and its analysis are rebuilt from the
/// recognised documents (both are fast next to parsing).
/// Not thread-safe: one load at a time (the preview server holds it under a lock).
package final class ProjectCache {
    private struct Entry: Sendable {
        var bytes: [UInt8]
        var file: SourceFile
        var recognized: RecognizedDocument
    }
    private var documents: [String: Entry] = [:]
    /// The vocabulary the cached documents were read with: when loopreport.yml changes it,
    /// every document is read again.
    private var vocabulary = Vocabulary.standard
    /// How many documents the last load parsed (the rest came from the cache).
    package private(set) var parsedLastTime = 0

    package init() {}

    package func load(root: String) -> LoadedProject {
        let started = ContinuousClock.now
        let found = ContentLoader.discover(root: root)
        let (config, configDiagnostics) = Pipeline.readConfig(root: root, path: found.config)
        let (vocabulary, vocabularyDiagnostics) = Vocabulary.read(config: config)
        if vocabulary != self.vocabulary { documents = [:] }
        self.vocabulary = vocabulary
        var diagnostics = found.diagnostics
        let cached = documents
        let outcomes = parallelMap(found.documents) { relative -> Result<(String, [UInt8], SourceFile?, RecognizedDocument?), Diagnostic> in
            ContentLoader.read(root + "/" + relative, relative: relative).flatMap { bytes in
                if let entry = cached[relative], entry.bytes == bytes {
                    return .success((relative, bytes, nil, nil))
                }
                return SourceFile.decode(path: relative, bytes: bytes).map { file in
                    (relative, bytes, file, PlanBuilder.recognize(CmarkParser.parse(file), vocabulary: vocabulary))
                }
            }
        }
        var files: [SourceFile] = [], recognized: [RecognizedDocument] = []
        var next: [String: Entry] = [:]
        parsedLastTime = 0
        for outcome in outcomes {
            switch outcome {
            case .success(let (relative, bytes, file, document)):
                let entry = file.map { Entry(bytes: bytes, file: $0, recognized: document!) } ?? documents[relative]!
                if file != nil { parsedLastTime += 1 }
                next[relative] = entry
                files.append(entry.file)
                recognized.append(entry.recognized)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }
        documents = next
        return Pipeline.assemble(
            files: files, documents: recognized, config: config, root: root,
            inputDiagnostics: diagnostics + configDiagnostics + vocabularyDiagnostics, started: started)
    }
}
