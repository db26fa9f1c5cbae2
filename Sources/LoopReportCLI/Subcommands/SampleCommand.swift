import ArgumentParser
import LoopReportSample
import LoopReportSource
import LoopReportSupport

#if canImport(Glibc)
import Glibc
#endif

/// `loopreport sample --blocks N --iterations K --seed S DIR`: a generated project.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Generate a plan in the loop-process format (deterministic for a seed).",
        discussion:
            "Writes a plan split into files of 100 groups, and K iteration documents that add, revise and remove blocks. Refuses a directory that already holds files."
    )

    @Option(help: "Number of blocks in the plan.")
    var blocks: Int = 1_000

    @Option(help: "Number of loop iteration documents.")
    var iterations: Int = 3

    @Option(help: "Random seed; the same seed gives the same files.")
    var seed: UInt64 = 1

    @Argument(help: "Directory to create (must be empty or absent).")
    var directory: String

    func validate() throws {
        guard blocks >= 1, blocks <= 2_000_000 else { throw ValidationError("--blocks must be between 1 and 2000000") }
        guard iterations >= 0, iterations <= 99 else { throw ValidationError("--iterations must be between 0 and 99") }
    }

    func run() throws {
        if let entries = directoryEntries(directory), !entries.isEmpty {
            throw CommandError("'\(directory)' is not empty; choose a new directory")
        }
        let documents = SampleGenerator.generate(.init(blocks: blocks, iterations: iterations, seed: seed))
        for document in documents {
            let path = directory + "/" + document.path
            // Create every directory above the file (mkdir -p).
            for slash in path.indices where path[slash] == "/" && slash != path.startIndex {
                mkdir(String(path[..<slash]), 0o755)
            }
            try Terminal.writeFile(path, Array(document.text.utf8), force: false)
        }
        Terminal.writeError("Wrote \(documents.count) documents (\(blocks) blocks, \(iterations) iterations) to \(directory)\n")
    }
}
