import LoopReportSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The documents found under a content root, in path order, plus what could not be read.
package struct LoadedContent: Sendable {
    package var root: String
    package var files: [SourceFile]
    /// Raw bytes of `loopreport.yml` at the root, when present.
    package var configText: SourceFile?
    package var diagnostics: [Diagnostic]
}

/// Discovers `**/*.md` under a directory: sorted, symlink loops cut, bad files diagnosed
/// and skipped so the rest are still read.
package enum ContentLoader {
    /// Largest document read; anything bigger is reported rather than parsed.
    package static let maximumFileSize = 16 * 1024 * 1024
    package static let configFileName = "loopreport.yml"

    package static func load(root: String) -> LoadedContent {
        let found = discover(root: root)
        var result = LoadedContent(root: root, files: [], configText: nil, diagnostics: found.diagnostics)
        for relative in found.documents {
            switch readDocument(root: root, relative: relative) {
            case .success(let file): result.files.append(file)
            case .failure(let diagnostic): result.diagnostics.append(diagnostic)
            }
        }
        if let config = found.config, case .success(let file) = readDocument(root: root, relative: config) {
            result.configText = file
        }
        result.diagnostics += emptyContentCheck(root: root, documents: result.files.count, diagnostics: result.diagnostics)
        return result
    }

    /// The documents under `root` in path order, the config file if any, and what could not
    /// be listed; nothing is read yet, so reading can happen in parallel.
    /// Sub-folders that are projects of their own (`isProject`) are not walked: their paths
    /// are listed in `subprojects`.
    package static func discover(root: String)
        -> (documents: [String], config: String?, diagnostics: [Diagnostic], subprojects: [String])
    {
        var diagnostics: [Diagnostic] = []
        var rootInfo = stat()
        guard stat(root, &rootInfo) == 0, (rootInfo.st_mode & S_IFMT) == S_IFDIR else {
            diagnostics.append(
                Diagnostic(
                    .missingDirectory, at: nil, "content directory '\(root)' does not exist or is not a directory"))
            return ([], nil, diagnostics, [])
        }
        var visited: Set<[UInt64]> = [[UInt64(rootInfo.st_dev), UInt64(rootInfo.st_ino)]]
        var paths: [String] = []
        var walker = Walker(rootHasPlan: containsPlanDocument(root), realRoot: realPath(root) ?? root)
        walker.walk(root, relative: "", visited: &visited, into: &paths, diagnostics: &diagnostics)
        var documents: [String] = []
        var config: String?
        for relative in paths.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            if relative == configFileName { config = relative; continue }
            guard isMarkdown(relative) else {
                diagnostics.append(Diagnostic(.ignoredFile, at: nil, "'\(relative)' is not a Markdown document; ignored"))
                continue
            }
            documents.append(relative)
        }
        return (documents, config, diagnostics, walker.subprojects.sorted())
    }

    /// A path with every symbolic link resolved; nil when it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` is `folder` or inside it (both resolved).
    package static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    /// Whether a folder inside a project is a project of its own: it holds a `loopreport.yml`,
    /// or a plan document (`plan.md`, `02-plan.md`, `roadmap.md`) while the enclosing project
    /// has its own plan document too (a `docs/` folder holding the plan of a project whose
    /// updates and summary are at the top is not one).
    static func isProject(_ folder: String, enclosingHasPlan: Bool) -> Bool {
        guard let entries = directoryEntries(folder) else { return false }
        if entries.contains(where: { $0.name == configFileName }) { return true }
        return enclosingHasPlan && entries.contains { isPlanDocumentName($0.name) }
    }

    static func containsPlanDocument(_ folder: String) -> Bool {
        directoryEntries(folder)?.contains { isPlanDocumentName($0.name) } ?? false
    }

    /// `plan.md`, `01-plan.md`, `implementation-plan.md`, `ROADMAP.md`: a word of the name is
    /// "plan", "plans" or "roadmap" (`explanation.md` is not one).
    static func isPlanDocumentName(_ name: String) -> Bool {
        guard isMarkdown(name) else { return false }
        let stem = name.lowercased().split(separator: ".").dropLast().joined(separator: ".")
        return stem.split(whereSeparator: { !$0.isLetter }).contains { $0 == "plan" || $0 == "plans" || $0 == "roadmap" }
    }

    /// Reads and validates one document.
    package static func readDocument(root: String, relative: String) -> Result<SourceFile, Diagnostic> {
        read(root + "/" + relative, relative: relative).flatMap { SourceFile.decode(path: relative, bytes: $0) }
    }

    /// `empty-content` when no document could be read and nothing else explains why.
    package static func emptyContentCheck(root: String, documents: Int, diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard documents == 0, !diagnostics.contains(where: { $0.severity == .error }) else { return [] }
        return [Diagnostic(.emptyContent, at: nil, "content directory '\(root)' contains no Markdown documents (*.md)")]
    }

    static func isMarkdown(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown")
    }

    /// The folder at the content root holding template overrides: never read as documents.
    package static let templatesDirectory = "templates"

    /// The walk of one project's folders; sub-folders that are projects of their own are listed,
    /// not walked.
    private struct Walker {
        let rootHasPlan: Bool
        /// The content directory with its links resolved: nothing outside it is read.
        let realRoot: String
        var subprojects: [String] = []

        mutating func walk(
            _ directory: String, relative: String, visited: inout Set<[UInt64]>,
            into paths: inout [String], diagnostics: inout [Diagnostic]
        ) {
            guard let entries = directoryEntries(directory) else {
                diagnostics.append(
                    Diagnostic(
                        .unreadableFile, at: nil,
                        "cannot read directory '\(relative.isEmpty ? directory : relative)': \(errnoText())"))
                return
            }
            // Hidden files and folders are not read, but for `.kiro` and `.agent`, where Kiro and
            // other coding agents keep their specs, plans and task lists.
            for name in entries.map(\.name) where !name.hasPrefix(".") || name == ".kiro" || name == ".agent" {
                let full = directory + "/" + name
                let rel = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard stat(full, &info) == 0 else {
                    var linkInfo = stat()
                    let isLink = lstat(full, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK
                    let why = errno == ELOOP ? "a symbolic link loop" : isLink ? "a broken symbolic link" : errnoText()
                    diagnostics.append(
                        Diagnostic(
                            errno == ELOOP ? .symlinkLoop : .unreadableFile, at: nil,
                            "cannot read '\(rel)': \(why)"))
                    continue
                }
                var linkInfo = stat()
                if lstat(full, &linkInfo) == 0, (linkInfo.st_mode & S_IFMT) == S_IFLNK, let target = realPath(full),
                    !isInside(target, realRoot)
                {
                    diagnostics.append(
                        Diagnostic(
                            .outsideContent, at: nil,
                            "'\(rel)' is a symbolic link to '\(target)', outside the content directory; not read"))
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    // The project's template overrides are not documents.
                    if rel == templatesDirectory { continue }
                    if isProject(full, enclosingHasPlan: rootHasPlan) { subprojects.append(rel); continue }
                    let key = [UInt64(info.st_dev), UInt64(info.st_ino)]
                    guard visited.insert(key).inserted else {
                        diagnostics.append(
                            Diagnostic(
                                .symlinkLoop, at: nil,
                                "'\(rel)' leads back to a directory already read; skipped"))
                        continue
                    }
                    walk(full, relative: rel, visited: &visited, into: &paths, diagnostics: &diagnostics)
                    visited.remove(key)
                case S_IFREG:
                    paths.append(rel)
                default:
                    diagnostics.append(Diagnostic(.ignoredFile, at: nil, "'\(rel)' is not a regular file; ignored"))
                }
            }
        }
    }

    /// A file's bytes (size-limited), or an `unreadable-file` / `file-too-large` diagnostic.
    package static func read(_ path: String, relative: String) -> Result<[UInt8], Diagnostic> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            return .failure(Diagnostic(.unreadableFile, at: nil, "cannot read '\(relative)': \(errnoText())"))
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, Int(info.st_size) > maximumFileSize {
            return .failure(
                Diagnostic(
                    .fileTooLarge, at: SourceRange.line(1, in: relative),
                    "'\(relative)' is \(Int(info.st_size) / (1024 * 1024)) MiB, over the \(maximumFileSize / (1024 * 1024)) MiB limit for one document; skipped"
                ))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                return .failure(Diagnostic(.unreadableFile, at: nil, "cannot read '\(relative)': \(errnoText())"))
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > maximumFileSize {
                return .failure(
                    Diagnostic(
                        .fileTooLarge, at: SourceRange.line(1, in: relative),
                        "'\(relative)' is over the \(maximumFileSize / (1024 * 1024)) MiB limit for one document; skipped"))
            }
        }
        return .success(bytes)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
