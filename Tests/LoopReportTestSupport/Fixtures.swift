import LoopReportPipeline
import LoopReportSource

#if canImport(Glibc)
import Glibc
#endif

/// Builds a project from in-memory documents: `("01-plan.md", text), …`.
package func project(_ documents: (String, String)...) -> LoadedProject {
    Pipeline.model(files: documents.map { SourceFile(path: $0.0, text: $0.1) })
}

/// A project with a `loopreport.yml`.
package func project(config: String, _ documents: (String, String)...) -> LoadedProject {
    Pipeline.model(
        files: documents.map { SourceFile(path: $0.0, text: $0.1) },
        config: SourceFile(path: "loopreport.yml", text: config))
}

/// A single-document project.
package func project(_ text: String, path: String = "plan.md") -> LoadedProject {
    Pipeline.model(files: [SourceFile(path: path, text: text)])
}

/// The package root (for `content/`, golden files and the built binary).
package let packageRoot: String = {
    var path = #filePath
    for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
    return path
}()

/// Where temporary files go: `$TMPDIR`, else /tmp.
package let temporaryRoot: String = {
    if let value = getenv("TMPDIR").map({ String(cString: $0) }), !value.isEmpty {
        return value.count > 1 && value.hasSuffix("/") ? String(value.dropLast()) : value
    }
    return "/tmp"
}()

/// A fresh directory of its own under the temporary root (`mkdtemp`), removed by `remove()`.
package struct TemporaryDirectory: Sendable {
    package let path: String

    package init() {
        var template = Array((temporaryRoot + "/loopreport-test-XXXXXX").utf8CString)
        let result = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let result else {
            fatalError("cannot create a temporary directory under \(temporaryRoot): \(String(cString: strerror(errno)))")
        }
        path = String(cString: result)
    }

    @discardableResult
    package func write(_ relative: String, _ text: String) -> String { write(relative, bytes: Array(text.utf8)) }

    @discardableResult
    package func write(_ relative: String, bytes: [UInt8]) -> String {
        let full = path + "/" + relative
        writeFile(full, bytes: bytes)
        return full
    }

    /// Removes the directory and everything in it (symbolic links, not what they point to).
    package func remove() { removeTree(path) }
}
