// LoopReport is built for Linux: it reads directories, swaps sites in and watches content with
// Linux's system calls (renameat2, syncfs, inotify) through Glibc, unguarded.
#if !os(Linux)
#error("LoopReport builds on Linux only (see README.md)")
#endif
