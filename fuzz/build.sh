#!/usr/bin/env bash
# Builds the libFuzzer targets (release, with libFuzzer and AddressSanitizer) into fuzz/.build.
# Usage: fuzz/build.sh            (Linux; needs a Swift toolchain with libFuzzer, as swift.org's Linux toolchains have)
# Linked with the toolchain's lld: GNU gold stops with "internal error in format_file_lineno" on these binaries.
set -euo pipefail
cd "$(dirname "$0")"
exec swift build -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld \
    -Xcc -fsanitize=fuzzer-no-link,address
