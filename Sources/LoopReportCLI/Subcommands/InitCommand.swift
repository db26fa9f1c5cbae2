import ArgumentParser
import LoopReportAuthoring
import LoopReportModel
import LoopReportPipeline
import LoopReportSource
import LoopReportSupport

#if canImport(Glibc)
import Glibc
#endif

/// `loopreport init [DIR]`: a new project that `check` reads without a problem.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new project: settings, a plan to start from and a directory for template overrides.",
        discussion: """
            Writes DIR/content/loopreport.yml, DIR/content/01-plan.md (one group with one block) and \
            DIR/content/templates/. Refuses a directory that already holds a project or plan documents; \
            never overwrites a file. Then, in DIR: loopreport check, loopreport build.
            """)

    @Argument(help: "The project directory, created when absent (default: the current directory).")
    var directory: String = "."

    @Option(help: "The project's title (default: from the directory name).")
    var title: String?

    @Option(help: "The first working day, day 0 of the schedule (YYYY-MM-DD; default: none, the schedule stays in working days).")
    var start: String?

    func validate() throws {
        try validateDateOption(start, name: "--start")
        if let title, title.trimmed.isEmpty { throw ValidationError("--title must not be empty") }
    }

    func run() throws {
        let project = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        try refuseExistingProject(project)
        let name = ProjectFiles.displayName(of: project)
        let files = NewProject.files(
            title: title?.trimmed ?? NewProject.title(fromDirectoryName: name),
            start: try dateOption(start, name: "--start"))
        let prefix = project == "." ? "" : project + "/"
        for file in files where ProjectFiles.exists(prefix + file.path) {
            throw CommandError("'\(prefix + file.path)' already exists; nothing written")
        }
        for file in files {
            let path = prefix + file.path
            try ProjectFiles.makeDirectories(above: path)
            try ProjectFiles.writeNew(path, file.text)
        }
        let width = files.map { (prefix + $0.path).count }.max() ?? 0
        var text = "Created a LoopReport project in \(project == "." ? "the current directory" : "'\(project)'"):\n"
        for file in files {
            let path = prefix + file.path
            text += "  " + path + String(repeating: " ", count: width - path.count) + "  " + file.purpose + "\n"
        }
        text += "\nNext:\n"
        if project != "." { text += "  cd \(ProjectFiles.shellQuoted(project))\n" }
        text += """
              loopreport check            # read the plan and report problems
              loopreport build            # the report site, in output/
              loopreport new iteration    # after a round of work: the next loop iteration, pre-filled

            """
        Terminal.write(text)
    }

    /// A project, settings or plan documents already there: refuse before writing anything.
    private func refuseExistingProject(_ project: String) throws {
        guard ProjectFiles.exists(project) else { return }
        guard ProjectFiles.isDirectory(project) else { throw CommandError("'\(project)' exists and is not a directory") }
        let prefix = project == "." ? "" : project + "/"
        if ProjectFiles.exists(prefix + ContentLoader.configFileName) {
            throw CommandError(
                "'\(prefix + ContentLoader.configFileName)' exists: '\(project)' is already a LoopReport content directory; nothing written"
            )
        }
        let content = prefix + NewProject.contentDirectory
        if ProjectFiles.exists(content) {
            guard ProjectFiles.isDirectory(content) else { throw CommandError("'\(content)' exists and is not a directory") }
            let found = ContentLoader.discover(root: content)
            if found.config != nil || !found.documents.isEmpty {
                let what = found.config != nil ? ContentLoader.configFileName : found.documents[0]
                throw CommandError("'\(content)' already holds a project ('\(content)/\(what)'); nothing written")
            }
        }
        // Markdown files at the top that define groups or blocks: a project kept there.
        let markdown = ProjectFiles.entries(of: project).filter {
            let lower = $0.lowercased()
            return (lower.hasSuffix(".md") || lower.hasSuffix(".markdown")) && !ProjectFiles.isDirectory(prefix + $0)
        }
        let files = markdown.compactMap { name -> SourceFile? in
            if case .success(let file) = ContentLoader.readDocument(root: project, relative: name) { return file }
            return nil
        }
        if !files.isEmpty {
            let plan = Pipeline.model(files: files).plan
            let defined =
                plan.blocks.first.map { ($0.range?.path, "Block \($0.id)") }
                ?? plan.groups.first(where: { !$0.isImplicit }).map { ($0.range?.path, "Group \($0.id)") }
            if let (path, what) = defined {
                throw CommandError("'\(prefix + (path ?? ""))' is already a plan document (it defines \(what)); nothing written")
            }
        }
    }
}

/// Small file-system helpers for the authoring commands.
enum ProjectFiles {
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Names in a directory, without `.` and `..`, sorted.
    static func entries(of directory: String) -> [String] {
        (directoryEntries(directory) ?? []).map(\.name).sorted()
    }

    /// The name a directory goes by: its last component, or the working directory's for `.`.
    static func displayName(of path: String) -> String {
        var resolved = path
        if let real = realpath(path, nil) {
            resolved = String(cString: real)
            free(real)
        }
        return String(resolved.split(separator: "/").last ?? "")
    }

    /// `mkdir -p` of the directories above a file.
    static func makeDirectories(above path: String) throws {
        for slash in path.indices where path[slash] == "/" && slash != path.startIndex {
            let directory = String(path[..<slash])
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw CommandError("cannot create '\(directory)': \(String(cString: strerror(errno)))")
            }
            guard isDirectory(directory) else { throw CommandError("'\(directory)' exists and is not a directory") }
        }
    }

    /// Writes a file that must not exist yet (see `SiteWriter.writeNew`).
    static func writeNew(_ path: String, _ text: String) throws {
        do { try SiteWriter.writeNew(Array(text.utf8), to: path) } catch let error as SiteWriter.WriteError {
            throw CommandError(error.description)
        }
    }

    /// A path as a shell word.
    static func shellQuoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+,@%=".unicodeScalars.contains($0)
        }
        return safe && !text.isEmpty
            ? text : "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
