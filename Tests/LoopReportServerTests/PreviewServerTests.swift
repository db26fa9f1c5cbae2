import Hummingbird
import HummingbirdTesting
import LoopReportSite
import LoopReportSupport
import LoopReportTestSupport
import Testing

@testable import LoopReportServer

/// The preview's routes and middleware, in process: what a browser gets for each request.
@Suite struct PreviewServerTests {
    static let plan = """
        # Plan

        ### Group 1: Parser
        #### Block 1.1: Lexer
        **Dependencies**: None
        **Estimated Effort**: 2 days
        """

    /// A server over a fresh project, built once.
    func server(_ documents: [(String, String)] = [("01-plan.md", plan)]) -> (PreviewServer, TemporaryDirectory) {
        let dir = TemporaryDirectory()
        for (path, text) in documents { dir.write(path, text) }
        let server = PreviewServer(options: .init(root: dir.path, host: "127.0.0.1", port: 0, site: SiteOptions()))
        server.rebuild()
        return (server, dir)
    }

    @Test func pagesAreServedFromMemoryWithTheReloadScriptAndAValidator() async throws {
        let (server, dir) = server(); defer { dir.remove() }
        try await Application(router: server.router()).test(.router) { client in
            let etag = try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = String(buffer: response.body)
                #expect(page.contains("<title>"))
                #expect(page.contains("new EventSource(\"/__loopreport/events\")"))
                #expect(response.headers[.contentLength] == String(response.body.readableBytes))
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
            try await client.execute(uri: "/assets/site.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(!String(buffer: response.body).contains("EventSource"))
            }
        }
    }

    @Test func headAnswersWithTheHeadersOfGetAndNoBody() async throws {
        let (server, dir) = server(); defer { dir.remove() }
        try await Application(router: server.router()).test(.router) { client in
            let length = try await client.execute(uri: "/index.html", method: .get) { $0.headers[.contentLength] }
            try await client.execute(uri: "/index.html", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentLength] == length)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test func onlyGetAndHeadOfTheSiteAreAnswered() async throws {
        let (server, dir) = server(); defer { dir.remove() }
        try await Application(router: server.router()).test(.router) { client in
            try await client.execute(uri: "/", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
            try await client.execute(uri: "/no-such-page.html", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/%2e%2e/etc/passwd", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/a%5Cb", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/" + String(repeating: "a", count: 9000), method: .get) {
                #expect($0.status == .uriTooLong)
            }
        }
    }

    /// DNS rebinding (a real server refusing another name is in LoopReportCLITests).
    @Test func onlyTheBoundNameLoopbackAndAddressesAreHosts() {
        typealias Guard = RequestGuard<BasicRequestContext>
        #expect(Guard.isAllowedHost("localhost:1313", bound: "127.0.0.1"))
        #expect(Guard.isAllowedHost("preview.localhost", bound: "127.0.0.1"))
        #expect(Guard.isAllowedHost("reports.internal:8080", bound: "reports.internal"))
        #expect(Guard.isAllowedHost("192.168.1.20:8080", bound: "0.0.0.0"))
        #expect(Guard.isAllowedHost("[::1]:1313", bound: "::1"))
        #expect(Guard.isAllowedHost(nil, bound: "127.0.0.1"))
        #expect(!Guard.isAllowedHost("attacker.example", bound: "127.0.0.1"))
        #expect(!Guard.isAllowedHost("127.0.0.1.attacker.example", bound: "127.0.0.1"))
        #expect(!Guard.isAllowedHost("[evil]:80", bound: "::1"))
    }

    @Test func errorsAreShownOverTheLastGoodPagesAndNotCached() async throws {
        let (server, dir) = server(); defer { dir.remove() }
        let good = server.site.current.files["index.html"]
        dir.write("templates/layout.mustache", "{{#unclosed}}")
        #expect(server.rebuild().contains("1 error"))
        #expect(server.site.current.files["index.html"]?.bytes == good?.bytes)
        try await Application(router: server.router()).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] == nil)
                let page = String(buffer: response.body)
                #expect(page.contains("id=\"loopreport-errors\""))
                #expect(page.contains("layout.mustache"))
            }
        }
    }

    @Test func aRebuildSwapsTheSiteAndTellsOpenPages() async throws {
        let (server, dir) = server(); defer { dir.remove() }
        var events = server.site.listen().makeAsyncIterator()
        dir.write("01-plan.md", Self.plan.replacingOccurrences(of: "Lexer", with: "Tokeniser"))
        let line = server.rebuild()
        #expect(line.hasPrefix("rebuilt in "))
        #expect(line.contains("1 document parsed"))
        #expect(await events.next() == "reload 2")
        let page = try #require(server.site.current.files["blocks/1.1.html"])
        #expect(String(decoding: page.bytes, as: UTF8.self).contains("Tokeniser"))
    }
}
