import CLoopReportFuzzer
import LoopReportSource

#if canImport(Glibc)
import Glibc
#endif

/// `loopreport-fuzz`: built by `make fuzz` (libFuzzer, AddressSanitizer), it is the fuzzer and
/// takes libFuzzer's options (`-max_total_time=60 corpus/`). Any other build replays the
/// files it is given through the same input, one after another: how a finding is reproduced.
@main
struct FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = loopreport_fuzzer_run(&argc, &argv)
        guard status == -1 else { exit(status) }
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            printError("usage: loopreport-fuzz FILE...  (replays inputs; `make fuzz` builds the fuzzer)")
            exit(64)
        }
        for path in paths {
            switch ContentLoader.read(path, relative: path) {
            case .success(let bytes):
                FuzzInput.run(bytes)
                print("ok \(path)")
            case .failure(let diagnostic):
                printError("loopreport-fuzz: \(diagnostic.message)")
                exit(66)
            }
        }
    }

    static func printError(_ message: String) {
        let line = Array((message + "\n").utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}

/// One fuzzer input (called from CLoopReportFuzzer); 0 keeps it eligible for the corpus.
@_cdecl("loopreport_fuzz_one_input")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzInput.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
