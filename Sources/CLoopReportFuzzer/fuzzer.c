#include "loopreport_fuzzer.h"

#ifdef LOOPREPORT_FUZZING
// libFuzzer's entry for programs with their own main (compiler-rt's FuzzerDriver.cpp).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*input)(const uint8_t *data, size_t size));
// One input through LoopReport: FuzzInput.swift, exported under this name.
int loopreport_fuzz_one_input(const uint8_t *data, size_t size);

// The input libFuzzer's own main (linked in with -sanitize=fuzzer) calls, when that main is
// the one the linker keeps.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    return loopreport_fuzz_one_input(data, size);
}

int loopreport_fuzzer_run(int *argc, char ***argv) {
    return LLVMFuzzerRunDriver(argc, argv, LLVMFuzzerTestOneInput);
}
#else
int loopreport_fuzzer_run(int *argc, char ***argv) {
    (void)argc; (void)argv;
    return -1;
}
#endif
