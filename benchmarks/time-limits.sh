#!/usr/bin/env bash
# Reproduces the "Measured" tables of docs/reliability.md ("Time limits and interrupts") in one command: builds
# plotalloc in release mode, generates the estates (`plotalloc generate --firms N --plots round(N × 96 / 140)
# --seed 1`), then, one process at a time and one run each:
#   1. `plotalloc solve FILE --time-limit T --json` for every T of LIMITS on the bundled expansion and every estate
#      of SIZES: wall time, over = wall − T, whether it ended within T + max(2 s, 5 % of T), status, the phase it
#      stopped in, the load average at its start, and the reading and formulating seconds of the JSON's `timing`;
#   2. SIGINT runs (`--time-limit 300`, `kill -INT` at S seconds): by default 1,600 firms at 5 s and at 8 s, 800
#      firms at 5 s (those whose size is in SIZES): the time from the press to the exit, whether it is within about a
#      second (1.5 s), status, phase, load, reading and formulating seconds.
# The tables go to standard output and to benchmarks/results/time-limits-DATE.md (git-ignored), with each run's
# JSON beside them in benchmarks/results/time-limits-DATE/. The expected duration is printed first: about
# (1 + number of SIZES) × the sum of LIMITS, plus the SIGINT runs and the build. Run it on a quiet machine: every
# figure is wall-clock time.
#
#   benchmarks/time-limits.sh                          # the full table: T = 10 and 60, 200–1,600 firms (~10 minutes)
#   SIZES=200 LIMITS=5 INTERRUPTS=200:2 benchmarks/time-limits.sh   # a smoke run (under a minute)
#
# Environment: SIZES (estate sizes, space- or comma-separated; default "200 400 800 1600"), LIMITS (time limits in
#   seconds; default "10 60"), INTERRUPTS (SIGINT runs as SIZE:SECONDS; default "1600:5 1600:8 800:5", kept only
#   for sizes in SIZES; "none" for none), SEED (estate seed, default 1), EXPANSION (the bundled scenario run with
#   the estates, default scenarios/bekasi-expansion.yaml; "none" to leave it out), SCRATCH (build folder, default
#   .build), OUT (the markdown file; its JSON folder is OUT without .md).
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
    -h|--help) sed -n '2,/^set -e/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    "") ;;
    *) echo "time-limits.sh: error: unknown argument $1; expected no argument (settings are environment variables, see --help)" >&2
       exit 64 ;;
esac

SIZES=$(echo "${SIZES:-200 400 800 1600}" | tr ',' ' ')
LIMITS=$(echo "${LIMITS:-10 60}" | tr ',' ' ')
INTERRUPTS=$(echo "${INTERRUPTS:-1600:5 1600:8 800:5}" | tr ',' ' ')
SEED=${SEED:-1}
EXPANSION=${EXPANSION:-scenarios/bekasi-expansion.yaml}
SCRATCH=${SCRATCH:-.build}
STAMP=$(date -u +%Y-%m-%dT%H%MZ)
OUT=${OUT:-benchmarks/results/time-limits-$STAMP.md}
DIR=${OUT%.md}
PRESS_LIMIT=300
for n in $SIZES; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "time-limits.sh: error: SIZES: found \"$n\"; expected whole numbers of firms" >&2; exit 64; }
done
for t in $LIMITS; do
    [[ "$t" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "time-limits.sh: error: LIMITS: found \"$t\"; expected seconds" >&2; exit 64; }
done

# The SIGINT runs whose size is in SIZES.
PRESSES=()
if [[ "$INTERRUPTS" != "none" ]]; then
    for spec in $INTERRUPTS; do
        [[ "$spec" =~ ^([1-9][0-9]*):([0-9]+(\.[0-9]+)?)$ ]] || {
            echo "time-limits.sh: error: INTERRUPTS: found \"$spec\"; expected SIZE:SECONDS, e.g. 1600:5" >&2; exit 64; }
        for n in $SIZES; do [[ "$n" == "${BASH_REMATCH[1]}" ]] && PRESSES+=("$spec"); done
    done
fi

SCENARIOS=()
[[ "$EXPANSION" != "none" ]] && SCENARIOS+=("$EXPANSION")
expected=$(python3 - "$LIMITS" "${#SCENARIOS[@]}" "$(echo $SIZES | wc -w)" "${PRESSES[*]:-}" <<'EOF'
import sys
limits = [float(t) for t in sys.argv[1].split()]
runs = int(sys.argv[2]) + int(sys.argv[3])
presses = [float(p.split(":")[1]) for p in sys.argv[4].split()]
# Each limited run: T plus about 2 s to start and end; each SIGINT run: the press plus about 3 s; generating and
# the build (already built: seconds) about a minute.
seconds = sum(runs * (t + 2) for t in limits) + sum(p + 3 for p in presses) + 60
print(f"{seconds / 60:.0f} minutes" if seconds >= 90 else f"{seconds:.0f} s")
EOF
)
echo "time-limits.sh: about $expected: ${#SCENARIOS[@]} bundled scenario(s) and estates of ${SIZES// /, } firms at" \
    "T = ${LIMITS// /, } s; SIGINT runs: ${PRESSES[*]:-none}; one run each; results in $OUT" >&2

swift build -c release --scratch-path "$SCRATCH" 2>&1 | tail -1 >&2
PLOTALLOC="$SCRATCH/release/plotalloc"
mkdir -p "$DIR"

ESTATES=()
for n in $SIZES; do
    plots=$(python3 -c "print(round($n * 96 / 140))")
    file="$DIR/estate-$n.yaml"
    "$PLOTALLOC" generate --firms "$n" --plots "$plots" --seed "$SEED" --output "$file" >/dev/null
    ESTATES+=("$file")
done

# One row of a table from a run's JSON file and its figures: prints the markdown cells after the first ones.
row() {  # json wall over-or-after limit-or-empty load
    python3 - "$@" <<'EOF'
import json, sys
path, wall, span, limit, load = sys.argv[1:6]
try:
    j = json.load(open(path))
except (OSError, ValueError):
    j = {}
status = j.get("status", "no report")
gap = j.get("gap")
if status == "feasible":
    status += f", gap {100 * gap:.2f} %" if gap is not None else ", no bound yet"
if j.get("interrupted"):
    status += ", interrupted"
timing = j.get("timing", {})
reading = timing.get("load")
formulating = timing.get("formulate")
figures = " / ".join("–" if x is None else f"{x:.2f}" for x in (reading, formulating))
wall, span = float(wall), float(span)
if limit:
    t = float(limit)
    within = "yes" if wall <= t + max(2, 0.05 * t) else "**no**"
    print(f"| {wall:.2f} | {span:+.2f} | {within} | {status} | {j.get('stopped_in') or '–'} | {load} | {figures} |")
else:
    within = "yes" if span <= 1.5 else "**no**"
    print(f"| {span:.2f} | {within} | {status} | {j.get('stopped_in') or '–'} | {load} | {figures} |")
EOF
}

label() {
    case "$1" in
        "$EXPANSION") echo "expansion ($(basename "$1"))" ;;
        *) echo "estate $(basename "$1" .yaml | sed 's/estate-//') firms" ;;
    esac
}

now() { echo "$EPOCHREALTIME"; }   # no process started: a python3 clock would add its own start-up to the wall time
loadavg() { cut -d' ' -f1 /proc/loadavg; }

{
    echo "# Time limits and interrupts, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "\`benchmarks/time-limits.sh\` (SIZES=\"$SIZES\" LIMITS=\"$LIMITS\" INTERRUPTS=\"${PRESSES[*]:-none}\"), release build of" \
        "$(git rev-parse --short HEAD 2>/dev/null || echo "an unknown commit"), $(nproc) cores, one run each. Estates:" \
        "\`plotalloc generate --firms N --plots round(N × 96 / 140) --seed $SEED\`. \"over\" is wall − T; within:" \
        "wall ≤ T + max(2 s, 5 % of T). Load: the 1-minute load average at the run's start. Reading / formulating:" \
        "\`timing.load\` / \`timing.formulate\` of \`solve --json\`."
    echo
    echo "| scenario | T s | wall s | over s | within | status | stopped in | load | reading / formulating s |"
    echo "|---|---|---|---|---|---|---|---|---|"
} | tee "$OUT"

for t in $LIMITS; do
    for file in "${SCENARIOS[@]}" "${ESTATES[@]}"; do
        json="$DIR/$(basename "$file" .yaml)-T$t.json"
        load=$(loadavg)
        start=$(now)
        "$PLOTALLOC" solve "$file" --time-limit "$t" --json > "$json" 2> "$json.stderr" || true
        end=$(now)
        wall=$(python3 -c "print($end - $start)")
        over=$(python3 -c "print($end - $start - $t)")
        echo "| $(label "$file") | $t $(row "$json" "$wall" "$over" "$t" "$load")" | tee -a "$OUT"
    done
done

if (( ${#PRESSES[@]} > 0 )); then
    {
        echo
        echo "Interrupts: \`solve FILE --time-limit $PRESS_LIMIT --json\`, \`kill -INT\` at the time given; \"after the press\"" \
            "is the time from the signal to the exit; within: at most 1.5 s (\"about a second\")."
        echo
        echo "| scenario | SIGINT at s | after the press s | within | status | stopped in | load | reading / formulating s |"
        echo "|---|---|---|---|---|---|---|---|"
    } | tee -a "$OUT"
    for spec in "${PRESSES[@]}"; do
        n=${spec%%:*}
        at=${spec##*:}
        file="$DIR/estate-$n.yaml"
        json="$DIR/estate-$n-SIGINT$at.json"
        load=$(loadavg)
        "$PLOTALLOC" solve "$file" --time-limit "$PRESS_LIMIT" --json > "$json" 2> "$json.stderr" &
        pid=$!
        sleep "$at"
        press=$(now)
        kill -INT "$pid" 2>/dev/null || true
        wait "$pid" || true
        end=$(now)
        after=$(python3 -c "print($end - $press)")
        echo "| estate $n firms | $at $(row "$json" 0 "$after" "" "$load")" | tee -a "$OUT"
    done
fi
echo >&2
echo "time-limits.sh: wrote $OUT (each run's JSON and standard error in $DIR)" >&2
