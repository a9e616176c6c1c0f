#!/usr/bin/env python3
"""The tables of the performance targets (benchmarks/README.md, "Performance beyond the bundled case"), in one run.

Called by `benchmarks/run.sh --issue15` (which builds plotalloc in release mode first); standard library only.
Every plotalloc run is `plotalloc bench scenario FILE --runs N --time-limit L --json` (a fresh child process per run)
or `plotalloc bench estates` / `plotalloc bench gap`; every peer runs on the model plotalloc exports, one process at
a time, with the same limit (peers.py: glpsol --cuts, HiGHS and SCIP on one thread, CP-SAT on two workers;
plotalloc on two threads), objectives and bounds in plotalloc's sign.

  1. shapes: the bundled expansion and ten estates of its shape (`plotalloc generate --firms 140 --plots 96 --seed
     S`, seeds 1-10), LIMIT s: plotalloc's gap to its proven bound, median and worst; whether every peer's layout is
     below plotalloc's on each.
  2. small: tutorial, phase 1, 50-firm estates, ten `generate --firms 32 --plots 24` seeds, OR-Library GAP types
     A-C: plotalloc's time to proof against the fastest peer that proves the case optimal within LIMIT s.
  3. sizes: estates of 800 and 1,600 firms (`plotalloc bench estates`), LIMIT s: a proven bound or not, gap, peak
     memory against the model's non-zeros.
  4. proof: the expansion with PROOF_LIMIT s: proven or not, bound, gap, time.
  5. peers: per peer over the models of tables 1-3: how many it proved, its median gap, on how many its layout beat
     plotalloc's.
Writes OUT/issue15.md (the tables) and OUT/issue15.json (every figure), and the exported models and generated
estates under OUT.
"""
import argparse, datetime, json, os, platform, statistics, subprocess, sys

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402
from alloc_compare import NAMES, compare_models, fmt_num, pct, rel_gap, run_json_lines, solver_cell  # noqa: E402
from gap_compare import GAP, SETS, run_plotalloc as run_plotalloc_gap  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPANSION = "scenarios/bekasi-expansion.yaml"
SHAPE = (140, 96)  # the bundled expansion's firms and plots (EstateBenchmark.referenceFirms / referencePlots)


def seeds(text):
    """'1-10' or '1,3,5' -> [1, ..., 10] / [1, 3, 5]; '' -> []."""
    out = []
    for part in filter(None, text.split(",")):
        lo, _, hi = part.partition("-")
        out += list(range(int(lo), int(hi or lo) + 1))
    return out


def generate(binary, firms, plots, seed, path):
    subprocess.run([binary, "generate", "--firms", str(firms), "--plots", str(plots), "--seed", str(seed),
                    "--output", path], check=True, stdout=subprocess.DEVNULL)


def plotalloc_case(binary, scenario, limit, runs):
    """plotalloc on one scenario: its result as a peer's (median over the runs), or a failed result."""
    rows = run_json_lines([binary, "bench", "scenario", scenario, "--runs", str(runs), "--time-limit", str(limit),
                           "--json"])
    if not rows:
        return {"status": "error", "objective": None, "bound": None, "gap": None, "seconds": float("nan")}
    s = rows[0]
    med = lambda k: (s.get(k) or {}).get("median")  # noqa: E731
    first = next((r for r in s["runs"] if r["status"] != "error"), {})
    return {"status": s["status"], "objective": med("objective"), "bound": med("bound"), "gap": med("gap"),
            "seconds": (s["seconds"].get("total") or {}).get("median"), "nodes": med("nodes"),
            "peak_memory_kib": med("peak_memory_kib"), "bound_source": first.get("bound_source"),
            "model": s.get("model"), "runs": s["run_count"]}


def gap_of(r):
    if r is None or r.get("objective") is None:
        return None
    if r["status"] == "optimal":
        return 0.0
    g = r.get("gap")
    return g if g is not None else rel_gap(r.get("objective"), r.get("bound"))


def run_cases(binary, cases, limit, runs, out, run_peers):
    """[(key, label, scenario)] -> {key: {"label", "plotalloc", peer...}}: plotalloc, then every peer on its export."""
    models = []
    for key, label, scenario in cases:
        print(f"issue15: plotalloc on {key}", file=sys.stderr, flush=True)
        models.append((key, scenario, plotalloc_case(binary, scenario, limit, runs)))
    rows = compare_models(binary, models, os.path.join(out, "models"), limit, run_peers)
    for key, label, _ in cases:
        rows[key]["label"] = label
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plotalloc", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--limit", type=float, default=60, help="seconds per run and per model (tables 1, 2, 3)")
    ap.add_argument("--proof-limit", type=float, default=3600, help="seconds for the expansion's proof (table 4)")
    ap.add_argument("--tables", default="1,2,3,4,5")
    ap.add_argument("--seeds", default="1-10", help="seeds of the estates of the expansion's shape")
    ap.add_argument("--small-seeds", default="1-10", help="seeds of the 32-firm, 24-plot estates")
    ap.add_argument("--estate50-seeds", default="1", help="seeds of the 50-firm estates")
    ap.add_argument("--gap-sets", default="a b c", help="OR-Library sets of table 2 (gap_compare.py's names)")
    ap.add_argument("--sizes", default="800,1600")
    ap.add_argument("--runs", type=int, default=1, help="plotalloc runs per scenario (medians)")
    ap.add_argument("--command", default="benchmarks/run.sh --issue15")
    peers.add_arguments(ap)
    a = ap.parse_args()
    tables = {int(t) for t in a.tables.split(",") if t}
    os.makedirs(a.out, exist_ok=True)
    estdir = os.path.join(a.out, "estates")
    os.makedirs(estdir, exist_ok=True)
    run_peers, notes = peers.status(peers.wanted(a))
    lines, data = [], {}

    def emit(s=""):
        print(s, flush=True)
        lines.append(s)

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "?"
    header = {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "commit": commit,
              "machine": f"{platform.machine()}, {cpu}, {os.cpu_count()} cores", "load": os.getloadavg()[0],
              "limit": a.limit, "proof_limit": a.proof_limit, "peers": notes, "command": a.command}
    data["header"] = header
    emit(f"- Date: {header['date']}; commit {commit}; machine: {header['machine']}; load average at start "
         f"{header['load']:.1f}")
    emit(f"- Command: `{a.command}`; limit {a.limit:g} s per run and per model (proof: {a.proof_limit:g} s); "
         f"plotalloc runs per scenario: {a.runs}")
    emit("- Solvers: plotalloc (GLPK 5.0 C API, two threads: the search and GLPK on one, the street-block bound on "
         "the other); " + "; ".join(notes))
    shown = ["plotalloc"] + run_peers
    all_rows = {}  # every allocation model, for table 5

    def cells(row):
        return " | ".join(solver_cell(row.get(s)) for s in shown)

    # 1. The expansion's shape.
    if 1 in tables:
        cases = [("expansion", "bekasi-expansion (bundled)", EXPANSION)]
        for s in seeds(a.seeds):
            path = os.path.join(estdir, f"shape-s{s}.yaml")
            generate(a.plotalloc, SHAPE[0], SHAPE[1], s, path)
            cases.append((f"shape-s{s}", f"generate --firms {SHAPE[0]} --plots {SHAPE[1]} --seed {s}", path))
        rows = run_cases(a.plotalloc, cases, a.limit, a.runs, a.out, run_peers)
        all_rows.update(rows)
        data["shapes"] = rows
        emit()
        emit(f"### 1. Every estate of the expansion's shape within 1 % in {a.limit:g} s")
        emit()
        emit("Status, objective and gap to the solver's own proven bound; \"beats every peer\": plotalloc's layout "
             "scores at least as high as every peer's.")
        emit()
        emit("| case | " + " | ".join(NAMES[s] for s in shown) + " | within 1 % | beats every peer |")
        emit("|---|" + "---|" * (len(shown) + 2))
        gaps, within, beats = [], 0, 0
        for key, label, _ in cases:
            row = rows[key]
            p = row["plotalloc"]
            g = gap_of(p)
            ok = g is not None and g <= 0.01
            best_peer = max((row[s]["objective"] for s in run_peers if row.get(s) and
                             row[s].get("objective") is not None), default=None)
            beat = p.get("objective") is not None and (best_peer is None or p["objective"] >= best_peer - 1e-6)
            gaps.append(g)
            within += ok
            beats += beat
            emit(f"| {label} | {cells(row)} | {'yes' if ok else 'no'} | {'yes' if beat else 'no'} |")
        known = [g for g in gaps if g is not None]
        emit()
        emit(f"plotalloc: median gap {pct(statistics.median(known)) if known else '-'}, worst "
             f"{pct(max(known)) if known else '-'}" + (f" ({len(gaps) - len(known)} without a bound)"
                                                     if len(known) < len(gaps) else "")
             + f"; within 1 %: {within}/{len(cases)}; beats every peer: {beats}/{len(cases)} "
             f"(target: all, at {a.limit:g} s" + ("" if a.limit == 60 else "; this run's limit is not the target's")
             + ")")

    # 2. Small cases: time to proof against the fastest peer.
    if 2 in tables:
        cases = [("tutorial", "tutorial", "scenarios/tutorial.yaml"),
                 ("phase1", "bekasi-phase1", "scenarios/bekasi-phase1.yaml")]
        for s in seeds(a.estate50_seeds):
            path = os.path.join(estdir, f"estate-50-s{s}.yaml")
            generate(a.plotalloc, 50, 34, s, path)
            cases.append((f"estate-50-s{s}", f"estate 50 firms, 34 plots, seed {s}", path))
        for s in seeds(a.small_seeds):
            path = os.path.join(estdir, f"small-32x24-s{s}.yaml")
            generate(a.plotalloc, 32, 24, s, path)
            cases.append((f"small-32x24-s{s}", f"generate --firms 32 --plots 24 --seed {s}", path))
        rows = run_cases(a.plotalloc, cases, a.limit, a.runs, a.out, run_peers)
        all_rows.update(rows)
        small = [(label, rows[key]) for key, label, _ in cases]
        for name in a.gap_sets.split():
            names, sense = SETS[name]
            files = [os.path.join(GAP, n + ".txt") for n in names]
            lpdir = os.path.join(a.out, "gap", name)
            os.makedirs(lpdir, exist_ok=True)
            print(f"issue15: plotalloc on GAP set {name}", file=sys.stderr, flush=True)
            pa = run_plotalloc_gap(a.plotalloc, files, sense, a.limit, lpdir)
            pairs = [(os.path.join(lpdir, f"{r['instance']}-{r['problem']}.lp"),
                      os.path.join(lpdir, f"{r['instance']}-{r['problem']}.mps")) for r in pa]
            res = {peer: peers.run_peers(peer, pairs, a.limit) for peer in run_peers}
            for r, (lp, _) in zip(pa, pairs):
                row = {"plotalloc": r, **{peer: res[peer].get(lp) for peer in run_peers}}
                small.append((f"GAP {r['instance']} {r['problem']} ({sense})", row))
        data["small"] = small
        emit()
        emit(f"### 2. Small cases: time to proof against the fastest peer ({a.limit:g} s limit)")
        emit()
        emit("Seconds to the proven optimum; a case counts for the target when some peer proves it within the limit.")
        emit()
        emit("| case | " + " | ".join(f"{NAMES[s]} s" for s in shown) + " | fastest peer | plotalloc / fastest "
             "| met |")
        emit("|---|" + "---|" * (len(shown) + 3))
        counted = met = 0
        for label, row in small:
            def t(s):
                r = row.get(s)
                if r is None or r.get("seconds") is None:
                    return "-"
                return f"{r['seconds']:.2f}" if r["status"] == "optimal" else f"lim ({r['seconds']:.0f})"
            proved = [(row[s]["seconds"], s) for s in run_peers if row.get(s) and row[s]["status"] == "optimal"]
            fastest = min(proved) if proved else None
            p = row["plotalloc"]
            if fastest:
                counted += 1
                ratio = p["seconds"] / fastest[0] if p["status"] == "optimal" and fastest[0] > 0 else None
                ok = p["status"] == "optimal" and p["seconds"] <= fastest[0]
                met += ok
                emit(f"| {label} | " + " | ".join(t(s) for s in shown) + f" | {NAMES[fastest[1]]} "
                     f"| {'-' if ratio is None else f'{ratio:.2f}'} | {'yes' if ok else 'no'} |")
            else:
                emit(f"| {label} | " + " | ".join(t(s) for s in shown) + " | none proves it | - | (not counted) |")
        emit()
        emit(f"plotalloc at least as fast as the fastest peer on {met} of the {counted} cases some peer proves "
             f"(target: all)")

    # 3. Sizes.
    if 3 in tables and a.sizes:
        print("issue15: plotalloc bench estates", file=sys.stderr, flush=True)
        estates = run_json_lines([a.plotalloc, "bench", "estates", "--sizes", a.sizes, "--time-limit", str(a.limit),
                                  "--seed", "1", "--json", "--save-scenarios", estdir])
        models = [(f"estate-{e['firms']}", e["scenario_file"], {**e["run"], "seconds": e["run"]["total_seconds"]})
                  for e in estates if e["run"]["status"] != "error"]
        rows = compare_models(a.plotalloc, models, os.path.join(a.out, "models"), a.limit, run_peers)
        for e in estates:
            if f"estate-{e['firms']}" in rows:
                rows[f"estate-{e['firms']}"]["label"] = f"estate {e['firms']} firms"
        all_rows.update(rows)
        data["sizes"] = {"estates": estates, "comparisons": rows}
        emit()
        emit(f"### 3. A bound at every size ({a.limit:g} s)")
        emit()
        emit("| firms | plots | non-zeros | status | seconds | objective | bound | bound from | gap | peak memory MiB "
             "| peers (status, objective, gap) |")
        emit("|---|---|---|---|---|---|---|---|---|---|---|")
        for e in estates:
            r = e["run"]
            m = r.get("model") or {}
            mem = r.get("peak_memory_kib")
            row = rows.get(f"estate-{e['firms']}", {})
            emit(f"| {e['firms']} | {e['plots']} | {m.get('nonzeros', '-')} | {r['status']} "
                 f"| {r['total_seconds']:.2f} | {fmt_num(r.get('objective'))} | {fmt_num(r.get('bound'))} "
                 f"| {r.get('bound_source') or '-'} | {pct(r.get('gap'))} | {'-' if not mem else f'{mem / 1024:.1f}'} "
                 f"| " + "; ".join(f"{NAMES[s]} {solver_cell(row.get(s))}" for s in run_peers) + " |")
        ok = [e for e in estates if e["run"].get("bound") is not None and e["run"]["total_seconds"] <= a.limit * 1.05]
        emit()
        emit(f"A proven bound within the limit on {len(ok)} of {len(estates)} sizes (target: all; 1,600 firms within "
             f"1 %)")
        pairs = [(e["firms"], e["run"].get("peak_memory_kib"), (e["run"].get("model") or {}).get("nonzeros"))
                 for e in estates]
        pairs = [p for p in pairs if p[1] and p[2]]
        if len(pairs) >= 2:
            (f0, m0, n0), (f1, m1, n1) = pairs[0], pairs[-1]
            emit(f"Peak memory from {f0} to {f1} firms × {m1 / m0:.2f}, non-zeros × {n1 / n0:.2f} (target: memory "
                 f"grows slower than the model: {'met' if m1 / m0 < n1 / n0 else 'missed'})")

    # 4. The expansion's proof.
    if 4 in tables:
        print(f"issue15: the expansion's proof attempt ({a.proof_limit:g} s)", file=sys.stderr, flush=True)
        p = plotalloc_case(a.plotalloc, EXPANSION, a.proof_limit, 1)
        data["proof"] = p
        emit()
        emit(f"### 4. The proof of the expansion ({a.proof_limit:g} s limit, one run)")
        emit()
        emit("| status | seconds | objective | bound | bound from | gap | nodes |")
        emit("|---|---|---|---|---|---|---|")
        secs = "-" if p.get("seconds") is None else f"{p['seconds']:.1f}"
        emit(f"| {p['status']} | {secs} | {fmt_num(p.get('objective'))} | {fmt_num(p.get('bound'))} "
             f"| {p.get('bound_source') or '-'} | {pct(gap_of(p))} | {fmt_num(p.get('nodes'))} |")
        emit()
        emit("Target: proven optimal, median ≤ 10 s; first milestone: proven at all within an hour: "
             + ("met" if p["status"] == "optimal" and (p.get("seconds") or 1e9) <= 3600 else "missed"))

    # 5. Peers over every allocation model of this run.
    if 5 in tables and all_rows:
        emit()
        emit(f"### 5. The peers on the same models ({len(all_rows)} allocation models of tables 1–3, {a.limit:g} s)")
        emit()
        emit("| solver | threads | proven optimal | median gap | worst gap | no layout | layout above plotalloc's |")
        emit("|---|---|---|---|---|---|---|")
        for s in shown:
            rs = [row.get(s) for row in all_rows.values()]
            done = [r for r in rs if r is not None]
            gs = [g for g in (gap_of(r) for r in done) if g is not None]
            above = sum(1 for row in all_rows.values() if s != "plotalloc" and row.get(s) and
                        row[s].get("objective") is not None and (row["plotalloc"].get("objective") is None or
                                                                 row[s]["objective"] > row["plotalloc"]["objective"] + 1e-6))
            threads = "2 threads" if s == "plotalloc" else peers.PEERS[s][3]
            emit(f"| {NAMES[s]} | {threads} | {sum(r['status'] == 'optimal' for r in done)}/{len(done)} "
                 f"| {pct(statistics.median(gs)) if gs else '-'} | {pct(max(gs)) if gs else '-'} "
                 f"| {sum(r.get('objective') is None for r in done)} | {'-' if s == 'plotalloc' else above} |")
        if len(run_peers) < len(peers.ORDER):
            emit()
            emit("Peers not in this run: " + "; ".join(n for n in notes if "not run" in n or "skipped" in n))

    with open(os.path.join(a.out, "issue15.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(a.out, "issue15.json"), "w") as f:
        json.dump(data, f, indent=1, default=str)


if __name__ == "__main__":
    main()
