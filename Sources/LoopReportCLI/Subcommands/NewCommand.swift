import ArgumentParser
import LoopReportAuthoring
import LoopReportModel
import LoopReportPipeline
import LoopReportSource

#if canImport(Glibc)
import Glibc
#endif

/// `loopreport new KIND`: a new document pre-filled from the project's current state.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new document, pre-filled from the project's current state.",
        subcommands: [NewIterationCommand.self])

    func run() throws {
        throw ValidationError("say which document to write: loopreport new iteration [DIR]")
    }
}

/// `loopreport new iteration [DIR] [--title …] [--date YYYY-MM-DD]`.
struct NewIterationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iteration",
        abstract: "Write the next loop iteration document, pre-filled from the plan as it stands.",
        discussion: """
            Writes NN-iteration-N.md into the content directory, numbered after the documents there, with \
            every group's completion, a Timeline Adjustments table of the current estimates, a Validation \
            Checklist and a Decision Log row with the next free id. Never overwrites a file.
            """)

    @Argument(help: "The content directory (default: content).")
    var directory: String?

    @Option(help: "The document's title (default: Loop Iteration N).")
    var title: String?

    @Option(help: "The document's date (YYYY-MM-DD; default: today).")
    var date: String?

    func validate() throws {
        try validateDateOption(date)
    }

    func run() throws {
        let root = directory.map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? NewProject.contentDirectory
        guard ProjectFiles.isDirectory(root) else {
            if directory == nil {
                throw CommandError(
                    "no content directory here; give one (loopreport new iteration DIR) or create a project with loopreport init")
            }
            throw CommandError("content directory '\(root)' does not exist or is not a directory")
        }
        // A project directory as `init` makes it (`DIR/content/…`) is not a content directory:
        // its documents would be read without their settings, and the new one written beside them.
        let nested = root + "/" + NewProject.contentDirectory
        if !ProjectFiles.exists(root + "/" + ContentLoader.configFileName), ProjectFiles.isDirectory(nested) {
            let inner = ContentLoader.discover(root: nested)
            if inner.config != nil || !inner.documents.isEmpty {
                throw CommandError(
                    "'\(root)' is a project directory; its content directory is '\(nested)' "
                        + "(loopreport new iteration \(ProjectFiles.shellQuoted(nested)))")
            }
        }
        let found = ContentLoader.discover(root: root)
        guard !found.documents.isEmpty else {
            throw CommandError("'\(root)' holds no documents to continue; create a project with loopreport init")
        }
        let loaded = Pipeline.load(root: root)
        KeepUntilExit.hold(loaded)
        let errors = loaded.diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            Terminal.writeError(
                "note: the project has \(errors) error\(errors == 1 ? "" : "s") (loopreport check \(ProjectFiles.shellQuoted(root)) lists them); the new document reflects what could be read\n"
            )
        }
        let day = try dateOption(date) ?? Self.today()
        let next: NextIteration
        do {
            next = try NextIteration.make(
                plan: loaded.plan, analysis: loaded.analysis, title: title, date: day,
                documentPaths: found.documents)
        } catch {
            throw CommandError(error.description)
        }
        let path = root + "/" + next.path
        try ProjectFiles.writeNew(path, next.text)
        let groups = next.progress.count
        let text = """
            Wrote \(path) (\(next.title), \(day)):
              progress of \(groups) group\(groups == 1 ? "" : "s"), a Timeline Adjustments table of the current estimates,
              a Validation Checklist and decision \(next.decisionID) in the Decision Log, to fill in.
            Then: loopreport check\(directory == nil ? "" : " " + ProjectFiles.shellQuoted(root))

            """
        Terminal.write(text)
    }

    /// Today's date in the local time zone: the only place the authoring commands read the clock.
    static func today() -> CalendarDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }
}
