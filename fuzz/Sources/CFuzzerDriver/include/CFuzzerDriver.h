// libFuzzer's driver, called from each fuzzer's main.swift (SwiftPM gives executables their own `main`, so
// libFuzzer's is not used). Provided by the toolchain's libFuzzer when linking with -sanitize=fuzzer.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
