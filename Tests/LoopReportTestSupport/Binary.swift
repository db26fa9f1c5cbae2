import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Whether the suite runs under a sanitizer (`make test-sanitizers` sets LOOPREPORT_SANITIZED):
/// its runtime reserves terabytes of shadow memory and maps files of its own, so tests that
/// cap memory or file size (`ulimit`) measure it rather than LoopReport.
package let runsUnderSanitizer = getenv("LOOPREPORT_SANITIZED") != nil

/// The directory of the running test program. SwiftPM builds it beside the products: on
/// Linux it is `<bin-path>/LoopReportPackageTests.xctest`, so the `loopreport` of the same
/// build is its neighbour.
package let testRunnerDirectory: String? = {
    let program =
        readLink("/proc/self/exe")
        ?? CommandLine.arguments.first.flatMap { argument -> String? in
            guard let resolved = realpath(argument, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        }
    guard let program, let slash = program.lastIndex(of: "/") else { return nil }
    return String(program[..<slash])
}()

/// The `loopreport` binary the CLI tests run: `LOOPREPORT_BINARY` when set (a build with its
/// own `--scratch-path`, as `make test-sanitizers` runs), else the one the test program was
/// built with (`swift build --build-tests` builds both).
package var loopreportBinary: String {
    if let path = getenv("LOOPREPORT_BINARY").map({ String(cString: $0) }), !path.isEmpty { return path }
    return (testRunnerDirectory ?? "(the test program's directory is unknown)") + "/loopreport"
}

/// Runs the built `loopreport` with `arguments` in `directory` (default: the package root,
/// read only: every test writes under a `TemporaryDirectory`), with `environment` added.
/// A missing binary is a failed test that says where it was looked for.
@discardableResult
package func loopreport(
    _ arguments: [String], in directory: String = packageRoot, environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
) -> ProcessResult {
    let binary = loopreportBinary
    guard access(binary, X_OK) == 0 else {
        Issue.record(
            """
            no loopreport binary at '\(binary)': build it with `swift build --build-tests` (it is built \
            beside the test program), or name one with LOOPREPORT_BINARY
            """, sourceLocation: sourceLocation)
        return ProcessResult(status: -1, stdout: "", stderr: "(no loopreport binary at '\(binary)')")
    }
    return runProcess([binary] + arguments, in: directory, environment: environment)
}

@discardableResult
package func loopreport(
    _ arguments: String..., in directory: String = packageRoot, environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
) -> ProcessResult {
    loopreport(arguments, in: directory, environment: environment, sourceLocation: sourceLocation)
}
