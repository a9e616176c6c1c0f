#!/usr/bin/env python3
"""Writes scenarios/bekasi-expansion-raw.yaml from scenarios/bekasi-expansion.yaml (issue 13).

    scripts/raw-expansion.py [scenarios/bekasi-expansion.yaml [scenarios/bekasi-expansion-raw.yaml]]

The same phase 1 (plots, incumbents), the same applicants, power blocks, rules and solver settings; the 2.5 ha
expansion's 72 pre-cut plots are replaced by the raw street blocks they were cut from: each row of side-by-side plots
of one power block (same y, depth, zone, frontage, rent) becomes one raw block of the same frontage (the sum of the
plots' widths, checked contiguous) and depth. In each power block the lower row fronts the road to its south (rotation
0, start corner at its west end), the upper row the road to its north (rotation 180, start corner at its east end), as
the generator laid them out (docs/scenario-data.md). Cutting rules: a 0.5 m module (every pre-cut width is a multiple
of it, so the pre-cut plots are one valid cut plan), kavlings 7.5-25 m wide; land use at most 70 % per phase
(Kepmenperindag 50/1997).
"""
import re
import sys
from collections import defaultdict

src = sys.argv[1] if len(sys.argv) > 1 else "scenarios/bekasi-expansion.yaml"
dst = sys.argv[2] if len(sys.argv) > 2 else "scenarios/bekasi-expansion-raw.yaml"
text = open(src, encoding="utf-8").read()

PLOT = re.compile(r"^  - \{id: (\S+), (.*)\}$")


def fields(body):
    out = {}
    for part in body.split(", "):
        if ": " not in part:
            return {}
        key, value = part.split(": ", 1)
        out[key] = value
    return out


def num(v):
    f = float(v)
    return int(f) if f == int(f) else f


lines = text.split("\n")
rows = defaultdict(list)
kept = []
first_expansion = None
for i, line in enumerate(lines):
    m = PLOT.match(line)
    if m and "power_block" in line and fields(m.group(2)).get("phase") == "expansion":
        f = fields(m.group(2))
        f["id"] = m.group(1)
        rows[(f["power_block"], float(f["y"]))].append(f)
        if first_expansion is None:
            first_expansion = len(kept)
        continue
    kept.append(line)
assert first_expansion is not None, "no expansion plots found"

blocks = []
by_power = defaultdict(list)
for (pb, y) in rows:
    by_power[pb].append(y)
for pb in sorted(by_power):
    ys = sorted(by_power[pb])
    for rank, y in enumerate(ys):
        plots = sorted(rows[(pb, y)], key=lambda f: float(f["x"]))
        depth = float(plots[0]["depth"])
        west = float(plots[0]["x"]) - float(plots[0]["width"]) / 2
        edge = west
        for f in plots:
            assert float(f["depth"]) == depth, f
            for key in ("zone", "frontage", "rent"):
                assert f[key] == plots[0][key], (f, key)
            left = float(f["x"]) - float(f["width"]) / 2
            assert abs(left - edge) < 1e-9, f"plots of {pb} at y {y} are not contiguous at {f['id']}"
            edge = left + float(f["width"])
        length = edge - west
        south = rank % 2 == 0
        side = "S" if south else "N"
        block = {
            "id": f"R-{pb[3:]}{side}",
            "phase": "expansion",
            "zone": plots[0]["zone"],
            "frontage": plots[0]["frontage"],
            "power_block": pb,
            "rent": plots[0]["rent"],
            "x": num(west if south else edge),
            "y": num(y - depth / 2 if south else y + depth / 2),
            "rotation": 0 if south else 180,
            "length": num(length),
            "depth": num(depth),
        }
        blocks.append((block, [f["id"] for f in plots]))

out = kept[:first_expansion]
out.append("  # The expansion's raw street blocks (scripts/raw-expansion.py): x, y is the start corner on the frontage")
out.append("  # line; the frontage runs `rotation` degrees from east for `length` m, the block lies to its left,")
out.append("  # `depth` m deep. Cut into kavlings at multiples of `module` m, 7.5-25 m wide.")
out.append("  raw_blocks:")
for block, ids in blocks:
    out.append("  - {" + ", ".join(f"{k}: {v}" for k, v in block.items()) + "}" + f"  # was {ids[0]}-{ids[-1]}")
out.append("  cutting: {module: 0.5, min_width: 7.5, max_width: 25}")
out += kept[first_expansion:]
result = "\n".join(out)
result = result.replace(
    "# Bekasi IKM cluster: phase 1 and the 2.5 ha expansion.\n",
    "# Bekasi IKM cluster: phase 1 and the 2.5 ha expansion as raw land (issue 13).\n"
    "# Written by scripts/raw-expansion.py from bekasi-expansion.yaml: the same phase 1 and applicants, the\n"
    "# expansion's plots replaced by the raw street blocks they were cut from; regenerate rather than edit.\n", 1)
result = result.replace("name: 'Bekasi IKM cluster: phase 1 and the 2.5 ha expansion'",
                        "name: 'Bekasi IKM cluster: phase 1 and the 2.5 ha expansion, raw land'", 1)
result = re.sub(r"(\n  placement_value:)", r"\n  land_use: {max_plot_share: 0.7}\1", result, count=1)
open(dst, "w", encoding="utf-8").write(result)
print(f"{dst}: {len(blocks)} raw blocks, {sum(len(i) for _, i in blocks)} plots replaced")
