import CLoopReportSystem
import LoopReportSite
import LoopReportSource
import LoopReportSupport

#if canImport(Glibc)
import Glibc
#endif

/// Writing outputs safely: the site through `SiteStaging`, single files atomically, new
/// files without overwriting, and the checks that keep a build off its sources.
package enum SiteWriter {
    package struct WriteError: Error, CustomStringConvertible, Sendable {
        package var description: String
    }

    /// The file at the top of every site `build` writes. A directory that is not empty is
    /// replaced only when it holds this file, or with `--force`.
    package static let siteMarker = ".loopreport-site"
    static let siteMarkerText = """
        This directory is a report site written by LoopReport (`loopreport build`).
        Each build replaces it whole: keep no other files here.

        """

    /// Refuses outputs that would destroy sources or a home: the content directory, a
    /// directory containing it or inside it, `/`, the home directory or one of its parents.
    /// `content` is nil for the built-in example. True of the site and of single files.
    package static func checkOutput(_ output: String, content: String?) throws {
        let target = absolute(output)
        let home = getenv("HOME").map { absolute(String(cString: $0)) }
        if target == "/" || home.map({ $0 == target || $0.hasPrefix(target + "/") }) == true {
            throw WriteError(
                description:
                    "refusing to write to '\(output)': it would replace \(target == "/" ? "the root directory" : target == home ? "your home directory" : "a directory that holds your home directory")"
            )
        }
        guard let content else { return }
        let source = absolute(content)
        if target == source || source.hasPrefix(target + "/") {
            throw WriteError(description: "refusing to write to '\(output)': it is or contains the content directory '\(content)'")
        }
        if target.hasPrefix(source + "/") {
            throw WriteError(
                description:
                    "refusing to write to '\(output)': it is inside the content directory '\(content)', where LoopReport reads its sources; choose a path outside it"
            )
        }
    }

    /// Refuses to replace an existing directory that is neither empty nor a site LoopReport
    /// wrote (it holds `siteMarker`), unless `force`.
    static func checkReplaceable(directory target: String, output: String, force: Bool) throws {
        var status = stat()
        guard lstat(target, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw WriteError(description: "'\(output)' exists and is not a directory; not replaced")
        }
        guard !force, let entries = directoryEntries(target), !entries.isEmpty,
            !entries.contains(where: { $0.name == siteMarker })
        else { return }
        throw WriteError(
            description:
                "refusing to replace '\(output)': it is not empty and LoopReport did not write it (it has no \(siteMarker) file); choose another --output, empty it, or pass --force to replace it with the site"
        )
    }

    /// Refuses to replace an existing file that LoopReport did not write (by its first bytes,
    /// `isWrittenByLoopReport`), unless `force`.
    static func checkReplaceable(file target: String, output: String, force: Bool) throws {
        var status = stat()
        guard lstat(target, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw WriteError(description: "'\(output)' exists and is not a regular file; not replaced")
        }
        guard !force, !isWrittenByLoopReport(path: target) else { return }
        throw WriteError(
            description:
                "refusing to overwrite '\(output)': LoopReport did not write it; choose another --output, or pass --force to replace it")
    }

    /// Whether a file is one LoopReport writes: a single-file report or an export, told by the
    /// signature each format carries (a generator line, comment or calendar id; JSON and CSV,
    /// which have no comments, by their fixed opening).
    static func isWrittenByLoopReport(path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 1024)
        let count = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        let text = String(decoding: head[..<count], as: UTF8.self)
        return writtenSignatures.contains { text.firstByteRange(of: $0) != nil }
    }

    /// What the first kilobyte of each kind of file LoopReport writes contains.
    static let writtenSignatures = [
        "<meta name=\"generator\" content=\"LoopReport\">",  // the single-file report
        "Written by LoopReport",  // DOT and Mermaid exports
        "PRODID:-//LoopReport//",  // the calendar
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lr-diagram",  // standalone SVG
        "{\n  \"blocks\" : [",  // the JSON export
        "id,kind,title,group,duration_days,early_start,",  // the schedule table
        "level,subject,estimate_days,actual_days,variance_days,",  // the variance table
    ]

    /// Writes one file (the single-file report, an export) atomically: a temporary file
    /// beside it, renamed over it; missing folders are created. An existing file is replaced
    /// only when LoopReport wrote it, or with `force`.
    package static func writeReport(_ bytes: [UInt8], to output: String, force: Bool = false) throws {
        let target = absolute(output)
        try checkReplaceable(file: target, output: output, force: force)
        try makeDirectories("/" + target.split(separator: "/").dropLast().joined(separator: "/"))
        let temporary = target + ".loopreport-new-\(getpid())"
        try writeFile(temporary, bytes)
        guard rename(temporary, target) == 0 else {
            let failed = failure("cannot write '\(output)'")
            unlink(temporary)
            throw failed
        }
    }

    /// Writes a file that must not exist yet: a temporary sibling, then `link(2)`, which
    /// fails rather than replace a file that appeared meanwhile; never a partial file.
    package static func writeNew(_ bytes: [UInt8], to path: String) throws {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) + "/" : ""
        let temporary = directory + ".loopreport-new-\(getpid())"
        do {
            try writeFile(temporary, bytes, exclusive: true)
        } catch {
            let failed = failure("cannot write '\(path)'")
            unlink(temporary)
            throw failed
        }
        defer { unlink(temporary) }
        if link(temporary, path) != 0 {
            if errno == EEXIST { throw WriteError(description: "'\(path)' already exists; not overwritten") }
            throw failure("cannot write '\(path)'")
        }
    }

    /// The prefix of staging directories beside the output: `/a/.site.loopreport-new` for
    /// `/a/site`; each build adds its process id.
    static func stagingPrefix(for target: String) -> String {
        let parent = target.split(separator: "/").dropLast().joined(separator: "/")
        return "/" + parent + "/." + (target.split(separator: "/").last.map(String.init) ?? "output") + ".loopreport-new"
    }

    /// Removes staging directories left beside the output by builds that were killed. Only
    /// called with the output's lock held, so none of them belongs to a running build.
    static func removeStaleStaging(prefix: String) {
        let slash = prefix.utf8.lastIndex(of: UInt8(ascii: "/"))!
        let parent = String(prefix[..<slash]), name = String(prefix[prefix.utf8.index(after: slash)...])
        for entry in directoryEntries(parent.isEmpty ? "/" : parent) ?? [] where entry.name.hasPrefix(name) {
            removeTree(parent + "/" + entry.name)
        }
    }

    /// Replaces the output by the staged tree: on disk first (one flush of the file
    /// system, not one per file), then swapped in with one atomic exchange.
    static func swapIn(_ staging: String, as target: String, output: String) throws {
        if loopreport_sync_file_system(staging) != 0 {
            let code = errno  // before removing the tree changes it
            removeTree(staging)
            throw failure("cannot write '\(output)'", code: code)
        }
        var status = stat()
        if lstat(target, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else {
                removeTree(staging)
                throw WriteError(description: "'\(output)' exists and is not a directory")
            }
            // One step: the new tree takes the output's name, the old one the staging name.
            if loopreport_exchange_paths(staging, target) != 0 {
                // Kernels or file systems without the exchange: two renames, a moment apart.
                let old = staging + "-old"
                removeTree(old)
                guard rename(target, old) == 0, rename(staging, target) == 0 else { throw failure("cannot replace '\(output)'") }
                removeTree(old)
                return
            }
            removeTree(staging)
        } else {
            guard rename(staging, target) == 0 else { throw failure("cannot create '\(output)'") }
        }
    }

    /// The error of a failed system call: `code` is read first, before the message is made
    /// (making it may call the system, which changes `errno`).
    static func failure(_ message: @autoclosure () -> String, code: Int32 = errno) -> WriteError {
        WriteError(description: "\(message()): \(String(cString: strerror(code)))")
    }

    /// Writes a whole file, flushed to disk unless `sync` is false; `exclusive`: the file
    /// must not exist yet. `path` is relative to the open folder `directory`, when given;
    /// messages name the file `described` (by default, `path`).
    static func writeFile(
        _ path: String, _ bytes: [UInt8], sync: Bool = true, exclusive: Bool = false,
        in directory: Int32 = AT_FDCWD, described: @autoclosure () -> String? = nil
    ) throws {
        let fd = openat(directory, path, O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC), 0o644)
        guard fd >= 0 else { throw failure("cannot write '\(described() ?? path)'") }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                let failed = failure("cannot write '\(described() ?? path)'")
                close(fd)
                throw failed
            }
            offset += n
        }
        if sync, fsync(fd) != 0, errno != EINVAL {
            let failed = failure("cannot write '\(described() ?? path)'")
            close(fd)
            throw failed
        }
        guard close(fd) == 0 else { throw failure("cannot write '\(described() ?? path)'") }
    }

    /// Links the previous site's file `name` into the staging folder when it holds exactly
    /// `bytes` (a regular file, read back and compared): the page keeps its file, and with it
    /// its modification time, so `rsync` skips it and nginx's ETag and Last-Modified still
    /// match what browsers cached. False when it differs or cannot be linked: then it is written.
    static func linkUnchanged(_ name: String, _ bytes: [UInt8], from previous: Int32, to staging: Int32) -> Bool {
        var status = stat()
        guard fstatat(previous, name, &status, AT_SYMLINK_NOFOLLOW) == 0, status.st_mode & S_IFMT == S_IFREG,
            status.st_size == bytes.count
        else { return false }
        let fd = openat(previous, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        // One byte more than expected is asked for, so that a file grown since the check shows.
        let stored = [UInt8](unsafeUninitializedCapacity: bytes.count + 1) { buffer, count in
            var offset = 0
            while offset < buffer.count {
                let n = read(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { break }
                offset += n
            }
            count = offset
        }
        close(fd)
        return sameBytes(stored, bytes) && linkat(previous, name, staging, name, 0) == 0
    }

    static func makeDirectories(_ path: String) throws {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0, errno != EEXIST { throw failure("cannot create '\(current)'") }
        }
    }

    /// Removes a directory tree (no symlinks followed); large directories on all cores.
    static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        guard let entries = directoryEntries(path) else { return }
        // Files are removed by name relative to their open folder: a path from / would be
        // walked again for each of 12,000 files.
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return }
        defer { close(folder); rmdir(path) }
        var files: [String] = []
        // An entry of unknown type is removed as a folder: that call finds out what it is.
        for entry in entries {
            if entry.isDirectory == false { files.append(entry.name) } else { removeTree(path + "/" + entry.name) }
        }
        if files.count > 256 {
            let slices = stride(from: 0, to: files.count, by: 256).map { $0..<min($0 + 256, files.count) }
            _ = parallelMap(slices) { [files] slice in for file in files[slice] { unlinkat(folder, file, 0) } }
        } else {
            for file in files { unlinkat(folder, file, 0) }
        }
    }

    /// An absolute path with `.` and `..` resolved textually (the output may not exist yet).
    static func absolute(_ path: String) -> String {
        var base = ""
        if !path.hasPrefix("/") {
            if let cwd = getcwd(nil, 0) {
                base = String(cString: cwd)
                free(cwd)
            }
        }
        var parts: [Substring] = []
        for part in (base + "/" + path).split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        // Symbolic links in the existing part of the path count: resolve what exists.
        let joined = "/" + parts.joined(separator: "/")
        if let resolved = realpath(joined, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return joined
    }
}

/// A site being written: files go into a new directory beside the output, from any thread,
/// as they are made; `commit` swaps it in with one atomic exchange, so readers (and an
/// interrupted build) only ever see the whole previous site or the whole new one.
package final class SiteStaging: Sendable {
    private let output: String
    private let target: String
    private let staging: String
    private struct Folder {
        /// The staging folder, open: files are created relative to it, not by a path from
        /// `/` walked again for every file.
        var staging: Int32
        /// The same folder of the previous site, open; -1 when it has none. Pages that come
        /// out byte for byte as they are there are linked from it, not written again.
        var previous: Int32
    }
    private struct State {
        /// Each folder of the site written into so far ("" for the top).
        var folders: [String: Folder] = [:]
        /// The first write that failed; later files are skipped.
        var failure: SiteWriter.WriteError?
    }
    private let state = Locked(State())

    /// The output's parent folder, open and locked (`flock`) while this build writes: builds
    /// into one output take turns, so none removes another's staging or swaps in a site over
    /// one it has not seen. A lock on the folder, not a lock file, leaves nothing beside the site.
    private let lock: Int32

    /// Takes the output's lock (calling `waiting` first when another build holds it), checks
    /// that the output may be replaced (`SiteWriter.checkReplaceable`), removes staging left by
    /// killed builds and opens a new staging directory.
    package init(output: String, force: Bool = false, waiting: () -> Void = {}) throws {
        self.output = output
        target = SiteWriter.absolute(output)
        let prefix = SiteWriter.stagingPrefix(for: target)
        staging = prefix + "-\(getpid())"
        let parent = "/" + target.split(separator: "/").dropLast().joined(separator: "/")
        try SiteWriter.makeDirectories(parent)
        lock = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0 else { throw SiteWriter.failure("cannot open '\(parent)'") }
        if flock(lock, LOCK_EX | LOCK_NB) != 0 {
            waiting()
            while flock(lock, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let failed = SiteWriter.failure("cannot lock '\(parent)'")
                    close(lock)
                    throw failed
                }
            }
        }
        do {
            try SiteWriter.checkReplaceable(directory: target, output: output, force: force)
            SiteWriter.removeStaleStaging(prefix: prefix)
            guard mkdir(staging, 0o755) == 0 else { throw SiteWriter.failure("cannot create '\(staging)'") }
        } catch {
            close(lock)
            throw error
        }
    }

    /// Writes one file of the site (its folders made as needed); safe from any thread.
    package func write(_ file: SiteFile) {
        // Split among the bytes: searching characters finds grapheme boundaries along the path.
        let slash = file.path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { String(file.path[..<$0]) } ?? ""
        let name = slash.map { String(file.path[file.path.utf8.index(after: $0)...]) } ?? file.path
        let directory: Folder? = state.withLock { state in
            guard state.failure == nil else { return nil }
            if let known = state.folders[folder] { return known }
            let path = folder.isEmpty ? staging : staging + "/" + folder
            do {
                try SiteWriter.makeDirectories(path)
                let opened = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard opened >= 0 else { throw SiteWriter.failure("cannot create '\(path)'") }
                let earlier = open(folder.isEmpty ? target : target + "/" + folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                let known = Folder(staging: opened, previous: earlier)
                state.folders[folder] = known
                return known
            } catch {
                state.failure = error as? SiteWriter.WriteError ?? SiteWriter.WriteError(description: "\(error)")
                return nil
            }
        }
        guard let directory else { return }
        if directory.previous >= 0, SiteWriter.linkUnchanged(name, file.bytes, from: directory.previous, to: directory.staging) {
            return
        }
        do {
            try SiteWriter.writeFile(name, file.bytes, sync: false, in: directory.staging, described: self.staging + "/" + file.path)
        } catch {
            state.withLock { state in
                if state.failure == nil {
                    state.failure = error as? SiteWriter.WriteError ?? SiteWriter.WriteError(description: "\(error)")
                }
            }
        }
    }

    /// Writes files one after another (the few a build has besides its pages).
    package func write(_ files: [SiteFile]) {
        for file in files { write(file) }
    }

    /// Swaps the written site in, or, if any write failed, removes it and throws that failure,
    /// naming the file by where it was to go in the output (not the staging directory).
    package func commit() throws {
        write(SiteFile(path: SiteWriter.siteMarker, bytes: Array(SiteWriter.siteMarkerText.utf8)))
        closeFolders()
        if let failure = state.withLock({ $0.failure }) {
            SiteWriter.removeTree(staging)
            let kept = access(target, F_OK) == 0 ? "; the previous site in '\(output)' is unchanged" : ""
            throw SiteWriter.WriteError(description: failure.description.replacingOccurrences(of: staging, with: output) + kept)
        }
        try SiteWriter.swapIn(staging, as: target, output: output)
    }

    deinit {
        closeFolders()
        close(lock)
    }

    private func closeFolders() {
        state.withLock { state in
            for (_, folder) in state.folders {
                close(folder.staging)
                if folder.previous >= 0 { close(folder.previous) }
            }
            state.folders = [:]
        }
    }
}
