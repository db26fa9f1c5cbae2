import ArgumentParser
import LoopReportModel
import LoopReportPipeline

#if canImport(Glibc)
import Glibc
#endif

enum ColorMode: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

/// Where the content is.
struct ProjectOptions: ParsableArguments {
    @Argument(help: "The content directory (default: content; without one, the built-in example project).")
    var directory: String?

    /// Loads the given directory, else `content`, else the example compiled into the binary.
    /// Sub-folders that are projects of their own are named in a note: this command reads one.
    func load() -> LoadedProject {
        guard let root = contentRoot else {
            Terminal.writeError("note: no content directory here; using the built-in example project\n")
            return ExampleProject.load()
        }
        let loaded = Pipeline.load(root: root)
        if !loaded.subprojects.isEmpty {
            let one = loaded.subprojects.count == 1
            Terminal.writeError(
                "note: \(loaded.subprojects.map { "'\($0)'" }.joined(separator: ", ")) in '\(root)' "
                    + (one
                        ? "is a project of its own (it has its own loopreport.yml or plan); give its folder"
                        : "are projects of their own (each has its own loopreport.yml or plan); give a project's folder")
                    + " to this command to read it (check and build read every project)\n")
        }
        return loaded
    }

    /// Every project of the content tree (`Pipeline.loadProjects`), or the built-in example.
    func loadAll() -> [(relative: String, project: LoadedProject)] {
        guard let root = contentRoot else {
            Terminal.writeError("note: no content directory here; using the built-in example project\n")
            return [("", ExampleProject.load())]
        }
        return Pipeline.loadProjects(root: root)
    }

    /// The content directory: the one given, else `content` when it exists; nil for the example.
    var contentRoot: String? {
        if let directory { return directory }
        var info = stat()
        return stat("content", &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR ? "content" : nil
    }
}

/// How diagnostics are reported and what fails the command.
struct DiagnosticOptions: ParsableArguments {
    @Flag(help: "Treat warnings as errors for the exit status.")
    var strict = false

    @Option(help: "Colour diagnostics: auto (terminal, unless NO_COLOR is set), always, never.")
    var color: ColorMode = .auto
}

/// Checks a date option while the command line is parsed (from a command's `validate()`):
/// a bad date is a usage error in every command, exit status 2 with the command's usage,
/// before anything is read or written.
func validateDateOption(_ text: String?, name: String = "--date") throws {
    do { _ = try dateOption(text, name: name) } catch { throw ValidationError("\(error)") }
}

/// The value of a date option (`--date 2026-03-02`); nil when the option is not given.
func dateOption(_ text: String?, name: String = "--date") throws -> CalendarDate? {
    try text.map { text in
        guard let day = CalendarDate(text) else { throw CommandError("\(name) must be a date like 2026-03-02, not '\(text)'") }
        return day
    }
}
