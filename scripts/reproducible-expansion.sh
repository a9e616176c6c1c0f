#!/usr/bin/env bash
# Solves the bundled expansion three times under the same work limit and checks that the JSON reports are
# identical once the clock-dependent parts (timing, block_bound) are removed (docs/reproducibility.md). The time limit
# is raised so that only the work limit can end the runs (a run the time limit ends is not reproducible).
# Usage: scripts/reproducible-expansion.sh [WORK_LIMIT]   (default 20; builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${1:-20}"
swift build -c release --product plotalloc >/dev/null
bin=.build/release/plotalloc
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for i in 1 2 3; do
  "$bin" solve scenarios/bekasi-expansion.yaml --work-limit "$limit" --time-limit 3600 --json > "$tmp/run$i.json"
  python3 - "$tmp/run$i.json" <<'PY'
import json, sys
path = sys.argv[1]
d = json.load(open(path))
print(f"run: {d['status']} ({d['termination']}), score {d['objective']:.2f}, bound {d['bound']:.2f}, "
      f"{d['timing']['total']:.1f} s")
d.pop("timing"); d.pop("block_bound")
json.dump(d, open(path, "w"), sort_keys=True, indent=1)
PY
done
cmp "$tmp/run1.json" "$tmp/run2.json" && cmp "$tmp/run1.json" "$tmp/run3.json"
echo "identical: 3 runs under --work-limit $limit"
