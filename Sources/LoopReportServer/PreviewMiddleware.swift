import Hummingbird
import LoopReportSite
import LoopReportSource

/// Refuses what the preview never answers, before anything else sees the request: another
/// site's name (DNS rebinding), methods other than GET and HEAD, long URIs and bodies. A HEAD
/// request gets the GET response's headers without its body.
struct RequestGuard<Context: RequestContext>: RouterMiddleware {
    /// The host the server was started with.
    let boundHost: String
    static var maxURILength: Int { 8192 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // DNS rebinding: a page on another site whose name resolves to this machine must not
        // read the preview. Only the bound name, loopback names and IP literals are answered.
        guard Self.isAllowedHost(request.head.authority, bound: boundHost) else {
            return .plain(.forbidden, "This preview answers only to the name it is served at (or localhost, or an IP address).\n")
        }
        guard request.method == .get || request.method == .head else {
            return .plain(.methodNotAllowed, "Only GET and HEAD are served.\n", headers: [.allow: "GET, HEAD"])
        }
        // Requests are bounded: a URI of at most 8 KiB, no body (headers are bounded by the
        // HTTP parser, which closes the connection beyond 80 KiB).
        guard request.uri.string.utf8.count <= Self.maxURILength else {
            return .plain(.uriTooLong, "The request URI is longer than \(Self.maxURILength) bytes.\n")
        }
        if request.headers[.transferEncoding] != nil || (request.headers[.contentLength].flatMap { Int($0) } ?? 0) > 0 {
            return .plain(.contentTooLarge, "GET and HEAD requests carry no body.\n")
        }
        let response = try await next(request, context)
        return request.method == .head ? response.createHeadResponse() : response
    }

    /// Whether a request's Host (`authority`) names this server: the host it was started with,
    /// `localhost` (and `*.localhost`), or an IP address literal, with any port. A request
    /// without one (HTTP/1.0) is answered.
    static func isAllowedHost(_ authority: String?, bound: String) -> Bool {
        guard let authority, !authority.isEmpty else { return true }
        var host = Substring(authority.lowercased())
        if host.hasPrefix("[") {  // [::1]:8080
            guard let close = host.firstIndex(of: "]") else { return false }
            return host[host.index(after: host.startIndex)..<close].allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        if host == bound.lowercased() || host == "localhost" || host.hasSuffix(".localhost") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isNumber) && Int(part)! <= 255 }
    }
}

/// Adds the reload script to every HTML page served (never to the built files) and, when the
/// latest build failed, the errors over the page.
struct ReloadInjection<Context: RequestContext>: RouterMiddleware {
    let site: ServedSite

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard response.status == .ok, response.headers[.contentType]?.hasPrefix("text/html") == true else { return response }
        let collected = CollectedBody()
        try await response.body.write(CollectingWriter(into: collected))
        let errors = site.current.errors
        let page = Self.inject(into: collected.bytes, errors: errors)
        response.body = ResponseBody(byteBuffer: ByteBuffer(bytes: page))  // and its Content-Length
        // A page carrying errors is never cached (they may have come since the file was chosen).
        if !errors.isEmpty { response.headers[.eTag] = nil }
        return response
    }

    static func inject(into page: [UInt8], errors: [String]) -> [UInt8] {
        var addition =
            "<script>(function(){var s=new EventSource(\"\(PreviewServer.eventsPath)\");"
            + "s.onmessage=function(e){if(e.data.indexOf(\"reload\")===0){location.reload();}};})();</script>"
        if !errors.isEmpty {
            var list = ""
            for error in errors.prefix(50) {
                list += "<li>" + htmlEscaped(error) + "</li>"
            }
            addition +=
                "<div id=\"loopreport-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;"
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
}

/// A response body's bytes, gathered by `CollectingWriter`.
private final class CollectedBody {
    var bytes: [UInt8] = []
}

private struct CollectingWriter: ResponseBodyWriter {
    let into: CollectedBody
    mutating func write(_ buffer: ByteBuffer) async throws { into.bytes += buffer.readableBytesView }
    mutating func write(contentsOf buffers: some Sequence<ByteBuffer>) async throws {
        for buffer in buffers { into.bytes += buffer.readableBytesView }
    }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// Serves the site from memory: `/groups/3.html`, and a folder's `index.html` for the folder.
/// Anything else goes on to the router (the reload events), then is not found.
struct SiteFiles<Context: RequestContext>: RouterMiddleware {
    let site: ServedSite

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path != PreviewServer.eventsPath else { return try await next(request, context) }
        guard let path = Self.sitePath(request.uri.path) else { return .plain(.badRequest, "Bad path.\n") }
        let state = site.current
        guard let file = state.files[path] ?? state.files[path.isEmpty ? "index.html" : path + "/index.html"] else {
            return .plain(.notFound, "Not found: /\(path)\n")
        }
        // While the content has errors, pages carry them: nothing is cached.
        if request.headers[.ifNoneMatch] == file.etag, state.errors.isEmpty {
            return Response(status: .notModified, headers: [.eTag: file.etag])
        }
        var headers: HTTPFields = [.contentType: file.contentType, .cacheControl: "no-cache", .contentLength: String(file.bytes.count)]
        if state.errors.isEmpty { headers[.eTag] = file.etag }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }

    /// The site path of a request path: percent-decoded, without the leading `/`; nil for
    /// anything that could leave the site (`..`, NUL, backslashes, bad escapes).
    static func sitePath(_ raw: String) -> String? {
        var bytes: [UInt8] = []
        var utf8 = Array(raw.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == 0x25 {  // %
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
}

extension Response {
    /// A short plain-text answer (errors, refusals).
    static func plain(_ status: HTTPResponse.Status, _ text: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
