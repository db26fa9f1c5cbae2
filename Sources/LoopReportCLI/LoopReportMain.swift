import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// Runs a command line and returns the process exit status: 0 success, 1 error
/// diagnostics (or warnings under `--strict`), 2 usage errors. ArgumentParser's own
/// usage status is 64 on Linux, so parsing and exit codes are handled here.
package enum LoopReportMain {
    package static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try LoopReportCommand.parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            let code = LoopReportCommand.exitCode(for: error)
            let message = LoopReportCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if !message.isEmpty { Terminal.writeError(message + "\n") }
            return code.rawValue == 64 || code == .validationFailure ? 2 : code.rawValue
        }
    }
}
