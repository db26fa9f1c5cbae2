import LoopReportCLI

#if canImport(Glibc)
import Glibc
#endif

exit(await LoopReportMain.run(Array(CommandLine.arguments.dropFirst())))
