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
    func load() -> LoadedProject {
        if let directory { return Pipeline.load(root: directory) }
        var info = stat()
        if stat("content", &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return Pipeline.load(root: "content") }
        Terminal.writeError("note: no content directory here; using the built-in example project\n")
        return ExampleProject.load()
    }
}

/// How diagnostics are reported and what fails the command.
struct DiagnosticOptions: ParsableArguments {
    @Flag(help: "Treat warnings as errors for the exit status.")
    var strict = false

    @Option(help: "Colour diagnostics: auto (terminal, unless NO_COLOR is set), always, never.")
    var color: ColorMode = .auto
}

/// The value of a date option (`--date 2026-03-02`); nil when the option is not given.
func dateOption(_ text: String?, name: String = "--date") throws -> CalendarDate? {
    try text.map { text in
        guard let day = CalendarDate(text) else { throw CommandError("\(name) must be a date like 2026-03-02, not '\(text)'") }
        return day
    }
}
