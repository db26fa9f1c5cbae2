import LoopReportSource
import LoopReportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct ContentLoaderTests {
    @Test func readsMarkdownRecursivelyInPathOrder() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("b.md", "# B\n")
        dir.write("a/2.md", "# A2\n")
        dir.write("a/10.md", "# A10\n")
        dir.write("loopreport.yml", "title: X\n")
        dir.write(".hidden.md", "# hidden\n")
        // Template overrides at the root are not documents (nor ignored files).
        dir.write("templates/page.mustache", "{{{body}}}\n")
        dir.write("templates/notes.md", "# Not a document\n")
        dir.write("a/templates/c.md", "# C\n")
        let loaded = ContentLoader.load(root: dir.path)
        #expect(loaded.files.map(\.path) == ["a/10.md", "a/2.md", "a/templates/c.md", "b.md"])
        #expect(loaded.configText?.text == "title: X\n")
        #expect(loaded.diagnostics.isEmpty)
    }

    /// A sub-folder with its own plan document is a project of its own beside the main plan;
    /// under a folder of updates and a summary, it is that project's plan. Hidden folders are
    /// not read, but for Kiro's `.kiro`.
    @Test func subFoldersWithTheirOwnPlanAreProjects() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("plan.md", "# Loop Tools\n")
        dir.write("payments/plan.md", "# Payments Plan\n")
        dir.write("phases/phase-02.md", "# Phase 2\n")
        dir.write(".kiro/specs/webhooks/tasks.md", "# Tasks\n")
        dir.write(".git/notes.md", "# Not read\n")
        let found = ContentLoader.discover(root: dir.path)
        #expect(found.documents == [".kiro/specs/webhooks/tasks.md", "phases/phase-02.md", "plan.md"])
        #expect(found.subprojects == ["payments"])
        let updates = TemporaryDirectory(); defer { updates.remove() }
        updates.write("final.md", "# Final summary\n")
        updates.write("updates/update-1.md", "# Update 1\n")
        updates.write("docs/roadmap.md", "# Roadmap\n")
        #expect(ContentLoader.discover(root: updates.path).subprojects.isEmpty)
    }

    @Test func badFilesAreDiagnosedAndTheRestStillRead() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("01-good.md", "# Good\n")
        dir.write("02-latin1.md", bytes: Array("caf".utf8) + [0xE9, 0x0A])
        dir.write("03-binary.md", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00])
        dir.write("04-image.png", bytes: [0x89, 0x50, 0x4E, 0x47])
        symlink(dir.path + "/missing-target.md", dir.path + "/05-broken.md")
        let loaded = ContentLoader.load(root: dir.path)
        #expect(loaded.files.map(\.path) == ["01-good.md"])
        let codes = loaded.diagnostics.map(\.code)
        #expect(codes.contains(.invalidUTF8))
        #expect(codes.contains(.binaryFile) || codes.contains(.invalidUTF8))
        #expect(codes.contains(.ignoredFile))
        #expect(codes.contains(.unreadableFile))
        for diagnostic in loaded.diagnostics {
            #expect(diagnostic.message.contains(".md") || diagnostic.message.contains(".png"), "names the file: \(diagnostic.message)")
        }
    }

    @Test func symlinkLoopIsCutAndReported() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("docs/plan.md", "# Plan\n")
        symlink(dir.path + "/docs", dir.path + "/docs/again")
        let loaded = ContentLoader.load(root: dir.path)
        #expect(loaded.files.map(\.path) == ["docs/plan.md"])
        #expect(loaded.diagnostics.map(\.code) == [.symlinkLoop])
    }

    @Test func missingAndEmptyDirectories() {
        let missing = ContentLoader.load(root: "/nonexistent/loopreport")
        #expect(missing.diagnostics.map(\.code) == [.missingDirectory])
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let empty = ContentLoader.load(root: dir.path)
        #expect(empty.diagnostics.map(\.code) == [.emptyContent])
        #expect(empty.diagnostics[0].severity == .error)
    }

    @Test func oversizedFileIsRefusedNotParsed() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("01-small.md", "# Small\n")
        let big = [UInt8](repeating: 0x61, count: ContentLoader.maximumFileSize + 10)
        dir.write("02-big.md", bytes: big)
        let loaded = ContentLoader.load(root: dir.path)
        #expect(loaded.files.map(\.path) == ["01-small.md"])
        #expect(loaded.diagnostics.map(\.code) == [.fileTooLarge])
        #expect(loaded.diagnostics[0].message.contains("02-big.md"))
    }
}
