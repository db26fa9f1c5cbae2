import Dispatch
import Hummingbird
import Logging
import ServiceLifecycle
import LoopReportPipeline
import LoopReportSite
import LoopReportSource
#if canImport(Glibc)
import Glibc
#endif

/// `loopreport serve`: builds the site into memory, serves it, watches the content
/// (documents, config, templates), rebuilds after edits settle and tells open pages to
/// reload. A whole site is swapped in at once, so no request ever sees old and new pages
/// mixed. Errors are shown over the pages: over the new ones when the documents have errors
/// (the site still renders), over the last good ones when nothing could be rendered (a
/// broken template); the server keeps running either way.
public final class PreviewServer: @unchecked Sendable {
    public struct Options: Sendable {
        public var root: String
        public var host: String
        public var port: Int
        public var site: SiteOptions
        /// Seconds a connection may send no complete request before it is closed.
        public var idleTimeout: Int
        public init(root: String, host: String, port: Int, site: SiteOptions, idleTimeout: Int = 30) {
            self.root = root
            self.host = host
            self.port = port
            self.site = site
            self.idleTimeout = idleTimeout
        }
    }

    /// A file as served: bytes, type and validator.
    struct ServedFile: Sendable {
        var bytes: [UInt8]
        var contentType: String
        var etag: String
    }

    /// What is being served: the last good site and the problems of the latest build.
    struct State: Sendable {
        var files: [String: ServedFile] = [:]
        var errors: [String] = []
        var generation = 0
    }

    let options: Options
    private let cache = ProjectCache()
    /// The last site built, so the next build re-renders only pages whose inputs changed.
    private var lastSite: RenderedSite?
    private let lock = Locked()
    private var state = State()
    private var listeners: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextListener = 0
    /// Edits seen since the last rebuild started, and the time of the latest one.
    private var pending = false
    private var lastChange = 0.0
    /// Called after every rebuild with its summary (the command prints it).
    public var onRebuild: (@Sendable (String) -> Void)?

    public init(options: Options) {
        self.options = options
    }

    var current: State { lock.locked { state } }

    // MARK: Building

    /// Builds the site into memory. Errors keep the previous pages and are shown over them.
    @discardableResult
    public func rebuild() -> String {
        let clock = ContinuousClock()
        let start = clock.now
        let loaded = cache.load(root: options.root)
        var errors = loaded.diagnostics.filter { $0.severity == .error }.map { diagnostic -> String in
            let place = diagnostic.range.map { "\($0.path):\($0.start.line):\($0.start.column): " } ?? ""
            return place + diagnostic.message
        }
        var files: [String: ServedFile]?
        var renderedCount = 0
        do {
            let rendered = try Pipeline.renderSite(loaded, options: options.site, previous: lastSite, incremental: true)
            lastSite = rendered
            let site = rendered.site
            renderedCount = site.renderedCount
            let previous = current.files
            var served: [String: ServedFile] = [:]
            served.reserveCapacity(site.files.count)
            for file in site.files {
                // An unchanged file keeps its validator (comparing is cheaper than hashing).
                if let old = previous[file.path], Self.same(old.bytes, file.bytes) {
                    served[file.path] = old
                } else {
                    served[file.path] = ServedFile(bytes: file.bytes, contentType: Self.contentType(file.path), etag: Self.etag(file.bytes))
                }
            }
            files = served
        } catch let error as TemplateSet.TemplateError {
            errors.append(error.description)
        } catch {
            errors.append("\(error)")
        }
        let generation: Int = lock.locked {
            // A build with errors in the documents still renders (its diagnostics page lists
            // them); only a build that produced no pages keeps the old ones.
            if let files { state.files = files }
            state.errors = errors
            state.generation += 1
            return state.generation
        }
        let elapsed = clock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let parsed = cache.parsedLastTime
        let summary = "rebuilt in \(numberText(ms, decimals: 0)) ms (\(parsed) document\(parsed == 1 ? "" : "s") parsed, "
            + "\(renderedCount) page\(renderedCount == 1 ? "" : "s") rendered)"
            + (errors.isEmpty ? "" : ", \(errors.count) error\(errors.count == 1 ? "" : "s")")
        broadcast("reload \(generation)")
        return summary
    }

    /// Watches the content and rebuilds once edits have settled (10 ms without a change,
    /// or 1 s into a continuous burst), one rebuild at a time.
    public func watch() {
        guard let watcher = FileWatcher(root: options.root) else { return }
        DispatchQueue(label: "loopreport.watch").async { watcher.run { self.noteChange() } }
        DispatchQueue(label: "loopreport.rebuild").async {
            while true {
                // Woken by the first change; pings find closed pages while nothing changes.
                if self.changed.wait(timeout: .now() + .seconds(15)) == .timedOut {
                    self.broadcast("ping")
                    continue
                }
                while true {
                    let wait: Double? = self.lock.locked {
                        guard self.pending else { return nil }
                        let left = self.lastChange + Self.settleDelay - Self.now()
                        if left <= 0 { self.pending = false }
                        return max(0, left)
                    }
                    guard let wait else { break }
                    if wait == 0 { self.onRebuild?(self.rebuild()); break }
                    usleep(useconds_t(wait * 1e6) + 100)
                }
            }
        }
    }

    /// How long the content must stay unchanged before a rebuild: editors write a file in
    /// several system calls within a millisecond or two.
    static let settleDelay = 0.01
    /// Signalled on every change the watcher reports.
    private let changed = DispatchSemaphore(value: 0)

    private func noteChange() {
        lock.locked {
            let now = Self.now()
            // In a continuous burst, rebuild at least once a second.
            if !pending || now - lastChange < 1 { lastChange = now }
            pending = true
        }
        changed.signal()
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    // MARK: Reload events

    func listen() -> AsyncStream<String> {
        AsyncStream { continuation in
            let id: Int = lock.locked {
                nextListener += 1
                listeners[nextListener] = continuation
                return nextListener
            }
            continuation.onTermination = { [weak self] _ in
                guard let self else { return }
                _ = self.lock.locked { self.listeners.removeValue(forKey: id) }
            }
        }
    }

    /// Ends every event stream (on shutdown, so open pages don't hold the server up).
    func finishListeners() {
        let targets = lock.locked { () -> [AsyncStream<String>.Continuation] in
            defer { listeners.removeAll() }
            return Array(listeners.values)
        }
        for continuation in targets { continuation.finish() }
    }

    private func broadcast(_ event: String) {
        let targets = lock.locked { Array(listeners.values) }
        for continuation in targets { continuation.yield(event) }
    }

    // MARK: Serving

    /// Runs the HTTP server until SIGINT or SIGTERM.
    public func serve(onRunning: @escaping @Sendable (Int) -> Void) async throws {
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            self.respond(to: request)
        }
        var logger = Logger(label: "loopreport.serve")
        logger.logLevel = .warning
        // A connection that sends no complete request for `idleTimeout` seconds is closed (a
        // slow client holds no connection for good); a reload stream, a response in progress,
        // is never idle.
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(options.idleTimeout)))),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "LoopReport"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        // Shut down in reverse order: the reload streams end first, then the HTTP server
        // (which waits for open requests) stops.
        let group = ServiceGroup(configuration: .init(services: [app, EventStreamCloser(server: self)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    static let eventsPath = "/__loopreport/events"
    static let maxURILength = 8192

    func respond(to request: Request) -> Response {
        let method = request.method
        // DNS rebinding: a page on another site whose name resolves to this machine must not
        // read the preview. Only the bound name, loopback names and IP literals are answered.
        guard Self.isAllowedHost(request.head.authority, bound: options.host) else {
            return Self.plain(.forbidden, "This preview answers only to the name it is served at (or localhost, or an IP address).\n")
        }
        guard method == .get || method == .head else {
            return Self.plain(.methodNotAllowed, "Only GET and HEAD are served.\n", headers: [.allow: "GET, HEAD"])
        }
        // Requests are bounded: a URI of at most 8 KiB, no body (headers are bounded by the
        // HTTP parser, which closes the connection beyond 80 KiB).
        guard request.uri.string.utf8.count <= Self.maxURILength else {
            return Self.plain(.uriTooLong, "The request URI is longer than \(Self.maxURILength) bytes.\n")
        }
        if request.headers[.transferEncoding] != nil || (request.headers[.contentLength].flatMap { Int($0) } ?? 0) > 0 {
            return Self.plain(.contentTooLarge, "GET and HEAD requests carry no body.\n")
        }
        let rawPath = request.uri.path
        if rawPath == Self.eventsPath { return events() }
        guard let path = Self.sitePath(rawPath) else { return Self.plain(.badRequest, "Bad path.\n") }
        let state = current
        guard let file = state.files[path] ?? state.files[path.isEmpty ? "index.html" : path + "/index.html"] else {
            return Self.plain(.notFound, "Not found: /\(path)\n")
        }
        if request.headers[.ifNoneMatch] == file.etag, state.errors.isEmpty {
            return Response(status: .notModified, headers: [.eTag: file.etag])
        }
        var bytes = file.bytes
        if file.contentType.hasPrefix("text/html") { bytes = Self.inject(into: bytes, errors: state.errors) }
        var headers: HTTPFields = [.contentType: file.contentType, .cacheControl: "no-cache"]
        if state.errors.isEmpty { headers[.eTag] = file.etag }
        headers[.contentLength] = String(bytes.count)
        let body = method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Whether a request's Host (`authority`) names this server: the host it was started with,
    /// `localhost` (and `*.localhost`), or an IP address literal, with any port. A request
    /// without one (HTTP/1.0) is answered.
    static func isAllowedHost(_ authority: String?, bound: String) -> Bool {
        guard let authority, !authority.isEmpty else { return true }
        var host = Substring(authority.lowercased())
        if host.hasPrefix("[") {   // [::1]:8080
            guard let close = host.firstIndex(of: "]") else { return false }
            return host[host.index(after: host.startIndex)..<close].allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        if host == bound.lowercased() || host == "localhost" || host.hasSuffix(".localhost") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isNumber) && Int(part)! <= 255 }
    }

    /// Server-sent events: `reload N` after every rebuild.
    func events() -> Response {
        let stream = listen()
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
            for await event in stream {
                // Pings find connections the browser has closed, so their handlers end.
                try await writer.write(ByteBuffer(string: event == "ping" ? ": ping\n\n" : "data: \(event)\n\n"))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    /// The site path of a request path: percent-decoded, without the leading `/`; nil for
    /// anything that could leave the site (`..`, NUL, backslashes, bad escapes).
    static func sitePath(_ raw: String) -> String? {
        var bytes: [UInt8] = []
        var utf8 = Array(raw.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == 0x25 {   // %
                guard utf8.count >= 2, let high = hex(utf8.popFirst()!), let low = hex(utf8.popFirst()!) else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        guard !bytes.contains(0), !bytes.contains(0x5C), let path = String(validating: bytes, as: UTF8.self) else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        return parts.joined(separator: "/")
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }

    /// Served pages (never built ones) get the reload script and, when the latest build
    /// failed, the errors over the page.
    static func inject(into page: [UInt8], errors: [String]) -> [UInt8] {
        var addition = "<script>(function(){var s=new EventSource(\"\(eventsPath)\");"
            + "s.onmessage=function(e){if(e.data.indexOf(\"reload\")===0){location.reload();}};})();</script>"
        if !errors.isEmpty {
            var list = ""
            for error in errors.prefix(50) {
                list += "<li>" + htmlEscaped(error) + "</li>"
            }
            addition += "<div id=\"loopreport-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;"
                + "background:#3d1715;color:#ffe9e7;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.5rem;z-index:1000;"
                + "border-top:4px solid #ff7b72\"><strong>LoopReport: the content has errors</strong><ul>"
                + list + "</ul></div>"
        }
        let marker = Array("</body>".utf8)
        guard let at = lastIndex(of: marker, in: page) else { return page + Array(addition.utf8) }
        return Array(page[..<at]) + Array(addition.utf8) + Array(page[at...])
    }

    static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

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

    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        // A page reused from the last build shares its bytes: no need to compare them.
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in x.baseAddress == y.baseAddress || memcmp(x.baseAddress!, y.baseAddress!, a.count) == 0 }
        }
    }

    /// A strong validator: FNV-1a over the bytes.
    static func etag(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\"" + String(hash, radix: 16) + "\""
    }
}

/// Ends the reload streams when the server shuts down (Ctrl-C, SIGTERM): an open page's
/// stream would otherwise keep the graceful shutdown waiting for ever.
struct EventStreamCloser: Service {
    let server: PreviewServer

    func run() async throws {
        try? await gracefulShutdown()
        server.finishListeners()
    }
}
