import LoopReportModel
import LoopReportSupport
import LoopReportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real `loopreport serve` process, driven over HTTP.
@Suite(.serialized) struct ServeCommandTests {
    /// Starts the server on a free port, in a copy of the example of its own; its base URL and log.
    final class Server {
        let dir = TemporaryDirectory()
        let process: ChildProcess
        var url = ""
        /// What the server wrote (both streams).
        var log: String { process.stdoutSoFar + process.stderrSoFar }

        init(options: [String] = []) throws {
            copyTree(packageRoot + "/content", to: dir.path + "/content")
            do {
                process = try ChildProcess(
                    [loopreportBinary, "serve", "--port", "0", "--date", "2026-03-18"] + options + ["content"],
                    in: dir.path)
            } catch {
                dir.remove()
                throw error
            }
            for _ in 0..<200 {
                if let line = log.split(separator: "\n").first(where: { $0.hasPrefix("Serving at ") }) {
                    url = String(line.dropFirst("Serving at ".count).prefix { $0 != " " })
                    return
                }
                if !process.isRunning { break }
                usleep(50_000)
            }
            throw ServerDidNotStart(log: log)
        }

        func get(_ path: String, options: [String] = []) -> (status: String, body: String) {
            let result = runProcess(["curl", "-s", "--path-as-is"] + options + ["-w", "\\n%{http_code}", "\(url.dropLast())\(path)"])
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            return (String(lines.last ?? ""), lines.dropLast().joined(separator: "\n"))
        }

        /// Waits until `condition` holds for a fetched page (rebuilds take a moment).
        func eventually(_ path: String, _ condition: (String) -> Bool) -> Bool {
            for _ in 0..<100 {
                if condition(get(path).body) { return true }
                usleep(100_000)
            }
            return false
        }

        func edit(_ file: String, _ change: (String) -> String) {
            dir.write("content/" + file, change(readFile(dir.path + "/content/" + file)))
        }

        /// Stops the server as Ctrl-C or a service manager would (SIGTERM; SIGKILL after five
        /// seconds); true when it exited after SIGTERM.
        func stop() -> Bool { process.terminate(grace: 5) }

        deinit {
            _ = stop()
            dir.remove()
        }
    }

    struct ServerDidNotStart: Error { var log: String }

    @Test func servesPagesAndRefusesEverythingElse() throws {
        let server = try Server()
        let index = server.get("/")
        #expect(index.status == "200")
        #expect(index.body.contains("<title>Tessera Search Index · Tessera Search Index</title>"))
        #expect(index.body.contains("new EventSource(\"/__loopreport/events\")"))  // served pages only
        #expect(server.get("/blocks/3.4.html").status == "200")
        #expect(
            server.get("/assets/site.css", options: ["-o", "/dev/null", "-D", "-"]).body.lowercased().contains("content-type: text/css"))
        for path in ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/blocks/%2E%2E/../x", "/a%00b", "/..%5c..%5cetc"] {
            #expect(["400", "404"].contains(server.get(path).status), "\(path)")
        }
        #expect(server.get("/etc/passwd").status == "404")
        #expect(server.get("/", options: ["-X", "POST"]).status == "405")
        #expect(server.get("/", options: ["-X", "PUT", "--data", "x"]).status == "405")
        #expect(server.get("/", options: ["-X", "DELETE"]).status == "405")
        // Validators: an unchanged page is not sent again.
        let headers = server.get("/index.html", options: ["-o", "/dev/null", "-D", "-"]).body
        // (Header lines end in CR LF, one Character in Swift.)
        let etag =
            headers.split(whereSeparator: \.isNewline).first { $0.lowercased().hasPrefix("etag:") }
            .map { String($0.dropFirst(5).filter { $0 != " " }) } ?? ""
        #expect(!etag.isEmpty)
        #expect(server.get("/index.html", options: ["-H", "If-None-Match: \(etag)"]).status == "304")
    }

    @Test func anEditShowsUpAndTheReloadEventFires() throws {
        let server = try Server()
        let events = try ChildProcess(["curl", "-s", "-N", "--max-time", "60", "\(server.url)__loopreport/events"])
        defer { events.terminate() }
        usleep(300_000)
        server.edit("03-iteration-1.md") { $0 + "\nA paragraph added while the server runs.\n" }
        #expect(server.eventually("/documents/03-iteration-1.html") { $0.contains("<p>A paragraph added while the server runs.</p>") })
        #expect(server.log.contains("(1 document parsed, "))
        server.edit("loopreport.yml") { $0.replacingOccurrences(of: "title: Tessera Search Index", with: "title: Tessera v2") }
        #expect(server.eventually("/") { $0.contains("<a class=\"brand\" href=\"index.html\">Tessera v2</a>") })
        var fired = false
        for _ in 0..<50 where !fired { fired = events.stdoutSoFar.contains("data: reload"); usleep(100_000) }
        #expect(fired)
        #expect(server.stop())  // with a page still listening for reloads
    }

    @Test func errorsAppearOverThePageAndClearAfterTheFix() throws {
        let server = try Server()
        server.dir.write(
            "content/06-broken.md", "### Group 9: X\n#### Block 9.1: Y\n**Dependencies**: Block 77.7\n**Estimated Effort**: 1 day\n")
        #expect(server.eventually("/index.html") { $0.contains("id=\"loopreport-errors\"") && $0.contains("06-broken.md:3:19") })
        server.dir.write("content/06-broken.md", "### Group 9: X\n#### Block 9.1: Y\n**Dependencies**: None\n**Estimated Effort**: 1 day\n")
        #expect(server.eventually("/index.html") { !$0.contains("id=\"loopreport-errors\"") && $0.contains("Group 9") })
        // A broken template: the last good pages stay, with the error naming the file and line.
        server.dir.write("content/templates/page.mustache", "{{<layout}}{{$content}}{{#body}}{{/content}}{{/layout}}")
        #expect(server.eventually("/blocks/3.4.html") { $0.contains("templates/page.mustache:") && $0.contains("<h1>Block 3.4") })
        // A burst of saves: the server keeps serving and settles on the last one.
        for i in 0..<100 {
            server.dir.write(
                "content/templates/page.mustache",
                i == 99
                    ? "{{<layout}}{{$content}}<h1>{{title}}</h1>{{{body}}}{{/content}}{{/layout}}"
                    : "{{<layout}}{{$content}}{{#body}}{{/content}}{{/layout}}")
        }
        #expect(server.eventually("/blocks/3.4.html") { !$0.contains("loopreport-errors") && $0.contains("<h1>Block 3.4") })
        #expect(server.get("/").status == "200")
        #expect(server.stop())
    }

    @Test func requestsAreBounded() throws {
        let server = try Server()
        #expect(server.get("/" + String(repeating: "a", count: 10_000)).status == "414")
        #expect(server.get("/", options: ["-X", "GET", "--data", "x"]).status == "413")
        #expect(server.get("/", options: ["-H", "Transfer-Encoding: chunked", "-X", "GET", "--data", "x"]).status == "413")
        // Headers beyond the HTTP parser's limit end the connection without an answer.
        let header = "X-Padding: " + String(repeating: "b", count: 100_000)
        server.dir.write("header.txt", header)
        #expect(server.get("/", options: ["-H", "@\(server.dir.path)/header.txt"]).status != "200")
        #expect(server.get("/").status == "200")
    }

    /// A client that opens a connection and never finishes its request (slowloris) is cut
    /// off after --idle-timeout seconds; a prompt one is answered as ever.
    @Test func anIdleConnectionIsClosed() throws {
        let server = try Server(options: ["--idle-timeout", "1"])
        let port = server.url.split(separator: ":").last!.filter(\.isNumber)
        let probe = """
            import socket, time
            s = socket.create_connection(("127.0.0.1", \(port)))
            s.sendall(b"GET / HTTP/1.1\\r\\nHost: localhost\\r\\n")
            s.settimeout(20)
            started = time.time()
            print(len(s.recv(100)), round(time.time() - started))
            """
        server.dir.write("probe.py", probe)
        let closed = runProcess(["python3", "\(server.dir.path)/probe.py"]).stdout.split(separator: " ")
        #expect(closed.first == "0", "the server answered or kept the connection: \(closed)")
        #expect((Int(closed.last?.filter(\.isNumber) ?? "") ?? 99) <= 5)
        #expect(server.get("/").status == "200")
        #expect(loopreport("serve", "--idle-timeout", "0", "content").stderr.contains("--idle-timeout must be between 1 and 86400"))
    }

    @Test func deletedFilesAndRenamedDirectoriesAreFollowed() throws {
        let server = try Server()
        server.dir.write("content/notes/extra.md", "# Extra notes\n\nFirst words.\n")
        #expect(server.eventually("/documents/notes-extra.html") { $0.contains("<p>First words.</p>") })
        // A renamed directory: the page moves, and edits inside it are still seen.
        rename("\(server.dir.path)/content/notes", "\(server.dir.path)/content/papers")
        #expect(server.eventually("/documents/papers-extra.html") { $0.contains("<p>First words.</p>") })
        #expect(server.get("/documents/notes-extra.html").status == "404")
        server.edit("papers/extra.md") { $0 + "\nSecond words.\n" }
        #expect(server.eventually("/documents/papers-extra.html") { $0.contains("<p>Second words.</p>") })
        // A deleted file: its page goes, the rest stays.
        unlink("\(server.dir.path)/content/papers/extra.md")
        #expect(server.eventually("/documents/papers-extra.html") { $0.hasPrefix("Not found") })
        #expect(server.get("/documents/03-iteration-1.html").status == "200")
        // A file saved half-written (cut inside a UTF-8 character), then completed.
        server.dir.write("content/06-late.md", bytes: Array("# Late\n\nCaf".utf8) + [0xC3])
        #expect(server.eventually("/index.html") { $0.contains("id=\"loopreport-errors\"") && $0.contains("06-late.md:3:") })
        server.dir.write("content/06-late.md", "# Late\n\nCafé au lait.\n")
        #expect(server.eventually("/documents/06-late.html") { !$0.contains("loopreport-errors") && $0.contains("Café au lait.") })
        #expect(server.stop())
    }

    /// DNS rebinding: a request naming another host (a page elsewhere whose name resolves to
    /// this machine) is refused; the loopback names and IP addresses are answered.
    @Test func onlyItsOwnHostNamesAreAnswered() throws {
        let server = try Server()
        #expect(server.get("/index.html", options: ["-H", "Host: attacker.example"]).status == "403")
        #expect(server.get("/index.html", options: ["-H", "Host: attacker.example:80"]).status == "403")
        for host in ["localhost", "127.0.0.1:9", "[::1]:9", "app.localhost"] {
            #expect(server.get("/index.html", options: ["-H", "Host: \(host)"]).status == "200", "\(host)")
        }
        #expect(server.stop())
    }

    /// A content directory deleted and created again (a checkout, a save by rename) is
    /// watched again: the next edit still rebuilds the preview.
    @Test func aRecreatedContentDirectoryIsWatchedAgain() throws {
        let server = try Server()
        rename("\(server.dir.path)/content", "\(server.dir.path)/content-old")
        copyTree("\(server.dir.path)/content-old", to: "\(server.dir.path)/content")
        usleep(300_000)
        server.edit("01-plan.md") { $0.replacingOccurrences(of: "Tokenizer and Normalizer Core", with: "Tokenizer Reborn") }
        #expect(server.eventually("/documents/01-plan.html") { $0.contains("Tokenizer Reborn") })
        #expect(server.stop())
    }
}
