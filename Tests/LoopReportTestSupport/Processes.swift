#if canImport(Glibc)
import Glibc
#endif

/// What a finished child process left: its exit status (128 + the signal's number when a
/// signal ended it, as a shell reports it) and everything it wrote to each stream.
package struct ProcessResult: Sendable, CustomStringConvertible {
    package var status: Int32
    package var stdout: String
    package var stderr: String

    package init(status: Int32, stdout: String, stderr: String) {
        (self.status, self.stdout, self.stderr) = (status, stdout, stderr)
    }

    package var description: String { "exit status \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
}

/// A child process started from an argument vector, never through a shell: `arguments[0]`
/// is the program (searched for on `PATH` unless it holds a slash), the rest are passed as
/// they are. Standard input is /dev/null; standard output and error go to unlinked temporary
/// files (so a daemon that keeps them open never blocks the test), read with `stdoutSoFar`,
/// `stderrSoFar` or after `wait()`. The child starts with no blocked signals and every
/// signal at its default action, whatever the test thread's mask.
package final class ChildProcess: @unchecked Sendable {
    package let pid: pid_t
    package let arguments: [String]
    private let outputFD: Int32, errorFD: Int32
    private var exitStatus: Int32?

    package struct SpawnError: Error, CustomStringConvertible {
        package var description: String
    }

    /// Starts `arguments` in `directory` (default: the test process's own), with `environment`
    /// added to (and overriding) the test process's environment.
    package init(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws {
        precondition(!arguments.isEmpty, "no program to run")
        self.arguments = arguments
        outputFD = try Self.captureFile()
        errorFD = try Self.captureFile()

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let directory {
            guard let addChdir = Self.addChdir else {
                close(outputFD); close(errorFD)
                throw SpawnError(description: "this C library cannot start a process in another directory")
            }
            _ = directory.withCString { addChdir(&actions, $0) }
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
        posix_spawn_file_actions_adddup2(&actions, errorFD, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var variables: [String: String] = [:]
        var index = 0
        while let entry = environ[index] {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            index += 1
        }
        variables.merge(environment) { $1 }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child = pid_t()
        let error = posix_spawnp(&child, arguments[0], &actions, &attributes, argv, envp)
        guard error == 0 else {
            close(outputFD); close(errorFD)
            throw SpawnError(description: "cannot run '\(arguments[0])': \(String(cString: strerror(error)))")
        }
        pid = child
    }

    /// Whether the child has not exited yet (reaps it when it has).
    package var isRunning: Bool {
        if exitStatus != nil { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { exitStatus = Self.decode(status); return false }
        return result == 0
    }

    /// Sends `signal` to the child while it runs.
    package func signal(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Waits up to `timeout` seconds for the child to exit; true when it has.
    package func waitForExit(timeout: Double) -> Bool {
        let steps = max(1, Int(timeout / 0.02))
        for _ in 0..<steps {
            if !isRunning { return true }
            usleep(20_000)
        }
        return !isRunning
    }

    /// Stops the child: SIGTERM, then SIGKILL after `grace` seconds; true when SIGTERM was enough.
    @discardableResult
    package func terminate(grace: Double = 5) -> Bool {
        guard isRunning else { return true }
        kill(pid, SIGTERM)
        if waitForExit(timeout: grace) { return true }
        kill(pid, SIGKILL)
        _ = wait()
        return false
    }

    package var stdoutSoFar: String { Self.read(outputFD) }
    package var stderrSoFar: String { Self.read(errorFD) }

    /// Waits for the child to exit; its status and streams.
    package func wait() -> ProcessResult {
        if exitStatus == nil {
            var status: Int32 = 0
            while true {
                let result = waitpid(pid, &status, 0)
                if result == pid { exitStatus = Self.decode(status); break }
                if result == -1 && errno != EINTR { exitStatus = -1; break }
            }
        }
        return ProcessResult(status: exitStatus ?? -1, stdout: stdoutSoFar, stderr: stderrSoFar)
    }

    deinit {
        if exitStatus == nil, isRunning {
            kill(pid, SIGKILL)
            _ = wait()
        }
        close(outputFD)
        close(errorFD)
    }

    // MARK: -

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29 and later), which the Glibc module
    /// does not declare: the child changes directory, not the (multi-threaded) test process.
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// An unlinked temporary file, closed on exec (the child gets it through dup2 only).
    private static func captureFile() throws -> Int32 {
        var template = Array((temporaryRoot + "/loopreport-capture-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw SpawnError(description: "cannot create a capture file: \(String(cString: strerror(errno)))") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }

    private static func read(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[0..<count]
            offset += off_t(count)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Runs `arguments` to completion (see `ChildProcess`). A program that cannot be started
/// gives status 127 and the reason on standard error, as a shell would.
@discardableResult
package func runProcess(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) -> ProcessResult {
    do {
        return try ChildProcess(arguments, in: directory, environment: environment).wait()
    } catch {
        return ProcessResult(status: 127, stdout: "", stderr: "\(error)\n")
    }
}

/// Runs a shell script with `/bin/sh -c`, for tests whose point is a shell feature (`ulimit`,
/// `trap`): the script is one argument, and the values it uses are passed after it, as `"$1"`,
/// `"$2"`…, never written into it.
@discardableResult
package func runShellScript(
    _ script: String, _ positional: [String] = [], in directory: String? = nil,
    environment: [String: String] = [:]
) -> ProcessResult {
    runProcess(["/bin/sh", "-c", script, "sh"] + positional, in: directory, environment: environment)
}

/// The full path of `program` on `PATH` (then in `extraDirectories`), or nil.
package func executablePath(_ program: String, extraDirectories: [String] = []) -> String? {
    let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":").map(String.init) + extraDirectories where !directory.isEmpty {
        let candidate = directory + "/" + program
        var info = stat()
        if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
            return candidate
        }
    }
    return nil
}
