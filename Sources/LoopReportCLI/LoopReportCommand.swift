import ArgumentParser

/// The `loopreport` command: subcommands for checking, exporting and building reports.
package struct LoopReportCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "loopreport",
        abstract: "Turn loop-process Markdown plans into checked, scheduled report sites.",
        version: "0.1.0",
        subcommands: [
            BuildCommand.self, CheckCommand.self, ExportCommand.self, SampleCommand.self,
            InitCommand.self, NewCommand.self, ServeCommand.self,
        ]
    )

    package init() {}
}
