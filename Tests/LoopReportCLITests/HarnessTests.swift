import LoopReportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The test harness itself: the binary the CLI tests run, the process runner, golden files.
@Suite struct HarnessTests {
    /// The CLI tests run the `loopreport` built beside the test program, not a guessed path.
    @Test func theBinaryIsTheOneBuiltWithTheTests() throws {
        let directory = try #require(testRunnerDirectory)
        #expect(
            readLink("/proc/self/exe")?.hasSuffix("/LoopReportPackageTests.xctest") == true,
            "\(readLink("/proc/self/exe") ?? "?")")
        if getenv("LOOPREPORT_BINARY") == nil {
            #expect(loopreportBinary == directory + "/loopreport")
        }
        #expect(access(loopreportBinary, X_OK) == 0, "\(loopreportBinary)")
        #expect(loopreport("--version").stdout == "0.1.0\n")
    }

    @Test func argumentsArePassedAsTheyAre() {
        let arguments = ["a b", "'quoted'", "\"double\"", "$HOME", "`date`", "", "semi;colon", "new\nline", "*"]
        let result = runProcess(["/usr/bin/printf", "[%s]"] + arguments)
        #expect(result.status == 0)
        #expect(result.stdout == arguments.map { "[\($0)]" }.joined())
    }

    @Test func directoryEnvironmentAndStandardInput() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        #expect(runProcess(["/bin/pwd"], in: dir.path).stdout == dir.path + "\n")
        #expect(runProcess(["/usr/bin/env"], environment: ["LOOPREPORT_HARNESS": "x y"]).stdout.contains("\nLOOPREPORT_HARNESS=x y\n"))
        #expect(runProcess(["/bin/cat"]).stdout == "")  // /dev/null: returns at once
    }

    @Test func statusesStreamsAndMissingPrograms() {
        let both = runShellScript("echo out; echo err >&2; exit 3")
        #expect(both.status == 3 && both.stdout == "out\n" && both.stderr == "err\n")
        #expect(runShellScript("kill -TERM $$").status == 128 + SIGTERM)
        #expect(runShellScript("printf '%s' \"$1\"", ["it's $1"]).stdout == "it's $1")
        let missing = runProcess(["loopreport-no-such-program"])
        #expect(missing.status == 127)
        #expect(missing.stderr.contains("cannot run 'loopreport-no-such-program'"))
    }

    @Test func temporaryDirectoriesAreFreshAndRemovedWithoutFollowingLinks() {
        let outside = TemporaryDirectory(); defer { outside.remove() }
        outside.write("keep.txt", "kept\n")
        let dir = TemporaryDirectory()
        #expect(dir.path != outside.path && listDirectory(dir.path).isEmpty)
        #expect(dir.path.hasPrefix(temporaryRoot + "/loopreport-test-"))
        dir.write("a/b/c.txt", "c")
        symlink(outside.path, dir.path + "/a/link")
        chmod(dir.path + "/a/b", 0o500)
        dir.remove()
        #expect(fileIdentity(dir.path) == nil)
        #expect(readFile(outside.path + "/keep.txt") == "kept\n")
    }

    // MARK: Golden files

    @Test func aMatchingGoldenPassesAndRecordingAlwaysFails() {
        #expect(goldenVerdict("same\n", golden: Array("same\n".utf8), name: "x.txt", recorded: false) == nil)
        let recorded = goldenVerdict("same\n", golden: Array("same\n".utf8), name: "x.txt", recorded: true)
        #expect(recorded?.hasPrefix("recorded Tests/Golden/x.txt (LOOPREPORT_RECORD=1)") == true)
        #expect(recorded?.contains("without LOOPREPORT_RECORD") == true)
        #expect(goldenVerdict("x", golden: nil, name: "new.txt", recorded: false)?.contains("does not exist") == true)
    }

    @Test func aDifferenceIsShownAsAUnifiedDiff() throws {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingLine(5, with: "line five")
        let verdict = try #require(goldenVerdict(new, golden: Array(old.utf8), name: "n.txt", recorded: false))
        #expect(
            verdict.contains(
                """
                --- Tests/Golden/n.txt
                +++ actual output
                @@ -2,7 +2,7 @@ first difference at line 5, column 6
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8

                """), "\(verdict)")
    }

    @Test func aDiffIsBoundedInLinesAndWidth() {
        let old = (1...500).map { "row \($0)" }.joined(separator: "\n")
        let new = (1...500).map { "ROW \($0)" }.joined(separator: "\n")
        let diff = unifiedDiff(old, new)
        #expect(diff.split(separator: "\n").count == 3 + 20 + 1 + 20 + 1)
        #expect(diff.contains("-… 480 more lines\n+row") == false && diff.contains("-… 480 more lines\n+ROW 1\n"))
        let long = String(repeating: "a", count: 5000)
        let wide = unifiedDiff("<svg>\(long)x\(long)</svg>", "<svg>\(long)y\(long)</svg>")
        #expect(wide.contains("first difference at line 1, column 5006"))
        #expect(wide.split(separator: "\n").allSatisfy { $0.count < 200 })
        #expect(wide.contains("…aaaa") && wide.contains("ax") && wide.contains("ay"))
    }
}

extension String {
    fileprivate func replacingLine(_ number: Int, with line: String) -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[number - 1] = line
        return lines.joined(separator: "\n")
    }
}
