#!/usr/bin/env bash
# Reproduces every table of benchmarks/README.md in one run: builds plotalloc in release mode, then
#   1. the bundled scenarios (the expansion case and phase 1): `plotalloc bench scenario … --runs 5`, each run a child
#      process (phase timings, status, gap, nodes, peak memory); and the raw expansion (plotalloc alone: score, the
#      raw-land bound, gap, against the pre-cut expansion's score);
#   2. growing estates: `plotalloc bench estates --sizes 50,100,200,400,800,1600` (generated, proportionate plots);
#   3. every one of those models exported (`plotalloc export … --lp --mps`) and solved by the peers of
#      benchmarks/peers.py with the same time limit, one process at a time: `glpsol --cuts` (one thread), and each
#      of HiGHS (one thread), SCIP (one thread) and OR-Tools CP-SAT (two workers, on the MPS file) whose Python
#      package imports (`pip install highspy pyscipopt ortools`; nothing is installed here: a missing one is
#      skipped with a note in the report);
#   4. the OR-Library GAP comparison (benchmarks/run-gap.sh);
# and writes benchmarks/results/report.md (git-ignored) with the tables and ratios, and benchmarks/estates.svg.
# With --issue15 it writes instead the tables of the performance targets (benchmarks/issue15.py: the expansion's
# shape, small cases against the fastest peer, 800 and 1,600 firms, the expansion's proof, the peers) to
# benchmarks/results/issue15.md.
#
#   benchmarks/run.sh                 # everything, 60 s limits (several hours with the GAP sets; --no-gap: ~1 hour)
#   benchmarks/run.sh --quick         # smoke run: 2 runs, estates 50,100, 10 s limits, GAP gap1–gap12 max only
#   benchmarks/run.sh --no-gap        # skip the GAP comparison
#   benchmarks/run.sh --issue15       # the performance targets' tables, 60 s limits, proof 3600 s (~3.5-4.5 hours)
#   benchmarks/run.sh --issue15 --quick   # the same harness on a subset with 10 s limits (~10 minutes)
#
# Flags: --quick, --no-gap, --no-glpsol, --no-highs, --no-scip, --no-cpsat, --no-estates, --issue15. Environment
#   (overrides the mode's defaults): QUICK=1, NO_GAP=1, NO_GLPSOL=1, NO_HIGHS=1, NO_SCIP=1, NO_CPSAT=1, ISSUE15=1,
#   SCRATCH (build folder, default .build), LIMIT (seconds per run and model), RUNS (runs per scenario), SIZES
#   (estate sizes, comma-separated), SEED (estate seed, default 1), SCENARIOS (space-separated files), RAW_SCENARIOS
#   (raw-land files, plotalloc only; default the raw expansion, empty for none), GAP_SETS
#   (run-gap.sh's SETS), GAP_LIMIT, OUT (results folder, default benchmarks/results/run-DATE), SVG (plot path,
#   default benchmarks/estates.svg; with --quick OUT/estates.svg, so a smoke run never rewrites the committed plot).
#   --issue15 only: PROOF_LIMIT (3600; 20 with --quick), TABLES (1,2,3,4,5), SHAPE_SEEDS (1-10; 1), SMALL_SEEDS
#   (1-10; 1), ESTATE50_SEEDS (1), ISSUE15_GAP_SETS ("a b c"; a), ISSUE15_SIZES (800,1600; 200), RUNS (1).
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
        --issue15) ISSUE15=1 ;;
        -h|--help) sed -n '2,/^set -e/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: error: unknown argument $arg; expected --quick, --no-gap, --no-glpsol, --no-highs, --no-scip, --no-cpsat, --no-estates or --issue15" >&2
           exit 64 ;;
    esac
done

SCRATCH=${SCRATCH:-.build}
COMMAND="benchmarks/run.sh $*"
COMMAND=${COMMAND% }

# Checks glpsol (unless switched off), builds plotalloc in release mode and sets PEER_FLAGS (the --no-PEER flags).
prepare() {
    if [[ -z "${NO_GLPSOL:-}" ]] && ! command -v glpsol >/dev/null; then
        echo "run.sh: error: glpsol not found; expected Debian's glpk-utils (or pass --no-glpsol)" >&2
        exit 1
    fi
    mkdir -p "$OUT"
    echo "run.sh: building plotalloc (release, $SCRATCH)" >&2
    swift build -c release --scratch-path "$SCRATCH" --product plotalloc >&2
    PEER_FLAGS=()
    local peer var
    for peer in glpsol highs scip cpsat; do
        var="NO_${peer^^}"
        if [[ -n "${!var:-}" ]]; then PEER_FLAGS+=("--no-$peer"); fi
    done
}

if [[ -n "${ISSUE15:-}" ]]; then
    if [[ -n "${QUICK:-}" ]]; then
        LIMIT=${LIMIT:-10}; PROOF_LIMIT=${PROOF_LIMIT:-20}; SHAPE_SEEDS=${SHAPE_SEEDS:-1}; SMALL_SEEDS=${SMALL_SEEDS:-1}
        ISSUE15_GAP_SETS=${ISSUE15_GAP_SETS:-a}; ISSUE15_SIZES=${ISSUE15_SIZES:-200}; LABEL="smoke run"
    else
        LIMIT=${LIMIT:-60}; PROOF_LIMIT=${PROOF_LIMIT:-3600}; SHAPE_SEEDS=${SHAPE_SEEDS:-1-10}
        SMALL_SEEDS=${SMALL_SEEDS:-1-10}; ISSUE15_GAP_SETS=${ISSUE15_GAP_SETS:-"a b c"}
        ISSUE15_SIZES=${ISSUE15_SIZES:-800,1600}; LABEL="full run"
    fi
    OUT=${OUT:-benchmarks/results/issue15-$(date +%Y%m%d-%H%M%S)}
    prepare
    python3 benchmarks/issue15.py --plotalloc "$SCRATCH/release/plotalloc" --out "$OUT" --limit "$LIMIT" \
        --proof-limit "$PROOF_LIMIT" --tables "${TABLES:-1,2,3,4,5}" --seeds "$SHAPE_SEEDS" \
        --small-seeds "$SMALL_SEEDS" --estate50-seeds "${ESTATE50_SEEDS:-1}" --gap-sets "$ISSUE15_GAP_SETS" \
        --sizes "$ISSUE15_SIZES" --runs "${RUNS:-1}" --command "$COMMAND ($LABEL)" "${PEER_FLAGS[@]}"
    cp "$OUT/issue15.md" benchmarks/results/issue15.md
    echo "run.sh: tables written to benchmarks/results/issue15.md (and $OUT/issue15.md)" >&2
    exit 0
fi

if [[ -n "${QUICK:-}" ]]; then
    LIMIT=${LIMIT:-10}; RUNS=${RUNS:-2}; SIZES=${SIZES:-50,100}; GAP_SETS=${GAP_SETS:-or-max}; GAP_LIMIT=${GAP_LIMIT:-10}
    LABEL="smoke run"
else
    LIMIT=${LIMIT:-60}; RUNS=${RUNS:-5}; SIZES=${SIZES:-50,100,200,400,800,1600}
    GAP_SETS=${GAP_SETS:-"or-max or-min a b c d e"}; GAP_LIMIT=${GAP_LIMIT:-60}
    LABEL="full run"
fi
SEED=${SEED:-1}
SCENARIOS=${SCENARIOS:-"scenarios/bekasi-expansion.yaml scenarios/bekasi-phase1.yaml"}
RAW_SCENARIOS=${RAW_SCENARIOS-"scenarios/bekasi-expansion-raw.yaml"}
OUT=${OUT:-benchmarks/results/run-$(date +%Y%m%d-%H%M%S)}
# The committed plot is the full run's: a --quick run draws its own into its results folder (git-ignored).
if [ "${QUICK:-0}" = 1 ]; then SVG=${SVG:-$OUT/estates.svg}; else SVG=${SVG:-benchmarks/estates.svg}; fi
prepare
BIN="$SCRATCH/release/plotalloc"

extra=("${PEER_FLAGS[@]}")
[[ -n "${NO_ESTATES:-}" ]] && extra+=(--no-estates)
python3 benchmarks/alloc_compare.py --plotalloc "$BIN" --limit "$LIMIT" --runs "$RUNS" --sizes "$SIZES" \
    --seed "$SEED" --scenarios "$SCENARIOS" --raw-scenarios "$RAW_SCENARIOS" --out "$OUT/allocation" --svg "$SVG" --label "$LABEL" \
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
