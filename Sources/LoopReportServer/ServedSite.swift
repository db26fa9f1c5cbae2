import LoopReportSource
import LoopReportSupport

#if canImport(Glibc)
import Glibc
#endif

/// What the preview serves: the last good site and the problems of the latest build, swapped
/// whole after each rebuild (no request sees old and new pages mixed), and the open pages'
/// reload streams.
final class ServedSite: Sendable {
    /// A file as served: bytes, type and validator.
    struct File: Sendable {
        var bytes: [UInt8]
        var contentType: String
        var etag: String
    }

    struct State: Sendable {
        var files: [String: File] = [:]
        var errors: [String] = []
        var generation = 0
    }

    private struct Listeners {
        var streams: [Int: AsyncStream<String>.Continuation] = [:]
        var next = 0
    }

    private let state = Locked(State())
    private let listeners = Locked(Listeners())

    var current: State { state.withLock { $0 } }

    /// Publishes a build: its files (nil when it produced none: the last good ones stay) and
    /// its errors; open pages are told to reload.
    func publish(_ files: [String: File]?, errors: [String]) {
        let generation = state.withLock { state in
            if let files { state.files = files }
            state.errors = errors
            state.generation += 1
            return state.generation
        }
        broadcast("reload \(generation)")
    }

    /// A built file as served: an unchanged one keeps its validator (comparing the bytes is
    /// cheaper than hashing them).
    static func file(path: String, bytes: [UInt8], reusing previous: [String: File]) -> File {
        if let old = previous[path], sameBytes(old.bytes, bytes) { return old }
        return File(bytes: bytes, contentType: Self.contentType(path), etag: Self.etag(bytes))
    }

    // MARK: Reload streams

    /// The events of one open page: `reload N` after every rebuild, `ping` now and then.
    func listen() -> AsyncStream<String> {
        AsyncStream { continuation in
            let id = listeners.withLock { listeners in
                listeners.next += 1
                listeners.streams[listeners.next] = continuation
                return listeners.next
            }
            continuation.onTermination = { [weak self] _ in
                _ = self?.listeners.withLock { $0.streams.removeValue(forKey: id) }
            }
        }
    }

    func broadcast(_ event: String) {
        for continuation in listeners.withLock({ Array($0.streams.values) }) { continuation.yield(event) }
    }

    /// Ends every stream (on shutdown, so open pages don't hold the server up).
    func finishListeners() {
        let streams = listeners.withLock { listeners in
            defer { listeners.streams.removeAll() }
            return Array(listeners.streams.values)
        }
        for continuation in streams { continuation.finish() }
    }

    // MARK: Files

    static func contentType(_ path: String) -> String {
        switch path.split(separator: ".").last {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "xml": "application/xml"
        case "png": "image/png"
        default: "application/octet-stream"
        }
    }

    /// A strong validator: FNV-1a over the bytes.
    static func etag(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\"" + String(hash, radix: 16) + "\""
    }
}
