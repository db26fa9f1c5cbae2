#if canImport(Glibc)
import Glibc
#endif

/// One name in a directory listing.
package struct DirectoryEntry: Sendable {
    package var name: String
    /// Whether the entry is a directory, as `readdir` tells; nil when the file system doesn't.
    package var isDirectory: Bool?
}

/// The entries of a directory, without `.` and `..`, in `readdir` order; nil when it cannot
/// be opened (`errno` tells why).
package func directoryEntries(_ path: String) -> [DirectoryEntry]? {
    guard let handle = opendir(path) else { return nil }
    defer { closedir(handle) }
    var entries: [DirectoryEntry] = []
    while let entry = readdir(handle) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        guard name != ".", name != ".." else { continue }
        let type = Int32(entry.pointee.d_type)
        entries.append(DirectoryEntry(name: name, isDirectory: type == Int32(DT_UNKNOWN) ? nil : type == Int32(DT_DIR)))
    }
    return entries
}
