#!/usr/bin/env bash
# Reproduces the GAP tables of benchmarks/README.md: builds plotalloc in release mode, solves the OR-Library sets,
# exports every problem as CPLEX LP and free MPS and solves the same models with the peers of benchmarks/peers.py:
# `glpsol --cuts`, and each of HiGHS (one thread), SCIP (one thread) and OR-Tools CP-SAT (two workers, the MPS file)
# whose Python package imports (pip install highspy pyscipopt ortools; nothing is installed here: a missing one is
# skipped with a note in the report), all with the same per-problem time limit, one solver process at a time.
#
#   benchmarks/run-gap.sh                      # gap1–gap12 (max), then types A–E (min), 60 s limit
#   SETS="or-max" benchmarks/run-gap.sh        # only gap1–gap12, maximisation
#   LIMIT=30 SETS="c d" benchmarks/run-gap.sh  # types C and D with a 30 s limit
#
# Sets: or-max, or-min (gap1–gap12), a, b, c, d (gapa–gapd), e (type E). Environment: SCRATCH (build folder, default
# .build), LIMIT (seconds, default 60), OUT (results folder, default benchmarks/results/gap-DATE), NO_GLPSOL=1,
# NO_HIGHS=1, NO_SCIP=1, NO_CPSAT=1 to skip a peer.
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build}
LIMIT=${LIMIT:-60}
SETS=${SETS:-"or-max or-min a b c d e"}
OUT=${OUT:-benchmarks/results/gap-$(date +%Y%m%d-%H%M%S)}
[[ -n "${NO_GLPSOL:-}" ]] || command -v glpsol >/dev/null || { echo "run-gap.sh: error: glpsol not found; expected Debian's glpk-utils (or NO_GLPSOL=1)" >&2; exit 1; }
swift build -c release --scratch-path "$SCRATCH" >&2
extra=()
[[ -n "${NO_GLPSOL:-}" ]] && extra+=(--no-glpsol)
[[ -n "${NO_HIGHS:-}" ]] && extra+=(--no-highs)
[[ -n "${NO_SCIP:-}" ]] && extra+=(--no-scip)
[[ -n "${NO_CPSAT:-}" ]] && extra+=(--no-cpsat)
python3 benchmarks/gap_compare.py --plotalloc "$SCRATCH/release/plotalloc" --limit "$LIMIT" --sets "$SETS" \
    --out "$OUT" "${extra[@]}"
echo "Report written to $OUT/report.md" >&2
