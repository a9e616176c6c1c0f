#!/usr/bin/env bash
# Render a plotalloc HTML report in a real headless browser (Chromium from Debian's packages), save a screenshot,
# and check that the screenshot is not blank and shows the map (sector colours of the map present).
#
#   scripts/screenshot-report.sh [REPORT.html [OUT.png]]
#   scripts/screenshot-report.sh --svg MAP.svg OUT.png     render an SVG map alone, at its own size (for docs/)
#
# Without REPORT.html it builds plotalloc and writes out/report.html with `solve --html` of the bundled expansion
# scenario, stopped after PLOTALLOC_TIME_LIMIT seconds (default 10: the page then shows the best layout found,
# verified, with its gap; the map is what the check needs). Set PLOTALLOC_SCRATCH to build in another scratch path
# (default .build).
# Installs chromium (and python3 for the check) with apt-get when missing. Exit status 0 when the screenshot was
# saved and passed the check; 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

need() { # command package...
    local cmd=$1; shift
    command -v "$cmd" >/dev/null 2>&1 && return 0
    echo "installing $*" >&2
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
need chromium chromium fonts-dejavu-core
need python3 python3-minimal

shoot() { # url out.png width height
    local flags=(--headless --disable-gpu --hide-scrollbars --no-first-run --disable-dev-shm-usage
                 --force-device-scale-factor=1 "--window-size=$3,$4" "--screenshot=$2")
    [ "$(id -u)" = 0 ] && flags+=(--no-sandbox)   # Chromium refuses to run its sandbox as root
    rm -f "$2"
    timeout 120 chromium "${flags[@]}" "$1" >/dev/null 2>&1 || true
    [ -s "$2" ] || { echo "error: chromium wrote no screenshot to $2" >&2; exit 1; }
}

mode=html
if [ "${1:-}" = "--svg" ]; then
    mode=svg; src=${2:?usage: $0 --svg MAP.svg OUT.png}; out=${3:?usage: $0 --svg MAP.svg OUT.png}
    read -r w h < <(python3 - "$src" <<'PY'
import re, sys, math
head = open(sys.argv[1], encoding="utf-8").read(2000)
m = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', head)
print(math.ceil(float(m.group(1))), math.ceil(float(m.group(2)))) if m else print(1200, 900)
PY
)
    shoot "file://$(realpath "$src")" "$out" "$w" "$h"
else
    src=${1:-}; out=${2:-out/report.png}
    if [ -z "$src" ]; then
        mkdir -p out
        scratch=${PLOTALLOC_SCRATCH:-.build}
        swift build --scratch-path "$scratch" --product plotalloc >/dev/null
        bin=$(swift build --scratch-path "$scratch" --show-bin-path)/plotalloc
        src=out/report.html
        "$bin" solve scenarios/bekasi-expansion.yaml --time-limit "${PLOTALLOC_TIME_LIMIT:-10}" --html "$src" >/dev/null
    fi
    mkdir -p "$(dirname "$out")"
    shoot "file://$(realpath "$src")" "$out" 1280 2400
fi

# The check: decode the PNG (zlib only, no imaging library), count distinct colours and non-white pixels, and find
# the map's sector colours (SectorPalette: Paul Tol's muted scheme).
python3 - "$out" <<'PY'
import struct, sys, zlib
path = sys.argv[1]
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width = 8, b"", 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
        assert depth == 8 and ctype in (2, 6), f"unsupported PNG: depth {depth}, colour type {ctype}"
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += chunk
    pos += 12 + length
raw = zlib.decompress(idat)
stride = width * bpp
prev = bytearray(stride)
colours, nonwhite, i = {}, 0, 0
for _ in range(height):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        rgb = bytes(line[x:x + 3])
        colours[rgb] = colours.get(rgb, 0) + 1
    prev = line
total = width * height
nonwhite = total - colours.get(b"\xff\xff\xff", 0)
palette = ["CC6677", "332288", "DDCC77", "117733", "88CCEE", "882255", "44AA99", "999933", "AA4499", "DDDDDD"]
found = [h for h in palette[:8] if colours.get(bytes.fromhex(h), 0) >= 200]
print(f"{path}: {width}x{height}, {len(colours)} distinct colours, {100 * nonwhite / total:.1f} % non-white, "
      f"map sector colours found: {' '.join('#' + h for h in found) or 'none'}")
ok = len(colours) >= 16 and nonwhite / total >= 0.02 and len(found) >= 2
if not ok:
    print("error: the screenshot looks blank or shows no map", file=sys.stderr)
sys.exit(0 if ok else 1)
PY
