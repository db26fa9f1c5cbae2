import ArgumentParser
import Foundation
import LoopReportModel
import LoopReportServer
import LoopReportSite
import LoopReportSource

#if canImport(Glibc)
import Glibc
#endif

/// `loopreport serve [DIR]`: preview while writing.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the report site, rebuild it when the content changes and reload open pages.",
        discussion: """
            Watches the documents, loopreport.yml and templates/ (inotify), rebuilds once edits settle \
            (re-parsing only the documents that changed) and tells open pages to reload. Errors in the \
            content are shown over the last good page. Serves only GET and HEAD, only the site, on \
            loopback unless --host says otherwise. Ctrl-C stops it.
            """)

    @Argument(help: "The content directory (default: content).")
    var directory: String = "content"

    @Option(help: "The address to listen on (127.0.0.1: this machine only).")
    var host: String = "127.0.0.1"

    @Option(help: "The port (0: any free port).")
    var port: Int = 1313

    @Option(help: "The report's date (YYYY-MM-DD): the Gantt charts' today line.")
    var date: String?

    @Flag(help: "Open the site in the default browser.")
    var open = false

    @Option(help: "Close a connection that sends no complete request for this many seconds.")
    var idleTimeout: Int = 30

    func validate() throws {
        try validateDateOption(date)
    }

    func run() async throws {
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw CommandError("'\(directory)' is not a directory")
        }
        let today = try dateOption(date)
        guard idleTimeout > 0, idleTimeout <= 86_400 else {
            throw CommandError("--idle-timeout must be between 1 and 86400 seconds")
        }
        let server = PreviewServer(
            options: .init(
                root: directory, host: host, port: port, site: SiteOptions(date: today),
                idleTimeout: idleTimeout))
        Terminal.writeError("Building \(directory) … " + server.rebuild() + "\n")
        let watching = Task { await server.watch { Terminal.writeError($0 + "\n") } }
        defer { watching.cancel() }
        let host = self.host, open = self.open
        do {
            try await server.serve { port in
                let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
                Terminal.writeError("Serving at \(url) (Ctrl-C stops)\n")
                if open { Self.openInBrowser(url) }
            }
        } catch {
            throw CommandError("cannot serve on \(host):\(port): \(error)")
        }
    }
}

extension ServeCommand {
    /// `xdg-open URL` as a process with an argument array: no shell ever sees the URL (a
    /// `--host` with a quote in it once reached `/bin/sh`).
    static func openInBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { Terminal.writeError("note: cannot open a browser: \(error)\n") }
    }
}
