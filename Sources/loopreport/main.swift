import LoopReportCLI
#if canImport(Glibc)
import Glibc
#endif

exit(LoopReportMain.run(Array(CommandLine.arguments.dropFirst())))
