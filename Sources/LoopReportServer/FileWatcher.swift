import Dispatch
import LoopReportSource
import LoopReportSupport

#if canImport(Glibc)
import Glibc
#endif

/// Watches a directory tree with inotify (no polling) and reports that something changed.
/// Directories created, moved or renamed later are watched from the next `rescan()`.
/// The root's parent is watched for the root's own name, so a content directory deleted and
/// created again (a `git checkout`, an editor's save-by-rename) is watched again.
/// Used by one thread only: `changes` makes one on the thread that reads its events.
final class FileWatcher {
    /// The changes under `root`: one element wakes the reader up after any number of changes
    /// (it holds one at most); `changed` is called, on the watching thread, for each batch of
    /// them first. The stream finishes at once when the directory cannot be watched.
    static func changes(root: String, changed: @escaping @Sendable () -> Void) -> AsyncStream<Void> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            // inotify is read with blocking calls: on a thread of its own, not Swift's pool.
            DispatchQueue(label: "loopreport.watch").async {
                guard let watcher = FileWatcher(root: root) else { return continuation.finish() }
                watcher.run {
                    changed()
                    continuation.yield()
                }
                continuation.finish()
            }
        }
    }

    private let root: String
    private let fd: Int32
    /// The watch on the root's parent, and the root's name in it.
    private var parentWatch: Int32 = -1
    private let rootName: [UInt8]

    init?(root: String) {
        self.root = root
        let trimmed = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        rootName = Array((trimmed.split(separator: "/").last.map(String.init) ?? trimmed).utf8)
        fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let parent = trimmed.contains("/") ? String(trimmed[..<trimmed.lastIndex(of: "/")!]) : "."
        parentWatch = inotify_add_watch(
            fd, parent.isEmpty ? "/" : parent,
            UInt32(IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM | IN_ONLYDIR))
        rescan()
    }

    /// Adds a watch on every directory under the root (inotify is not recursive; watching a
    /// directory again keeps its existing watch). Called from `init`, then only by `run`.
    private func rescan() {
        var stack = [root]
        var seen = Set<String>()
        while let directory = stack.popLast() {
            guard seen.insert(directory).inserted, seen.count < 10_000 else { continue }
            let mask = UInt32(
                IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                    | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)
            _ = inotify_add_watch(fd, directory, mask)
            for entry in directoryEntries(directory) ?? [] where entry.isDirectory == true && !entry.name.hasPrefix(".") {
                stack.append(directory + "/" + entry.name)
            }
        }
    }

    /// Blocks until inotify reports events, then calls `changed` (on this thread); forever.
    func run(_ changed: () -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            var offset = 0
            var directoryChanged = false, contentChanged = false
            while offset + MemoryLayout<inotify_event>.size <= n {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                offset = nameStart + length
                if watch == parentWatch {
                    // Of the parent, only the root itself matters: deleted, created or renamed.
                    let name = buffer[nameStart..<min(n, nameStart + length)].prefix { $0 != 0 }
                    if name.elementsEqual(rootName) { directoryChanged = true; contentChanged = true }
                    continue
                }
                contentChanged = true
                if mask & UInt32(IN_ISDIR) != 0 || mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 { directoryChanged = true }
            }
            if directoryChanged { rescan() }
            if contentChanged { changed() }
        }
    }
}
