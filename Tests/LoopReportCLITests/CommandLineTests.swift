import Foundation
import LoopReportPipeline
import LoopReportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `loopreport` binary: real exit codes, real streams.
@Suite struct CommandLineTests {
    private func run(
        _ arguments: String..., environment: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> ProcessResult {
        run(arguments, environment: environment, sourceLocation: sourceLocation)
    }

    private func run(
        _ arguments: [String], environment: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> ProcessResult {
        loopreport(arguments, environment: environment, sourceLocation: sourceLocation)
    }

    @Test func exampleContentIsClean() {
        let result = run("check", "content")
        #expect(result.status == 0)
        #expect(result.stderr == "0 errors, 0 warnings in 5 documents\n")
    }

    @Test func defaultDirectoryIsContent() {
        #expect(run("check").stderr == "0 errors, 0 warnings in 5 documents\n")
    }

    @Test func errorsPrintLocationExcerptCaretAndSummary() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("plan.md", "### Group 2: Parser\n#### Block 2.1: Parser\n**Dependencies**: Block 9.9\n**Estimated Effort**: 1 day\n")
        let result = run("check", dir.path, environment: ["NO_COLOR": "1"])
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                \(dir.path)/plan.md:3:19: error: Block 2.1 depends on Block 9.9, which no document defines [unknown-block-reference]
                 3 | **Dependencies**: Block 9.9
                   |                   ^
                1 error, 0 warnings in 1 document

                """)
    }

    @Test func strictTurnsWarningsIntoFailure() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("plan.md", "### Group 1: A\n#### Block 1.1: B\n**Estimated Effort**: a while\n")
        #expect(run("check", dir.path).status == 0)
        #expect(run("check", "--strict", dir.path).status == 1)
    }

    @Test func usageErrorsExitWithTwo() {
        let result = run("check", "--no-such-option")
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown option '--no-such-option'"))
        #expect(run("frobnicate").status == 2)
        #expect(run("check", "--format", "yaml").status == 2)
        #expect(run("--help").status == 0)
    }

    /// Every command that takes `--date` (found from the help, so a new one is covered too)
    /// refuses a bad one as a usage error: status 2, the same message, the command's usage,
    /// and nothing read or written.
    @Test func aBadDateIsAUsageErrorInEveryCommand() {
        var commands: [[String]] = []
        var queue: [[String]] = [[]]
        while let command = queue.popLast() {
            let help = run(command + ["--help"]).stdout
            let subcommands = Self.subcommands(in: help)
            if subcommands.isEmpty {
                if help.contains("--date <date>") { commands.append(command) }
            } else {
                queue += subcommands.map { command + [$0] }
            }
        }
        #expect(Set(commands) == [["build"], ["export"], ["serve"], ["new", "iteration"]])
        let dir = TemporaryDirectory(); defer { dir.remove() }
        for command in commands {
            for date in ["2026-13-45", "yesterday"] {
                let result = loopreport(command + ["--date", date], in: dir.path)
                let name = (command + ["--date", date]).joined(separator: " ")
                #expect(result.status == 2, "\(name): \(result.stderr)")
                #expect(
                    result.stderr.hasPrefix("Error: --date must be a date like 2026-03-02, not '\(date)'\n"), "\(name): \(result.stderr)")
                #expect(result.stderr.contains("\nUsage: loopreport \(command.joined(separator: " ")) "), "\(name): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(name)")
            }
        }
        #expect(listDirectory(dir.path).isEmpty)
    }

    /// The names listed under SUBCOMMANDS in a command's help.
    private static func subcommands(in help: String) -> [String] {
        guard let section = help.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first else { return [] }
        return section.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            let name = line.dropFirst(2).prefix { !$0.isWhitespace }
            return name.isEmpty || name.hasPrefix("See") ? nil : String(name)
        }
    }

    @Test func colourOnlyWhenAskedOrOnATerminal() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("plan.md", "### Group 1: A\n#### Block 1.1: B\n**Dependencies**: Block 7.7\n")
        #expect(!run("check", dir.path).stderr.contains("\u{1B}["))
        #expect(run("check", "--color", "always", dir.path).stderr.contains("\u{1B}[1;31merror:"))
    }

    @Test func jsonDiagnostics() throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("plan.md", "### Group 1: A\n#### Block 1.1: B\n**Dependencies**: Block 7.7\n")
        let result = run("check", "--format", "json", dir.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"code\" : \"unknown-block-reference\""))
        #expect(result.stdout.contains("\"line\" : 3"))
        #expect(result.stdout.contains("\"schemaVersion\" : 1"))
        #expect(result.stdout.contains("\"errorCount\" : 1"))
    }

    @Test func badInputNeverCrashesAndTheRestIsRead() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("01-plan.md", "### Group 1: A\n#### Block 1.1: B\n**Estimated Effort**: 1 day\n")
        dir.write("02-latin1.md", bytes: Array("# Caf".utf8) + [0xE9, 0x0A])
        dir.write("03-binary.md", bytes: [0x00, 0x01, 0x02])
        dir.write("04-empty.md", "")
        dir.write(
            "sub/05-loop.md", "## Revised Group 1: A\n#### Block 1.2: C (NEW)\n**Dependencies**: Block 1.1\n**Estimated Effort**: 1 day\n")
        symlink(dir.path + "/sub", dir.path + "/sub/loop")
        let result = run("check", dir.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("02-latin1.md:1:6: error: '02-latin1.md' is not valid UTF-8: byte 0xE9 at offset 5 [invalid-utf8]"))
        #expect(result.stderr.contains("[binary-file]"))
        #expect(result.stderr.contains("[symlink-loop]"))
        #expect(result.stderr.contains("04-empty.md:1:1: warning: '04-empty.md' has no content [empty-document]"))
        #expect(result.stderr.hasSuffix("3 errors, 1 warning in 3 documents\n"))
        let export = run("export", dir.path)
        #expect(export.stdout.contains("\"id\" : \"1.2\""))
    }

    @Test func missingDirectory() {
        let result = run("check", "/nonexistent/plans")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("error: content directory '/nonexistent/plans' does not exist or is not a directory [missing-directory]")
        )
    }

    @Test func exportOfTheExampleMatchesTheGolden() {
        let result = run("export", "--format", "json", "content")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        expectMatchesGolden(result.stdout, "content-export.json")
    }

    @Test func exportToAFileIsAtomicAndIdenticalToStdout() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let file = dir.path + "/model.json"
        #expect(run("export", "content", "--output", file).status == 0)
        let written = readFile(file)
        #expect(written == run("export", "content").stdout)
        #expect(listDirectory(dir.path) == ["model.json"])
    }
}

/// The schedule exports and the settings file, through the binary.
@Suite struct ScheduleExportTests {
    private func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        loopreport(arguments, sourceLocation: sourceLocation)
    }

    @Test func csvScheduleAndVariance() {
        let schedule = run("export", "--format", "csv", "content")
        #expect(schedule.status == 0)
        let lines = schedule.stdout.split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("id,kind,title,group,duration_days,early_start") == true)
        #expect(lines.contains { $0.hasPrefix("1.1,block,Tokenizer and Normalizer Core,1,2,0,2,0,2,0,0,true,") })
        let variance = run("export", "--format", "csv", "--table", "variance", "content")
        #expect(variance.stdout.hasPrefix("level,subject,estimate_days,actual_days,variance_days,variance_percent,factor\r\n"))
        #expect(variance.stdout.contains("\r\ngroup,Group 1,5,6,1,20,1.2\r\n"))
    }

    @Test func icsNeedsAStartDate() {
        let ics = run("export", "--format", "ics", "content")
        #expect(ics.status == 0)
        #expect(ics.stdout.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.stdout.contains("SUMMARY:Group 1 finishes: Text Analysis Foundation\r\n"))
        #expect(ics.stdout.hasSuffix("END:VCALENDAR\r\n"))
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("plan.md", "### Group 1: A\n#### Block 1.1: B\n**Estimated Effort**: 1 day\n")
        let missing = run("export", "--format", "ics", dir.path)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("calendar export needs a start date"))
    }

    @Test func badSettingsAreDiagnosedAtTheirLine() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("plan.md", "### Group 1: A\n#### Block 1.1: B\n**Estimated Effort**: 1 day\n")
        dir.write("loopreport.yml", "title: X\nstart: 2026-02-30\nworkingDays: [Mon, Funday]\n")
        let result = run("check", "--color", "never", dir.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("loopreport.yml:2:1: error: start date '2026-02-30' is not a date (YYYY-MM-DD) [invalid-settings]"))
        #expect(result.stderr.contains("loopreport.yml:3:1: error: 'Funday' is not a weekday [invalid-settings]"))
    }

    @Test func timingsNameTheStages() {
        let result = run("check", "--timings", "content")
        #expect(result.stderr.contains("read, parse and model: "))
        #expect(result.stderr.contains("analysis: "))
    }
}

@Suite struct ExampleProjectTests {
    /// The example compiled into the binary is content/, byte for byte.
    @Test func embeddedExampleMatchesContent() {
        let listed = listDirectory(packageRoot + "/content")
        #expect(listed == ExampleProject.documents.map(\.path) + [ExampleProject.config.path])
        for document in ExampleProject.documents + [ExampleProject.config] {
            let onDisk = readBytes(packageRoot + "/content/" + document.path)
            #expect(onDisk == document.bytes, "\(document.path)")
        }
    }

    @Test func withoutAContentDirectoryTheExampleIsUsed() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let result = loopreport("check", in: dir.path)
        #expect(result.status == 0)
        #expect(
            result.stderr == "note: no content directory here; using the built-in example project\n0 errors, 0 warnings in 5 documents\n")
        let export = loopreport("export", in: dir.path)
        #expect(export.stdout == loopreport("export", "content").stdout)
    }
}
