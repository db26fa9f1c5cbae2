#if canImport(Glibc)
import Glibc
#endif

// File operations the tests need, as system calls (no shell, no `rm`, `cp` or `find`).

/// The bytes of a file (nil when it cannot be read).
package func readBytes(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count < 0 { return nil }
        if count == 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}

/// The text of a file ("" when it cannot be read).
package func readFile(_ path: String) -> String {
    String(decoding: readBytes(path) ?? [], as: UTF8.self)
}

/// Writes a file (replacing its content in place), creating the directories above it.
package func writeFile(_ path: String, _ text: String) { writeFile(path, bytes: Array(text.utf8)) }

package func writeFile(_ path: String, bytes: [UInt8]) {
    if let slash = path.lastIndex(of: "/"), slash != path.startIndex { makeDirectories(String(path[..<slash])) }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
        let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { return }
        offset += count
    }
}

/// `mkdir -p`.
package func makeDirectories(_ path: String) {
    var prefix = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
        prefix += "/" + part
        mkdir(prefix, 0o755)
    }
}

private func fileType(_ path: String) -> mode_t? {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
}

/// The names in a directory, without `.` and `..`, in byte order (what `ls -A` lists in the C locale).
package func listDirectory(_ path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
}

/// The regular files under a directory (symbolic links not followed), as paths relative to
/// it, in byte order: `cd path && find . -type f | sort`.
package func filesUnder(_ path: String) -> [String] {
    var found: [String] = []
    func walk(_ relative: String) {
        for name in listDirectory(relative.isEmpty ? path : path + "/" + relative) {
            let child = relative.isEmpty ? name : relative + "/" + name
            switch fileType(path + "/" + child) {
            case S_IFDIR: walk(child)
            case S_IFREG: found.append(child)
            default: break
            }
        }
    }
    walk("")
    return found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
}

/// `rm -rf path`: symbolic links are removed, never followed.
package func removeTree(_ path: String) {
    guard let type = fileType(path) else { return }
    if type == S_IFDIR {
        chmod(path, 0o755)  // a test may have taken its write permission away
        for name in listDirectory(path) { removeTree(path + "/" + name) }
        rmdir(path)
    } else {
        unlink(path)
    }
}

/// `cp -R source destination` (destination new): directories, files with their permissions,
/// and symbolic links as links.
package func copyTree(_ source: String, to destination: String) {
    var info = stat()
    guard lstat(source, &info) == 0 else { return }
    switch info.st_mode & S_IFMT {
    case S_IFDIR:
        mkdir(destination, info.st_mode & 0o7777)
        for name in listDirectory(source) { copyTree(source + "/" + name, to: destination + "/" + name) }
    case S_IFLNK:
        if let target = readLink(source) { symlink(target, destination) }
    case S_IFREG:
        writeFile(destination, bytes: readBytes(source) ?? [])
        chmod(destination, info.st_mode & 0o7777)
    default:
        break
    }
}

/// The target of a symbolic link, or nil.
package func readLink(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else { return nil }
    return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// A file's inode and modification time (`stat -c '%i %Y'`), or nil.
package func fileIdentity(_ path: String) -> (inode: UInt64, modified: Int)? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return (UInt64(info.st_ino), Int(info.st_mtim.tv_sec))
}

/// The disk space a tree takes, in KiB, each inode counted once (`du -sk`); nil when it does not exist.
package func diskUsageKiB(_ path: String) -> Int? {
    guard fileType(path) != nil else { return nil }
    var seen = Set<UInt64>()
    var blocks = 0
    func walk(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if seen.insert(UInt64(info.st_ino)).inserted { blocks += Int(info.st_blocks) }
        if info.st_mode & S_IFMT == S_IFDIR {
            for name in listDirectory(path) { walk(path + "/" + name) }
        }
    }
    walk(path)
    return blocks / 2  // st_blocks counts 512-byte units
}
