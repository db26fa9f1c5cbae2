import LoopReportSite
import LoopReportSource

#if canImport(Glibc)
import Glibc
#endif

extension Pipeline {
    /// The site's templates: the built-in defaults, each replaced by the project's
    /// `templates/NAME` when it exists (`layout.mustache`, `page.mustache`, `site.css` …).
    /// - Parameter previous: returned as it is when the project's files are unchanged
    ///   (`serve` reads them on every rebuild, and compiling them costs more).
    package static func templates(root: String?, reusing previous: TemplateSet? = nil) throws -> TemplateSet {
        var overrides: [String: (path: String, text: String)] = [:]
        if let root {
            for name in TemplateSet.defaults.keys.sorted() {
                let relative = "templates/" + name
                guard access(root + "/" + relative, F_OK) == 0 else { continue }
                // A template linked to a file outside the project would be published with the site.
                if let target = ContentLoader.realPath(root + "/" + relative), let base = ContentLoader.realPath(root),
                    !ContentLoader.isInside(target, base)
                {
                    throw TemplateSet.TemplateError(
                        file: root + "/" + relative, line: 1, column: 1,
                        message: "the template is a symbolic link to '\(target)', outside the project; not read")
                }
                switch ContentLoader.readDocument(root: root, relative: relative) {
                case .success(let file): overrides[name] = (root + "/" + relative, file.text)
                case .failure(let diagnostic):
                    throw TemplateSet.TemplateError(file: root + "/" + relative, line: 1, column: 1, message: diagnostic.message)
                }
            }
        }
        if let previous, previous.overrideTexts == overrides.mapValues(\.text) { return previous }
        return try TemplateSet(overrides: overrides)
    }
}
