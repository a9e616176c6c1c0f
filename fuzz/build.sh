#!/usr/bin/env bash
# Builds the libFuzzer targets (release, with libFuzzer and AddressSanitizer) into fuzz/.build.
# Usage: fuzz/build.sh            (Linux; needs a Swift toolchain with libFuzzer, as swift.org's Linux toolchains have)
set -euo pipefail
cd "$(dirname "$0")"
exec swift build -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    -Xcc -fsanitize=fuzzer-no-link,address
