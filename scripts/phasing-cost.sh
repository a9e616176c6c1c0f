#!/usr/bin/env bash
# What phasing costs (docs/phasing.md): the bundled expansion solved with its phase-1 incumbents fixed, movable at a
# penalty of 20 points per moved firm, and with nobody in place (all at once), each with the scenario's 60 s limit.
# Usage: scripts/phasing-cost.sh   (builds the release binary first; about 3 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product plotalloc >/dev/null
bin=.build/release/plotalloc
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp scenarios/bekasi-expansion.yaml "$tmp/fixed.yaml"
sed 's/^  incumbents: {policy: fixed}/  incumbents: {policy: movable, move_penalty: 20}/' \
  scenarios/bekasi-expansion.yaml > "$tmp/movable.yaml"
grep -v '^  incumbent_plot:' scenarios/bekasi-expansion.yaml > "$tmp/once.yaml"
echo "load before: $(uptime)"
for v in fixed movable once; do
  "$bin" solve "$tmp/$v.yaml" --json > "$tmp/$v.json" || true
  python3 - "$v" "$tmp/$v.json" <<'PY'
import json, sys
v, path = sys.argv[1], sys.argv[2]
d = json.load(open(path))
s = d["score"]
print(f"{v:8} {d['status']} ({d['termination']}): score {s['total']:.2f} (relocation {s['relocation']:.0f}), "
      f"bound {d['bound']:.2f}, gap {100 * d['gap']:.2f} %, {d['timing']['total']:.1f} s")
PY
done
echo "load after: $(uptime)"
