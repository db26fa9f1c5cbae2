import Dispatch
import Hummingbird
import Logging
import LoopReportPipeline
import LoopReportSite
import LoopReportSource
import LoopReportSupport
import ServiceLifecycle
import UnixSignals

/// `loopreport serve`: builds the site into memory, serves it, watches the content
/// (documents, config, templates), rebuilds after edits settle and tells open pages to
/// reload. A whole site is swapped in at once, so no request ever sees old and new pages
/// mixed. Errors are shown over the pages: over the new ones when the documents have errors
/// (the site still renders), over the last good ones when nothing could be rendered (a
/// broken template); the server keeps running either way.
package final class PreviewServer: Sendable {
    package struct Options: Sendable {
        package var root: String
        package var host: String
        package var port: Int
        package var site: SiteOptions
        /// Seconds a connection may send no complete request before it is closed.
        package var idleTimeout: Int
        package init(root: String, host: String, port: Int, site: SiteOptions, idleTimeout: Int = 30) {
            self.root = root
            self.host = host
            self.port = port
            self.site = site
            self.idleTimeout = idleTimeout
        }
    }

    /// What the last build left for the next: the parsed documents and the rendered site.
    private struct Builder {
        let cache = ProjectCache()
        var lastSite: RenderedSite?
    }

    let options: Options
    let site = ServedSite()
    /// Held for a whole rebuild: one at a time.
    private let builder = Locked(Builder())

    package init(options: Options) {
        self.options = options
    }

    // MARK: Building

    /// Builds the site into memory and returns a line saying how it went. Errors keep the
    /// previous pages and are shown over them.
    @discardableResult
    package func rebuild() -> String {
        let clock = ContinuousClock()
        let start = clock.now
        let (errors, parsed, rendered) = builder.withLock { builder in
            let loaded = builder.cache.load(root: options.root)
            var errors = loaded.diagnostics.filter { $0.severity == .error }.map { diagnostic -> String in
                let place = diagnostic.range.map { "\($0.path):\($0.start.line):\($0.start.column): " } ?? ""
                return place + diagnostic.message
            }
            var files: [String: ServedSite.File]?
            var rendered = 0
            do {
                let built = try Pipeline.renderSite(loaded, options: options.site, previous: builder.lastSite, incremental: true)
                builder.lastSite = built
                rendered = built.site.renderedCount
                let previous = site.current.files
                var served: [String: ServedSite.File] = [:]
                served.reserveCapacity(built.site.files.count)
                for file in built.site.files { served[file.path] = ServedSite.file(path: file.path, bytes: file.bytes, reusing: previous) }
                files = served
            } catch let error as TemplateSet.TemplateError {
                errors.append(error.description)
            } catch {
                errors.append("\(error)")
            }
            // A build with errors in the documents still renders (its diagnostics page lists
            // them); only a build that produced no pages keeps the old ones. Published under
            // the lock, so that builds are served in the order they were made.
            site.publish(files, errors: errors)
            return (errors, builder.cache.parsedLastTime, rendered)
        }
        let elapsed = clock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return "rebuilt in \(numberText(ms, decimals: 0)) ms (\(parsed) document\(parsed == 1 ? "" : "s") parsed, "
            + "\(rendered) page\(rendered == 1 ? "" : "s") rendered)"
            + (errors.isEmpty ? "" : ", \(errors.count) error\(errors.count == 1 ? "" : "s")")
    }

    /// `rebuild()` on a thread of its own: a rebuild blocks for its whole length (it parses
    /// and renders on every core), which Swift's few pool threads, serving requests, must not.
    private func rebuildOffThePool() async -> String {
        await withCheckedContinuation { continuation in
            rebuildQueue.async { continuation.resume(returning: self.rebuild()) }
        }
    }

    private let rebuildQueue = DispatchQueue(label: "loopreport.rebuild")

    /// How long the content must stay unchanged before a rebuild: editors write a file in
    /// several system calls within a millisecond or two.
    static let settleDelay = Duration.milliseconds(10)
    /// In a continuous burst of changes, the longest a rebuild waits.
    static let longestWait = Duration.seconds(1)
    /// How often open pages are pinged while nothing changes, so closed ones are noticed.
    static let pingInterval = Duration.seconds(15)

    /// Watches the content and rebuilds once edits have settled (10 ms without a change, or
    /// 1 s into a continuous burst), one rebuild at a time, calling `onRebuild` with each
    /// rebuild's line; pings open pages while nothing changes. Returns when the task is cancelled.
    package func watch(onRebuild: @escaping @Sendable (String) -> Void) async {
        /// Changes seen since the last rebuild began, and when the latest came.
        struct Pending {
            var changed = false
            var latest = ContinuousClock.now
        }
        let pending = Locked(Pending())
        let wakeUps = FileWatcher.changes(root: options.root) { pending.withLock { $0 = Pending(changed: true, latest: .now) } }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while (try? await Task.sleep(for: Self.pingInterval)) != nil { self.site.broadcast("ping") }
            }
            group.addTask {
                // The stream keeps one wake-up at most. A wake-up for changes a rebuild already
                // read (they came while it settled) finds nothing pending, and is let go.
                for await _ in wakeUps {
                    let burst = ContinuousClock.now
                    while true {
                        let wait: Duration? = pending.withLock { pending in
                            guard pending.changed else { return nil }
                            let left = min(pending.latest + Self.settleDelay, burst + Self.longestWait) - .now
                            if left <= .zero { pending.changed = false }
                            return left
                        }
                        guard let wait else { break }
                        guard wait > .zero else {
                            onRebuild(await self.rebuildOffThePool())
                            break
                        }
                        do { try await Task.sleep(for: wait) } catch { return }  // cancelled
                    }
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    // MARK: Serving

    static let eventsPath = "/__loopreport/events"

    /// The routes and middleware: requests are checked, HTML pages get the reload script, the
    /// site's files are served from memory, and the reload events are streamed.
    func router<Context: RequestContext>(context: Context.Type = BasicRequestContext.self) -> Router<Context> {
        let router = Router(context: Context.self)
        router.add(middleware: RequestGuard(boundHost: options.host))
        router.add(middleware: ReloadInjection(site: site))
        router.add(middleware: SiteFiles(site: site))
        router.get(RouterPath(Self.eventsPath)) { _, _ in self.events() }
        // HEAD: the stream's headers, and no stream (nothing would ever read it).
        router.head(RouterPath(Self.eventsPath)) { _, _ in Response(status: .ok, headers: Self.eventStreamHeaders) }
        return router
    }

    /// Runs the HTTP server until SIGINT or SIGTERM.
    package func serve(onRunning: @escaping @Sendable (Int) -> Void) async throws {
        var logger = Logger(label: "loopreport.serve")
        logger.logLevel = .warning
        // A connection that sends no complete request for `idleTimeout` seconds is closed (a
        // slow client holds no connection for good); a reload stream, a response in progress,
        // is never idle.
        let app = Application(
            router: router(),
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(options.idleTimeout)))),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "LoopReport"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        // Shut down in reverse order: the reload streams end first, then the HTTP server
        // (which waits for open requests) stops.
        let group = ServiceGroup(
            configuration: .init(
                services: [app, EventStreamCloser(site: site)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    static let eventStreamHeaders: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]

    /// Server-sent events: `reload N` after every rebuild.
    func events() -> Response {
        let stream = site.listen()
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
            for await event in stream {
                // Pings find connections the browser has closed, so their handlers end.
                try await writer.write(ByteBuffer(string: event == "ping" ? ": ping\n\n" : "data: \(event)\n\n"))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: Self.eventStreamHeaders, body: body)
    }
}

/// Ends the reload streams when the server shuts down (Ctrl-C, SIGTERM): an open page's
/// stream would otherwise keep the graceful shutdown waiting for ever.
struct EventStreamCloser: Service {
    let site: ServedSite

    func run() async throws {
        try? await gracefulShutdown()
        site.finishListeners()
    }
}
