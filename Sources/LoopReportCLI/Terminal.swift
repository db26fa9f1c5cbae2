import LoopReportPipeline

#if canImport(Glibc)
import Glibc
#endif

/// Standard streams, colour detection and atomic file output for commands.
enum Terminal {
    static func write(_ text: String) { writeAll(1, Array(text.utf8)) }
    static func writeError(_ text: String) { writeAll(2, Array(text.utf8)) }
    static func write(bytes: [UInt8]) { writeAll(1, bytes) }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }

    /// Colour on a terminal unless `NO_COLOR` is set (https://no-color.org).
    static func colorEnabled(_ mode: ColorMode, fd: Int32 = 2) -> Bool {
        switch mode {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
            if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
            return isatty(fd) == 1
        }
    }

    /// Writes a file atomically: a temporary sibling, then `rename(2)`.
    static func writeFile(_ path: String, _ bytes: [UInt8], force: Bool) throws {
        // One atomic writer for every file LoopReport writes: a temporary file, renamed over.
        do { try SiteWriter.writeReport(bytes, to: path, force: force) } catch let error as SiteWriter.WriteError {
            throw CommandError(error.description)
        }
    }
}

/// A failure to report as `error: …` with exit status 1.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Keeps a value alive until the process exits. A loaded project is millions of small
/// objects; releasing them one by one when a command returns costs about a tenth of a
/// whole `check` (60 ms of 700 at 10,000 blocks), and the system reclaims the memory at
/// exit in one step anyway. Compilers do the same (clang's `-disable-free`).
enum KeepUntilExit {
    private final class Box<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    static func hold<T>(_ value: T) {
        _ = Unmanaged.passRetained(Box(value))
    }
}
