import ArgumentParser

enum ColorMode: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

/// Where the content is.
struct ProjectOptions: ParsableArguments {
    @Argument(help: "The content directory (default: content).")
    var directory: String = "content"
}

/// How diagnostics are reported and what fails the command.
struct DiagnosticOptions: ParsableArguments {
    @Flag(help: "Treat warnings as errors for the exit status.")
    var strict = false

    @Option(help: "Colour diagnostics: auto (terminal, unless NO_COLOR is set), always, never.")
    var color: ColorMode = .auto
}
