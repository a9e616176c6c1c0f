#!/usr/bin/env bash
# Reproduces every table of benchmarks/README.md in one run: builds plotalloc in release mode, then
#   1. the bundled scenarios (the expansion case and phase 1): `plotalloc bench scenario … --runs 5`, each run a child
#      process (phase timings, status, gap, nodes, peak memory);
#   2. growing estates: `plotalloc bench estates --sizes 50,100,200,400,800,1600` (generated, proportionate plots);
#   3. every one of those models exported (`plotalloc export … --lp --mps`) and solved by the peers of
#      benchmarks/peers.py with the same time limit, one process at a time: `glpsol --cuts` (one thread), and each
#      of HiGHS (one thread), SCIP (one thread) and OR-Tools CP-SAT (two workers, on the MPS file) whose Python
#      package imports (`pip install highspy pyscipopt ortools`; nothing is installed here: a missing one is
#      skipped with a note in the report);
#   4. the OR-Library GAP comparison (benchmarks/run-gap.sh);
# and writes benchmarks/results/report.md (git-ignored) with the tables and ratios, and benchmarks/estates.svg.
#
#   benchmarks/run.sh                 # everything, 60 s limits (several hours with the GAP sets; --no-gap: ~1 hour)
#   benchmarks/run.sh --quick         # smoke run: 2 runs, estates 50,100, 10 s limits, GAP gap1–gap12 max only
#   benchmarks/run.sh --no-gap        # skip the GAP comparison
#
# Flags: --quick, --no-gap, --no-glpsol, --no-highs, --no-scip, --no-cpsat, --no-estates. Environment (overrides
#   the mode's defaults): QUICK=1, NO_GAP=1, NO_GLPSOL=1, NO_HIGHS=1, NO_SCIP=1, NO_CPSAT=1, SCRATCH (build folder, default .build), LIMIT (seconds per run and
#   model), RUNS (runs per scenario), SIZES (estate sizes, comma-separated), SEED (estate seed, default 1),
#   SCENARIOS (space-separated files), GAP_SETS (run-gap.sh's SETS), GAP_LIMIT, OUT (results folder, default
#   benchmarks/results/run-DATE), SVG (plot path, default benchmarks/estates.svg; with --quick OUT/estates.svg, so a
#   smoke run never rewrites the committed plot).
set -euo pipefail
cd "$(dirname "$0")/.."

for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        --no-gap) NO_GAP=1 ;;
        --no-glpsol) NO_GLPSOL=1 ;;
        --no-highs) NO_HIGHS=1 ;;
        --no-scip) NO_SCIP=1 ;;
        --no-cpsat) NO_CPSAT=1 ;;
        --no-estates) NO_ESTATES=1 ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: error: unknown argument $arg; expected --quick, --no-gap, --no-glpsol, --no-highs, --no-scip, --no-cpsat or --no-estates" >&2
           exit 64 ;;
    esac
done

if [[ -n "${QUICK:-}" ]]; then
    LIMIT=${LIMIT:-10}; RUNS=${RUNS:-2}; SIZES=${SIZES:-50,100}; GAP_SETS=${GAP_SETS:-or-max}; GAP_LIMIT=${GAP_LIMIT:-10}
    LABEL="smoke run"
else
    LIMIT=${LIMIT:-60}; RUNS=${RUNS:-5}; SIZES=${SIZES:-50,100,200,400,800,1600}
    GAP_SETS=${GAP_SETS:-"or-max or-min a b c d e"}; GAP_LIMIT=${GAP_LIMIT:-60}
    LABEL="full run"
fi
SCRATCH=${SCRATCH:-.build}
SEED=${SEED:-1}
SCENARIOS=${SCENARIOS:-"scenarios/bekasi-expansion.yaml scenarios/bekasi-phase1.yaml"}
OUT=${OUT:-benchmarks/results/run-$(date +%Y%m%d-%H%M%S)}
# The committed plot is the full run's: a --quick run draws its own into its results folder (git-ignored).
if [ "${QUICK:-0}" = 1 ]; then SVG=${SVG:-$OUT/estates.svg}; else SVG=${SVG:-benchmarks/estates.svg}; fi
COMMAND="benchmarks/run.sh $*"
COMMAND=${COMMAND% }

if [[ -z "${NO_GLPSOL:-}" ]] && ! command -v glpsol >/dev/null; then
    echo "run.sh: error: glpsol not found; expected Debian's glpk-utils (or pass --no-glpsol)" >&2
    exit 1
fi
mkdir -p "$OUT"
echo "run.sh: building plotalloc (release, $SCRATCH)" >&2
swift build -c release --scratch-path "$SCRATCH" --product plotalloc >&2
BIN="$SCRATCH/release/plotalloc"

extra=()
[[ -n "${NO_GLPSOL:-}" ]] && extra+=(--no-glpsol)
[[ -n "${NO_HIGHS:-}" ]] && extra+=(--no-highs)
[[ -n "${NO_SCIP:-}" ]] && extra+=(--no-scip)
[[ -n "${NO_CPSAT:-}" ]] && extra+=(--no-cpsat)
[[ -n "${NO_ESTATES:-}" ]] && extra+=(--no-estates)
python3 benchmarks/alloc_compare.py --plotalloc "$BIN" --limit "$LIMIT" --runs "$RUNS" --sizes "$SIZES" \
    --seed "$SEED" --scenarios "$SCENARIOS" --out "$OUT/allocation" --svg "$SVG" --label "$LABEL" \
    --command "$COMMAND" "${extra[@]}"

if [[ -z "${NO_GAP:-}" ]]; then
    echo "run.sh: GAP comparison (sets: $GAP_SETS; limit $GAP_LIMIT s)" >&2
    SCRATCH="$SCRATCH" LIMIT="$GAP_LIMIT" SETS="$GAP_SETS" OUT="$OUT/gap" NO_GLPSOL="${NO_GLPSOL:-}" \
        NO_HIGHS="${NO_HIGHS:-}" NO_SCIP="${NO_SCIP:-}" NO_CPSAT="${NO_CPSAT:-}" benchmarks/run-gap.sh
fi

REPORT=benchmarks/results/report.md
{
    echo "# plotalloc benchmarks: $LABEL"
    echo
    echo "Written by \`$COMMAND\` (results in \`$OUT\`)."
    echo
    echo "## The expansion case and growing estates"
    echo
    cat "$OUT/allocation/allocation.md"
    if [[ -z "${NO_GAP:-}" ]]; then
        echo
        echo "## Standard instances: OR-Library generalized assignment"
        echo
        cat "$OUT/gap/report.md"
    fi
} > "$REPORT.tmp"
mv "$REPORT.tmp" "$REPORT"
cp "$REPORT" "$OUT/report.md"
echo "run.sh: report written to $REPORT (and $OUT/report.md); plot: $SVG" >&2
