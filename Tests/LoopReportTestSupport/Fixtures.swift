import LoopReportPipeline
import LoopReportSource
#if canImport(Glibc)
import Glibc
#endif

/// Builds a project from in-memory documents: `("01-plan.md", text), …`.
public func project(_ documents: (String, String)...) -> LoadedProject {
    Pipeline.model(files: documents.map { SourceFile(path: $0.0, text: $0.1) })
}

/// A project with a `loopreport.yml`.
public func project(config: String, _ documents: (String, String)...) -> LoadedProject {
    Pipeline.model(files: documents.map { SourceFile(path: $0.0, text: $0.1) },
                   config: SourceFile(path: "loopreport.yml", text: config))
}

/// A single-document project.
public func project(_ text: String, path: String = "plan.md") -> LoadedProject {
    Pipeline.model(files: [SourceFile(path: path, text: text)])
}

/// The package root (for `content/`, golden files and the built binary).
public let packageRoot: String = {
    var path = #filePath
    for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
    return path
}()

/// A fresh directory under the system temporary directory, removed by `remove()`.
public struct TemporaryDirectory {
    public let path: String

    public init() {
        var template = Array("/tmp/loopreport-test-XXXXXX".utf8CString)
        let result = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = result.map { String(cString: $0) } ?? "/tmp/loopreport-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(path, 0o755)
    }

    @discardableResult
    public func write(_ relative: String, _ text: String) -> String { write(relative, bytes: Array(text.utf8)) }

    @discardableResult
    public func write(_ relative: String, bytes: [UInt8]) -> String {
        let full = path + "/" + relative
        var directory = ""
        for part in relative.split(separator: "/").dropLast() {
            directory += "/" + part
            mkdir(path + directory, 0o755)
        }
        let fd = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return full
    }

    public func remove() {
        _ = shell("rm -rf '\(path)'")
    }
}

/// Runs a shell command and returns its exit status and outputs.
@discardableResult
public func shell(_ command: String, environment: [String: String] = [:]) -> (status: Int32, stdout: String, stderr: String) {
    let out = TemporaryFile(), err = TemporaryFile()
    defer { out.remove(); err.remove() }
    let env = environment.map { "\($0.key)='\($0.value)' " }.joined()
    let status = system("\(env)\(command) >'\(out.path)' 2>'\(err.path)' </dev/null")
    let code = (status >> 8) & 0xFF
    return (Int32(code), out.read(), err.read())
}

/// A file path for captured output or golden reads.
struct TemporaryFile {
    let path: String
    init() { path = "/tmp/loopreport-out-\(getpid())-\(UInt64.random(in: 0...UInt64.max))" }
    init(path: String) { self.path = path }
    func read() -> String {
        guard let f = fopen(path, "r") else { return "" }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
    func remove() { unlink(path) }
}

/// The text of a file ("" when it cannot be read).
public func readFile(_ path: String) -> String { TemporaryFile(path: path).read() }

/// Whether the suite runs under a sanitizer (`make test-sanitizers` sets LOOPREPORT_SANITIZED):
/// its runtime reserves terabytes of shadow memory and maps files of its own, so tests that
/// cap memory or file size (`ulimit`) measure it rather than LoopReport.
public let runsUnderSanitizer = getenv("LOOPREPORT_SANITIZED") != nil

/// The built `loopreport` binary (`swift build` runs before the tests in `make test`);
/// `LOOPREPORT_BINARY` names another one (a build with its own `--scratch-path`).
public var loopreportBinary: String {
    if let path = getenv("LOOPREPORT_BINARY").map({ String(cString: $0) }), !path.isEmpty { return path }
    for candidate in [".build/debug/loopreport", ".build/release/loopreport"] {
        let path = packageRoot + "/" + candidate
        if access(path, X_OK) == 0 { return path }
    }
    return packageRoot + "/.build/debug/loopreport"
}

/// Compares text with a golden file under `Tests/Golden/`; `LOOPREPORT_RECORD=1` rewrites it.
public func matchesGolden(_ text: String, _ name: String) -> Bool {
    let path = packageRoot + "/Tests/Golden/" + name
    if let record = getenv("LOOPREPORT_RECORD"), String(cString: record) == "1" {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return true
    }
    return TemporaryFile(path: path).read() == text
}
