import Foundation
import LoopReportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built site published the way the README says: under a subpath of a real nginx,
/// crawled from the dashboard like a visitor would.
@Suite(.serialized) struct NginxPublishTests {
    static let subpath = "/reports/tessera/"

    /// An nginx of our own: unprivileged paths, a loopback port, everything under `dir`.
    final class Nginx {
        let dir: String
        let port: Int
        private var stopped = false
        var pidFile: String { dir + "/nginx.pid" }
        var log: String { readFile(dir + "/error.log") }

        /// Writes the configuration (the README's server block with test paths) and starts
        /// nginx as a daemon; throws when it cannot listen (the port was taken meanwhile).
        init(binary: String, in root: TemporaryDirectory, name: String, port: Int, site: String) throws {
            dir = root.path + "/" + name
            self.port = port
            makeDirectories(dir + "/tmp")
            let types =
                access("/etc/nginx/mime.types", R_OK) == 0
                ? "include /etc/nginx/mime.types;"
                : """
                types {
                    text/html html; text/css css; application/javascript js; application/json json;
                    image/svg+xml svg; text/xml xml; image/png png;
                }
                """
            // As root, workers drop to nobody: the published files must be world-readable.
            var user = ""
            if getuid() == 0 {
                let group = getgrnam("nogroup") != nil ? "nogroup" : "nobody"
                user = "user nobody \(group);"
            }
            let subpath = NginxPublishTests.subpath
            let config = """
                \(user)
                worker_processes 1;
                pid \(dir)/nginx.pid;
                error_log \(dir)/error.log warn;
                events { worker_connections 64; }
                http {
                    \(types)
                    default_type application/octet-stream;
                    charset utf-8;
                    access_log \(dir)/access.log;
                    client_body_temp_path \(dir)/tmp/client_body;
                    proxy_temp_path \(dir)/tmp/proxy;
                    fastcgi_temp_path \(dir)/tmp/fastcgi;
                    uwsgi_temp_path \(dir)/tmp/uwsgi;
                    scgi_temp_path \(dir)/tmp/scgi;
                    server {
                        listen 127.0.0.1:\(port);
                        server_name localhost;
                        location = \(subpath.dropLast()) { return 301 \(subpath); }
                        location \(subpath) {
                            alias \(site)/;
                            index index.html;
                        }
                    }
                }

                """
            root.write(name + "/nginx.conf", config)
            // Daemon mode: the command returns once the master listens (or failed to).
            let start = runProcess([binary, "-p", dir, "-e", dir + "/error.log", "-c", dir + "/nginx.conf"])
            guard start.status == 0 else {
                stopped = true
                throw NginxDidNotStart(log: start.stderr + readFile(dir + "/error.log"))
            }
            for _ in 0..<100 {
                if !readFile(pidFile).filter(\.isNumber).isEmpty { break }
                usleep(20_000)
            }
            // Should this process die before `stop()`, nginx is not left behind: a watcher in
            // the background (the shell is the point), which outlives the test process.
            runShellScript(
                """
                (while kill -0 "$1" 2>/dev/null && [ -f "$2" ]; do sleep 0.5; done; \
                [ -f "$2" ] && kill -QUIT "$(cat "$2")") >/dev/null 2>&1 &
                """, ["\(getpid())", pidFile])
        }

        var base: String { "http://127.0.0.1:\(port)" }

        /// Status, content type and (for `body`) the body of one request.
        func get(_ path: String) -> (status: Int, type: String, body: String) {
            let body = dir + "/body"
            let result = runProcess(["curl", "-sg", "--max-time", "5", "-o", body, "-w", "%{http_code}\\t%{content_type}", base + path])
            let parts = result.stdout.split(separator: "\t", omittingEmptySubsequences: false)
            return (Int(parts.first ?? "") ?? 0, parts.count > 1 ? String(parts[1]) : "", readFile(body))
        }

        /// Stops nginx and waits for the master to exit (its pid file goes with it).
        func stop() {
            guard !stopped else { return }
            stopped = true
            let pid = readFile(pidFile).filter(\.isNumber)
            guard !pid.isEmpty else { return }
            guard let master = pid_t(pid) else { return }
            kill(master, SIGQUIT)
            for _ in 0..<150 {
                if kill(master, 0) != 0 { return }
                usleep(20_000)
            }
            kill(master, SIGKILL)
            unlink(pidFile)
        }

        deinit { stop() }
    }

    struct NginxDidNotStart: Error, CustomStringConvertible {
        var log: String
        var description: String { "nginx did not start:\n\(log)" }
    }

    /// A loopback port nothing listens on right now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : Int.random(in: 20_000...60_000)
    }

    @Test(.tags(.nginx), .needs(.nginx))
    func theBuiltSiteWorksUnderASubpathOfNginx() throws {
        let binary = try #require(Tool.nginx.path, "nginx is not installed: scripts/install-deps test installs it")
        let dir = TemporaryDirectory(); defer { dir.remove() }
        chmod(dir.path, 0o755)  // mkdtemp's 0700 would keep the workers out
        let site = dir.path + "/site"

        // Build for the port nginx will listen on; a port taken in between means another try.
        var started: Nginx?
        var failures: [String] = []
        for attempt in 0..<5 where started == nil {
            let port = Self.freePort()
            let build = loopreport(
                "build", "--date", "2026-03-18", "--base-url", "http://127.0.0.1:\(port)\(Self.subpath)",
                "-o", site, "content")
            try #require(build.status == 0, "\(build.stderr)")
            do {
                started = try Nginx(binary: binary, in: dir, name: "nginx\(attempt)", port: port, site: site)
            } catch {
                failures.append("\(error)")
            }
        }
        let nginx = try #require(started, "\(failures.joined(separator: "\n"))")
        defer { nginx.stop() }
        let base = nginx.base + Self.subpath

        // Crawl from the dashboard: every href, src and form action, resolved like a browser.
        var queue = [Self.subpath + "index.html"]
        var referrer = [queue[0]: "(start)"]
        var fetched: [String: (status: Int, type: String)] = [:]
        var outside: [String] = []  // references that leave the subpath
        var canonical: [String] = []  // pages whose canonical link is not their own URL
        while let path = queue.popLast() {
            guard fetched[path] == nil else { continue }
            let response = nginx.get(path)
            fetched[path] = (response.status, response.type)
            guard response.status == 200 else { continue }
            var references: [String] = []
            if path.hasSuffix(".html") {
                let attributes = Self.attributes(in: response.body)
                references = attributes.filter { ["href", "src", "action"].contains($0.name) }.map(\.value)
                // search.js loads `data-root` + search-index.js when the search box is used.
                references += attributes.filter { $0.name == "data-root" }.map { $0.value + "search-index.js" }
                let expected = nginx.base + path
                if !response.body.contains("<link rel=\"canonical\" href=\"\(expected)\">") {
                    canonical.append(path)
                }
            } else if path.hasSuffix(".css") {
                references = Self.cssURLs(in: response.body)
            }
            for reference in references {
                switch Self.resolve(reference, against: path, host: "127.0.0.1:\(nginx.port)") {
                case .skip: continue
                case .outside(let target): outside.append("\(path) → \(reference) (\(target))")
                case .inside(let target):
                    if fetched[target] == nil, referrer[target] == nil {
                        referrer[target] = path
                        queue.append(target)
                    }
                }
            }
        }

        // Every reachable URL answers 200 with the type its extension calls for.
        for (path, response) in fetched.sorted(by: { $0.key < $1.key }) {
            #expect(response.status == 200, "\(path) (linked from \(referrer[path] ?? "?")) answered \(response.status)")
            if let type = Self.expectedType(path) {
                #expect(response.type.lowercased().contains(type), "\(path): Content-Type \(response.type), expected \(type)")
            }
        }
        #expect(outside.isEmpty, "references outside \(Self.subpath):\n\(outside.joined(separator: "\n"))")
        #expect(canonical.isEmpty, "pages without their own canonical URL: \(canonical)")

        // The crawl reached every page of the output, starting with the ones a reader needs.
        let files = filesUnder(site).map { Self.subpath + $0 }.sorted()
        let pages = files.filter { $0.hasSuffix(".html") }
        let reached = Set(fetched.keys.map(Self.percentDecoded))
        for kind in ["index.html", "documents/", "groups/", "blocks/"] {
            let required = pages.filter { $0.dropFirst(Self.subpath.count).hasPrefix(kind) }
            #expect(!required.isEmpty, "no \(kind) pages in the output")
            #expect(required.allSatisfy(reached.contains), "unreachable: \(required.filter { !reached.contains($0) })")
        }
        #expect(pages.count >= 37)
        #expect(
            pages.filter { !reached.contains($0) }.isEmpty,
            "pages nothing links to: \(pages.filter { !reached.contains($0) })")

        // What no page links to is still served right: the JSON index and the sitemap.
        for path in files where !reached.contains(path) {
            let response = nginx.get(path)
            #expect(response.status == 200, "\(path) answered \(response.status)")
            if let type = Self.expectedType(path) {
                #expect(response.type.lowercased().contains(type), "\(path): Content-Type \(response.type), expected \(type)")
            }
            if path.hasSuffix(".json") {
                // Search results link to each entry's `u`, relative to the site root.
                let links = Self.jsonURLs(in: response.body)
                #expect(!links.isEmpty)
                for link in Set(links) {
                    let status = nginx.get(Self.subpath + link).status
                    #expect(status == 200, "search-index.json entry \(link) answered \(status)")
                }
            }
        }

        // The sitemap: absolute URLs under the base URL, one per page, each answering 200.
        let sitemap = nginx.get(Self.subpath + "sitemap.xml")
        #expect(sitemap.status == 200)
        let locations = Self.elements("loc", in: sitemap.body)
        #expect(!locations.isEmpty)
        #expect(locations.allSatisfy { $0.hasPrefix(base) }, "\(locations.filter { !$0.hasPrefix(base) })")
        #expect(
            Set(locations.map { Self.subpath + $0.dropFirst(base.count) }) == Set(pages),
            "sitemap and pages differ")
        for location in locations where location.hasPrefix(base) {
            let path = Self.subpath + location.dropFirst(base.count)
            let status = fetched[path]?.status ?? nginx.get(path).status
            #expect(status == 200, "\(location) answered \(status)")
        }

        // The subpath itself: its index page, and a redirect for the address without the slash.
        let root = nginx.get(Self.subpath)
        #expect(root.status == 200 && root.type.hasPrefix("text/html"))
        #expect(root.body == nginx.get(Self.subpath + "index.html").body)
        let redirect = runProcess([
            "curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
            "\(nginx.base)\(Self.subpath.dropLast())",
        ]).stdout
        #expect(redirect == "301 \(base)", "\(redirect)")
        #expect(!nginx.log.contains("[error]"), "\(nginx.log)")
        #expect(nginx.get("/index.html").status == 404)  // nothing of the site outside the subpath
    }

    // MARK: - Reading pages

    /// `name="value"` pairs of the attributes a crawler follows (`xlink:href` as `href`),
    /// values with character references decoded.
    static func attributes(in html: String) -> [(name: String, value: String)] {
        let bytes = Array(html.utf8)
        let names = ["href", "src", "action", "data-root"].map { Array($0.utf8) }
        var found: [(String, String)] = []
        var i = 1
        while i < bytes.count {
            let before = bytes[i - 1]
            guard
                before == UInt8(ascii: " ") || before == UInt8(ascii: "\n") || before == UInt8(ascii: "\t")
                    || before == UInt8(ascii: ":"),
                let name = names.first(where: { bytes[i...].starts(with: $0) })
            else { i += 1; continue }
            var j = i + name.count
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: "=") else { i += 1; continue }
            j += 1
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") else { i += 1; continue }
            let quote = bytes[j]
            var end = j + 1
            while end < bytes.count, bytes[end] != quote { end += 1 }
            found.append(
                (
                    String(decoding: name, as: UTF8.self),
                    decodeReferences(String(decoding: bytes[(j + 1)..<min(end, bytes.count)], as: UTF8.self))
                ))
            i = end + 1
        }
        return found
    }

    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = text
        for (entity, character) in [("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result
    }

    /// `url(…)` references of a style sheet, other than fragments and data URLs.
    static func cssURLs(in css: String) -> [String] {
        css.components(separatedBy: "url(").dropFirst().compactMap { part in
            let value = String(part.prefix { $0 != ")" }).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            return value.hasPrefix("#") || value.hasPrefix("data:") ? nil : value
        }
    }

    /// The `"u":"…"` values of the search index.
    static func jsonURLs(in json: String) -> [String] {
        json.components(separatedBy: "\"u\":\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    static func elements(_ name: String, in xml: String) -> [String] {
        xml.components(separatedBy: "<\(name)>").dropFirst().map { String($0.components(separatedBy: "</\(name)>")[0]) }
    }

    // MARK: - Resolving URLs

    enum Target {
        case skip
        case inside(String)
        case outside(String)
    }

    /// Resolves a reference on the page at `page` (an absolute path) as a browser would:
    /// fragments and queries dropped, other hosts and schemes skipped, `.` and `..` applied.
    static func resolve(_ reference: String, against page: String, host: String) -> Target {
        var reference = String(reference.prefix { $0 != "#" })
        reference = String(reference.prefix { $0 != "?" })
        if reference.isEmpty { return .skip }  // a fragment of the same page
        let lower = reference.lowercased()
        var path: String
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//") {
            let rest = reference.drop { $0 != "/" }.dropFirst(2)
            let authority = rest.prefix { $0 != "/" }
            guard authority.lowercased() == host else { return .skip }
            path = String(rest.dropFirst(authority.count))
            if path.isEmpty { path = "/" }
        } else if let colon = reference.firstIndex(of: ":"),
            !reference[..<colon].contains("/"),
            reference[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) })
        {
            return .skip  // mailto:, tel:, data:, javascript:
        } else if reference.hasPrefix("/") {
            path = reference
        } else {
            path = String(page[...page.lastIndex(of: "/")!]) + reference
        }
        // Remove dot segments (RFC 3986, 5.2.4); `..` above the root stays at the root.
        var segments: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in parts.enumerated() {
            let last = index == parts.count - 1
            switch segment {
            case ".": if last { segments.append("") }
            case "..":
                if !segments.isEmpty { segments.removeLast() }
                if last { segments.append("") }
            default: segments.append(segment)
            }
        }
        let resolved = "/" + segments.joined(separator: "/")
        return resolved.hasPrefix(subpath) ? .inside(resolved) : .outside(resolved)
    }

    static func percentDecoded(_ path: String) -> String {
        guard path.contains("%") else { return path }
        var bytes: [UInt8] = []
        var utf8 = Array(path.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func expectedType(_ path: String) -> String? {
        let types = [
            ".html": "text/html", ".css": "text/css", ".js": "javascript", ".json": "application/json",
            ".svg": "image/svg+xml", ".xml": "xml",
        ]
        return types.first { path.hasSuffix($0.key) }?.value
    }

    // MARK: - The crawler's own rules

    @Test func resolvesReferencesLikeABrowser() {
        let page = "/reports/tessera/blocks/3.4.html", host = "127.0.0.1:8080"
        func inside(_ reference: String) -> String? {
            if case .inside(let path) = Self.resolve(reference, against: page, host: host) { return path }
            return nil
        }
        #expect(inside("../groups/3.html#top") == "/reports/tessera/groups/3.html")
        #expect(inside("3.5.html?x=1") == "/reports/tessera/blocks/3.5.html")
        #expect(inside("./../index.html") == "/reports/tessera/index.html")
        #expect(inside("..") == "/reports/tessera/")
        #expect(inside("http://127.0.0.1:8080/reports/tessera/sitemap.xml") == "/reports/tessera/sitemap.xml")
        for skipped in ["#main", "mailto:a@example.com", "https://example.com/x", "//cdn.example.com/x.js", "data:,x"] {
            if case .skip = Self.resolve(skipped, against: page, host: host) {} else { Issue.record("\(skipped) not skipped") }
        }
        for escaping in ["/index.html", "../../x.html", "../../../../../etc/passwd", "http://127.0.0.1:8080/other/"] {
            if case .outside = Self.resolve(escaping, against: page, host: host) {} else { Issue.record("\(escaping) not outside") }
        }
        let found = Self.attributes(
            in: "<a class=\"x\" href=\"a.html?b=1&amp;c=2\"><use xlink:href='#m'/><img src=\"i.svg\"> data-href=\"no\"")
        #expect(found.map(\.value) == ["a.html?b=1&c=2", "#m", "i.svg"])
    }
}
