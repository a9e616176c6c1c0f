#!/usr/bin/env bash
# A libFuzzer campaign on one of plotalloc's input readers.
#
# Usage: fuzz/run.sh [scenario|layout] [SECONDS] [WORKDIR]
#   scenario  ScenarioLoaderFuzzer: ScenarioLoader.load(bytes:file:), what `plotalloc check` runs (default)
#   layout    LayoutReaderFuzzer: LayoutDocument.parse, what `plotalloc score` reads
#   SECONDS   length of the campaign (default 3600)
#   WORKDIR   corpus, seeds, crash artifacts and the log (default /tmp/plotalloc-fuzz-TARGET), outside the repository
#
# One job; a crash, an input over 2 GB (-rss_limit_mb) or a leak (AddressSanitizer's leak detection is on) stops the
# campaign, an input slower than 2 s (-timeout=2) is recorded; each is saved under WORKDIR/artifacts/. Seeds: the bundled
# scenarios, the test fixtures and the docs' examples. Builds first when the target is missing (fuzz/build.sh).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:-scenario}
seconds=${2:-3600}
work=${3:-/tmp/plotalloc-fuzz-$target}
case "$target" in
    scenario) exe=ScenarioLoaderFuzzer ;;
    layout) exe=LayoutReaderFuzzer ;;
    *) echo "fuzz/run.sh: error: unknown target $target; expected scenario or layout" >&2; exit 64 ;;
esac
[ -x ".build/release/$exe" ] || ./build.sh
exe=$(cd .build/release && pwd -P)/$exe
mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
if [ "$target" = scenario ]; then
    cp ../scenarios/*.yaml ../Tests/PlotAllocTests/Fixtures/*.yaml ../docs/examples/*.yaml "$work/seeds/"
    # The YAML examples of the docs, one file per fenced block.
    for doc in ../README.md ../docs/*.md; do
        awk -v out="$work/seeds/$(basename "$doc" .md)" \
            '/^```yaml/ {f = 1; n++; next} /^```/ {f = 0} f {print > (out "-" n ".yaml")}' "$doc"
    done
else
    cp ../docs/examples/*.csv "$work/seeds/"
    printf '%s\n' '{"format": "plotalloc-layout", "version": 1, "scenario": "Tutorial cluster",' \
        ' "assignments": [{"firm": "F1", "plot": "P3"}, {"firm": "F2", "plot": "P2"}, {"firm": "S1", "plot": null}]}' \
        > "$work/seeds/layout.json"
    printf 'firm;plot\nF1;P3\n"F2";P2\n# comment\nS1;\n' > "$work/seeds/semicolon.csv"
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/lsan.supp:print_suppressions=0}
# -fork=1 (one job in a child process): an input over the 2 s timeout is saved and the campaign goes on (libFuzzer's
# timeout is wall-clock time, which a loaded machine stretches; re-run each saved timeout-* alone to time it);
# crashes, leaks and out-of-memory still stop it. -max_len=24576 keeps whole scenarios up to Bekasi phase 1.
nice -n 19 "$exe" -fork=1 -ignore_timeouts=1 -ignore_crashes=0 -ignore_ooms=0 -timeout=2 -rss_limit_mb=2048 \
    -max_len=24576 -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    "$work/corpus" "$work/seeds" 2>&1 | tee "$work/log.txt"
