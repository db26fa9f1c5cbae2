#ifndef LOOPREPORT_FUZZER_H
#define LOOPREPORT_FUZZER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver (LLVMFuzzerRunDriver) with the command line, when this binary is
/// built for fuzzing (`make fuzz`: -sanitize=fuzzer and -DLOOPREPORT_FUZZING); each input
/// goes to `loopreport_fuzz_one_input`, which loopreport-fuzz defines. Returns -1 in any
/// other build, which then replays files instead.
int loopreport_fuzzer_run(int *argc, char ***argv);

#endif
