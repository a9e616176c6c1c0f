#!/usr/bin/env python3
"""Draws a bundled Bekasi scenario's typed site as GeoJSON, to show and test the GIS route (illustrative).

    scripts/draw-bekasi-site.py scenarios/bekasi-phase1.yaml

writes, beside the scenario,
  bekasi-phase1-site.geojson  the plots (each typed width x depth rectangle about its centroid; properties KAV_NO,
                              ZONA, FASE, GARDU, SEWA, LUAS), the roads (a main road along the south edge, local
                              roads between the street blocks; KELAS, LEBAR), the green strips, the site boundary and
                              each sensitive place of `rules.buffers` (a point stays a point; the housing behind a
                              fence line becomes a 30 m deep block whose edge is that line, away from the plots; NAMA,
                              JENIS), each feature tagged with its AutoCAD-style layer in `Layer` (KAVLING, JALAN,
                              HIJAU, BATAS, SENSITIF), in WGS 84 longitude/latitude (RFC 7946);
  bekasi-phase1-drawn.yaml    the same scenario with `site.plots` replaced by `site.plots_from` (and roads, green,
                              boundary, sensitive places) reading that file, and the buffers' points left to the
                              drawing. Every plot lies on the fence line's side away from the housing, so its distance
                              to the drawn block is its distance to the line: the buffers exclude the same plots.

The site is placed with its south-west corner at 737800 E, 9303100 N in WGS 84 / UTM zone 48S (Cikarang, Bekasi
regency): a plausible place, not a surveyed one. Local metres become UTM by adding that corner; PROJ's `cs2cs`
(Debian proj-bin) converts UTM to longitude/latitude, printed with 10 decimals (about 0.01 mm).
"""
import json
import re
import subprocess
import sys

ORIGIN = (737800.0, 9303100.0)


def plots_of(yaml_text):
    """The typed plots: one flow mapping per line under `plots:`."""
    plots = []
    for m in re.finditer(r"^  - \{id: (\S+), (.*)\}$", yaml_text, re.M):
        if ", x: " not in m.group(0) or "{" in m.group(2):
            continue
        fields = dict(kv.split(": ", 1) for kv in m.group(2).split(", "))
        fields["id"] = m.group(1)
        plots.append(fields)
    return plots


def to_lonlat(points):
    text = "".join(f"{x + ORIGIN[0]:.6f} {y + ORIGIN[1]:.6f}\n" for x, y in points)
    out = subprocess.run(["cs2cs", "-f", "%.10f", "EPSG:32748", "OGC:CRS84"], input=text, capture_output=True,
                         text=True, check=True).stdout
    return [[float(v) for v in line.split()[:2]] for line in out.splitlines()]


BUFFER = re.compile(r"^  - \{id: (\S+), label: ([^,]+), points: \[(.*?)\], (keep_out: .*)\}$", re.M)


def sensitive_places(yaml_text, centre):
    """Each `rules.buffers` entry with points, as (id, label, GeoJSON-ready geometry in local metres)."""
    places = []
    for m in BUFFER.finditer(yaml_text):
        pts = [(float(a), float(b)) for a, b in re.findall(r"\{x: (-?[\d.]+), y: (-?[\d.]+)\}", m.group(3))]
        if len(pts) == 1:
            places.append((m.group(1), m.group(2), "Point", pts[0]))
        elif len(pts) == 2:
            (ax, ay), (bx, by) = pts
            length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
            nx, ny = (ay - by) / length, (bx - ax) / length            # a unit normal of the line
            if (centre[0] - ax) * nx + (centre[1] - ay) * ny > 0:      # point it away from the plots
                nx, ny = -nx, -ny
            block = [(ax, ay), (bx, by), (bx + 30 * nx, by + 30 * ny), (ax + 30 * nx, ay + 30 * ny), (ax, ay)]
            places.append((m.group(1), m.group(2), "Polygon", block))
    return places


def rectangle(cx, cy, w, d):
    return [(cx - w / 2, cy - d / 2), (cx + w / 2, cy - d / 2), (cx + w / 2, cy + d / 2), (cx - w / 2, cy + d / 2),
            (cx - w / 2, cy - d / 2)]


def main(path):
    text = open(path, encoding="utf-8").read()
    plots = plots_of(text)
    features = []
    for p in plots:
        x, y, w, d = (float(p[k]) for k in ("x", "y", "width", "depth"))
        features.append({"type": "Feature", "properties": {
            "Layer": "KAVLING", "KAV_NO": p["id"], "ZONA": p["zone"], "FASE": p["phase"], "GARDU": p["power_block"],
            "SEWA": float(p["rent"]), "LUAS": float(p["area"])},
            "geometry": {"type": "Polygon", "coordinates": [to_lonlat(rectangle(x, y, w, d))]}})
    xs = [float(p["x"]) + s * float(p["width"]) / 2 for p in plots for s in (-1, 1)]
    ys = [float(p["y"]) + s * float(p["depth"]) / 2 for p in plots for s in (-1, 1)]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    # Gaps between street blocks (rows of plots whose fronts and backs do not meet) get a local road.
    rows = sorted({(float(p["y"]) - float(p["depth"]) / 2, float(p["y"]) + float(p["depth"]) / 2) for p in plots})
    roads = [("main", 8.0, [(x0 - 10, y0 - 4), (x1 + 10, y0 - 4)])]
    for (a0, a1), (b0, b1) in zip(rows, rows[1:]):
        if b0 - a1 >= 4:
            roads.append(("local", b0 - a1, [(x0 - 10, (a1 + b0) / 2), (x1 + 10, (a1 + b0) / 2)]))
    for kelas, width, line in roads:
        features.append({"type": "Feature", "properties": {"Layer": "JALAN", "KELAS": kelas, "LEBAR": width},
                         "geometry": {"type": "LineString", "coordinates": to_lonlat(line)}})
    green = [rectangle((x0 + x1) / 2, y1 + 5, x1 - x0, 10), rectangle(x1 + 5, (y0 + y1) / 2, 10, y1 - y0)]
    for g in green:
        features.append({"type": "Feature", "properties": {"Layer": "HIJAU"},
                         "geometry": {"type": "Polygon", "coordinates": [to_lonlat(g)]}})
    boundary = rectangle((x0 + x1) / 2 + 5, (y0 + y1) / 2 + 1, x1 - x0 + 30, y1 - y0 + 30)
    features.append({"type": "Feature", "properties": {"Layer": "BATAS"},
                     "geometry": {"type": "Polygon", "coordinates": [to_lonlat(boundary)]}})
    places = sensitive_places(text, ((x0 + x1) / 2, (y0 + y1) / 2))
    for pid, label, kind, shape in places:
        coordinates = to_lonlat([shape])[0] if kind == "Point" else [to_lonlat(shape)]
        features.append({"type": "Feature", "properties": {"Layer": "SENSITIF", "NAMA": pid, "JENIS": label},
                         "geometry": {"type": kind, "coordinates": coordinates}})
    base = path[:-len(".yaml")]
    site = base + "-site.geojson"
    name = site.rsplit("/", 1)[-1]
    with open(site, "w", encoding="utf-8") as f:
        f.write('{"type": "FeatureCollection",\n"name": "illustrative drawing of ' + path.rsplit("/", 1)[-1]
                + ' (scripts/draw-bekasi-site.py)",\n"features": [\n')
        f.write(",\n".join(json.dumps(feat, ensure_ascii=False) for feat in features))
        f.write("\n]}\n")
    lines = text.splitlines(keepends=True)
    start = next(i for i, l in enumerate(lines) if l.startswith("  plots:"))
    end = start + 1
    while end < len(lines) and lines[end].startswith("  - {id:"):
        end += 1
    drawn = (f"  # The plots as drawn (illustrative): {name}, made by scripts/draw-bekasi-site.py from the typed plots.\n"
             "  plots_from:\n"
             f"    file: {name}\n"
             "    where: {property: Layer, equals: KAVLING}\n"
             "    id: KAV_NO\n    zone: ZONA\n    phase: FASE\n    power_block: GARDU\n    rent: SEWA\n    area: LUAS\n"
             f"  roads_from: {{file: {name}, where: {{property: Layer, equals: JALAN}}, class: KELAS, width: LEBAR}}\n"
             f"  green_from: {{file: {name}, where: {{property: Layer, equals: HIJAU}}}}\n"
             f"  boundary_from: {{file: {name}, where: {{property: Layer, equals: BATAS}}}}\n")
    if places:
        drawn += (f"  sensitive_from: {{file: {name}, where: {{property: Layer, equals: SENSITIF}}, id: NAMA, "
                  "label: JENIS}\n")
    header = ("# Drawn variant of " + path.rsplit("/", 1)[-1] + ": the same scenario with its plots read from "
              + name + ".\n# Made by scripts/draw-bekasi-site.py; regenerate rather than edit by hand.\n")
    # Drop the comment line just above `plots:` (it describes the typed columns).
    if start > 0 and lines[start - 1].lstrip().startswith("#"):
        k = start - 1
        while k > 0 and lines[k - 1].lstrip().startswith("#") and lines[k - 1].startswith("  "):
            k -= 1
        lines[k:start] = []
        shift = start - k
        start, end = start - shift, end - shift
    rest = BUFFER.sub(lambda m: f"  - {{id: {m.group(1)}, label: {m.group(2)}, {m.group(4)}}}"
                      + f"   # drawn: {name} (SENSITIF)", "".join(lines[end:]))
    with open(base + "-drawn.yaml", "w", encoding="utf-8") as f:
        f.write(header + "".join(lines[:start]) + drawn + rest)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        main(arg)
