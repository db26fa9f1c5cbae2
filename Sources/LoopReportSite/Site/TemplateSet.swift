import LoopReportDiagrams
import LoopReportSource
import LoopReportSupport
import Mustache

/// The site's templates and assets: the defaults compiled into the binary (from
/// `templates/`), each replaced by the project's own file of the same name when it has one.
package struct TemplateSet: Sendable {
    /// A template that cannot be read: the file and line the parser stopped at.
    package struct TemplateError: Error, CustomStringConvertible, Sendable {
        package var file: String
        package var line: Int
        package var column: Int
        package var message: String
        package var description: String { "\(file):\(line):\(column): error: \(message)" }
        package init(file: String, line: Int, column: Int, message: String) {
            self.file = file
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// The default files, by name.
    package static let defaults: [String: [UInt8]] = [
        "layout.mustache": PackageResources.layout_mustache,
        "dashboard.mustache": PackageResources.dashboard_mustache,
        "page.mustache": PackageResources.page_mustache,
        "site.css": PackageResources.site_css,
        "search.js": PackageResources.search_js,
    ]

    let library: MustacheLibrary
    package let stylesheet: String
    package let script: String
    /// A hash of every template and asset in use (this process only).
    let fingerprint: Int
    /// The project's replacements, by file name.
    package let overrideTexts: [String: String]

    /// - Parameter overrides: file name → contents and the path it came from, from the
    ///   project's `templates/` directory.
    package init(overrides: [String: (path: String, text: String)] = [:]) throws {
        func text(_ name: String) -> (path: String, text: String) {
            overrides[name] ?? ("templates/\(name) (built in)", String(decoding: Self.defaults[name]!, as: UTF8.self))
        }
        var library = MustacheLibrary()
        for name in Self.defaults.keys.sorted() where name.hasSuffix(".mustache") {
            let source = text(name)
            do {
                library.register(try MustacheTemplate(string: source.text), named: String(name.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                throw TemplateError(
                    file: source.path, line: error.context.lineNumber, column: error.context.columnNumber,
                    message: "cannot read the template: \(error.error)")
            }
        }
        self.library = library
        overrideTexts = overrides.mapValues(\.text)
        // The diagrams' colours come from one place (DiagramStyle) into the stylesheet.
        self.stylesheet = text("site.css").text
            .replacingOccurrences(of: "/* LIGHT_DIAGRAM_VARIABLES */", with: DiagramStyle.lightVariables)
            .replacingOccurrences(of: "/* DARK_DIAGRAM_VARIABLES */", with: DiagramStyle.darkVariables)
            .replacingOccurrences(of: "/* DIAGRAM_RULES */", with: DiagramStyle.rules)
        self.script = text("search.js").text
        var hasher = Hasher()
        for name in Self.defaults.keys.sorted() { hasher.combine(text(name).text) }
        fingerprint = hasher.finalize()
    }

    func render(_ context: [String: Any], template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}
