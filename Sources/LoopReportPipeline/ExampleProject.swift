import LoopReportSource

/// The example project in `content/`, compiled into the binary: what every command uses
/// when no content directory is given and there is none where it runs.
package enum ExampleProject {
    /// Path, bytes. Embedded resources are named after their file names; a test checks that
    /// this list matches `content/` exactly.
    package static let documents: [(path: String, bytes: [UInt8])] = [
        ("01-plan.md", PackageResources._1_plan_md),
        ("02-progress.md", PackageResources._2_progress_md),
        ("03-iteration-1.md", PackageResources._3_iteration_1_md),
        ("04-iteration-2.md", PackageResources._4_iteration_2_md),
        ("05-consolidation.md", PackageResources._5_consolidation_md),
    ]
    package static let config: (path: String, bytes: [UInt8]) = ("loopreport.yml", PackageResources.loopreport_yml)

    /// The example, read, modelled and analysed like a directory would be.
    package static func load() -> LoadedProject {
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for document in documents {
            switch SourceFile.decode(path: document.path, bytes: document.bytes) {
            case .success(let file): files.append(file)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        let configFile = try? SourceFile.decode(path: config.path, bytes: config.bytes).get()
        return Pipeline.model(files: files, config: configFile, origin: .builtInExample, inputDiagnostics: diagnostics)
    }
}
