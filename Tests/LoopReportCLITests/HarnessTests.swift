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
        #expect(readLink("/proc/self/exe")?.hasSuffix("/LoopReportPackageTests.xctest") == true,
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
        #expect(runProcess(["/bin/cat"]) .stdout == "")   // /dev/null: returns at once
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
}
