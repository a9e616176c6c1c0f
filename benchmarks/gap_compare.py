#!/usr/bin/env python3
"""Runs plotalloc and the peers (`glpsol --cuts`, HiGHS, SCIP, CP-SAT: peers.py, each when it can run here) on the
OR-Library GAP sets and prints a comparison.

Called by run-gap.sh; see benchmarks/README.md. plotalloc solves each problem through its own modelling layer and
GLPK backend and exports the same model as CPLEX LP and free MPS (--export-dir); the peers solve those files, one
process at a time, with the same time limit. Times: plotalloc's per-problem wall clock as it reports it (model
building, heuristic start, solve; no file reading), glpsol's process wall clock (reading the LP file included), the
Python solvers' wall clock for read + solve inside one long-lived worker (interpreter start excluded).
"""
import argparse, datetime, json, os, platform, subprocess, sys

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAP = os.path.join(ROOT, "benchmarks", "gap")
SETS = {
    "or-max": ([f"gap{i}" for i in range(1, 13)], "max"),
    "or-min": ([f"gap{i}" for i in range(1, 13)], "min"),
    "a": (["gapa"], "min"), "b": (["gapb"], "min"), "c": (["gapc"], "min"), "d": (["gapd"], "min"),
    "e": ([f"typeE/e{s}" for s in ("05100", "05200", "10100", "10200", "20100", "20200")], "min"),
}

def load_optima():
    table = {}
    with open(os.path.join(GAP, "optima.tsv")) as f:
        for line in f:
            if line.startswith("#") or line.startswith("instance\t") or not line.strip():
                continue
            inst, prob, sense, opt, status = line.rstrip("\n").split("\t")
            table[(inst, int(prob), sense)] = (int(opt), status == "optimal")
    return table


def run_plotalloc(binary, files, sense, limit, lpdir):
    cmd = [binary, "bench", "gap", *files, "--sense", sense, "--time-limit", str(limit), "--json",
           "--export-dir", lpdir]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def fmt_obj(v):
    return "-" if v is None else str(int(round(v))) if abs(v - round(v)) < 1e-6 else f"{v:.2f}"


def cell(r, published):
    """status/objective marker for one solver on one problem."""
    if r is None:
        return "-"
    o = r.get("objective")
    mark = ""
    if published is not None and o is not None:
        mark = "" if int(round(o)) == published else f" ({100 * abs(o - published) / abs(published):.2f}%)"
    st = {"optimal": "opt", "time_limit": "lim", "feasible": "lim"}.get(r["status"], r["status"])
    if r["status"] == "feasible" and r.get("stopped"):
        st = "lim" if r["stopped"] == "time_limit" else r["stopped"]
    return f"{st} {fmt_obj(o)}{mark}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plotalloc", required=True)
    ap.add_argument("--limit", type=float, default=60)
    ap.add_argument("--sets", default="or-max")
    ap.add_argument("--out", required=True)
    peers.add_arguments(ap)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    optima = load_optima()
    lines = []

    def emit(s=""):
        print(s, flush=True)
        lines.append(s)

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    run_peers, notes = peers.status(peers.wanted(a))
    emit(f"Date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}; machine: {platform.machine()}, {cpu}, "
         f"{os.cpu_count()} cores, load average at start {os.getloadavg()[0]:.1f}")
    emit("Solvers: plotalloc (GLPK 5.0 C API, one thread), "
         + "; ".join(notes) + f"; time limit {a.limit:g} s per problem")
    emit(f"Command: benchmarks/run-gap.sh (SETS='{a.sets}' LIMIT={a.limit:g})")
    all_rows = {}
    summary = []
    for name in a.sets.split():
        names, sense = SETS[name]
        files = [os.path.join(GAP, n + ".txt") for n in names]
        lpdir = os.path.join(a.out, "lp", name)
        os.makedirs(lpdir, exist_ok=True)
        pa = run_plotalloc(a.plotalloc, files, sense, a.limit, lpdir)
        rows = []
        for r in pa:
            lp = os.path.join(lpdir, f"{r['instance']}-{r['problem']}.lp")
            rows.append({"instance": r["instance"], "problem": r["problem"], "lp": lp, "plotalloc": r})
        for peer in run_peers:
            res = peers.run_peers(peer, [(row["lp"], row["lp"][:-3] + ".mps") for row in rows], a.limit)
            for row in rows:
                row[peer] = res.get(row["lp"])
        all_rows[name] = rows
        solvers = ["plotalloc"] + run_peers
        emit()
        emit(f"### Set {name} ({', '.join(os.path.basename(n) for n in names)}; {sense})")
        emit()
        emit("| instance | problem | size | published | " + " | ".join(
            f"{s} status objective (gap) | {s} s" for s in solvers) + " |")
        emit("|---|---|---|---|" + "---|---|" * len(solvers))
        totals = {s: [0.0, 0, 0] for s in solvers}  # seconds, optimal, matched
        for row in rows:
            pub = optima.get((row["instance"], row["problem"], sense))
            pv = pub[0] if pub else None
            pa = row["plotalloc"]
            cells = []
            for s in solvers:
                r = row.get(s)
                if r is None:
                    cells += ["-", "-"]
                    continue
                totals[s][0] += r["seconds"]
                totals[s][1] += r["status"] == "optimal"
                totals[s][2] += pv is not None and r.get("objective") is not None and int(round(r["objective"])) == pv
                cells += [cell(r, pv), f"{r['seconds']:.2f}"]
            pubs = "-" if pub is None else f"{pv}" + ("" if pub[1] else "*")
            # size from the LP is not needed: plotalloc knows m x n only in text mode; derive from the file name.
            emit(f"| {row['instance']} | {row['problem']} | {sizes(row['lp'])} | {pubs} | " + " | ".join(cells) + " |")
        n = len(rows)
        emit()
        tot = " · ".join(f"{s}: {totals[s][0]:.2f} s, {totals[s][1]}/{n} optimal, {totals[s][2]}/{n} at published"
                         for s in solvers)
        emit(f"Totals: {tot}")
        ratios = []
        for s in solvers[1:]:
            if totals[s][0] > 0:
                ratios.append(f"plotalloc / {s} = {totals['plotalloc'][0] / totals[s][0]:.2f}")
        if ratios:
            emit("Time ratios: " + ", ".join(ratios))
        summary.append((name, sense, n, totals, ratios))
    emit()
    emit("### Summary")
    emit()
    for name, sense, n, totals, ratios in summary:
        emit(f"- {name} ({sense}, {n} problems): " + "; ".join(
            f"{s} {t[0]:.1f} s, {t[1]} optimal, {t[2]} at published" for s, t in totals.items())
            + (f"; {', '.join(ratios)}" if ratios else ""))
    with open(os.path.join(a.out, "report.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(all_rows, f, indent=1)


def sizes(lp):
    """m×n from the exported LP file: count the job rows and capacity rows."""
    jobs = agents = 0
    with open(lp) as f:
        for line in f:
            s = line.strip()
            if s.startswith("job_") and s.split(":")[0][4:].isdigit():
                jobs += 1
            elif s.startswith("capacity_") and s.split(":")[0][9:].isdigit():
                agents += 1
    return f"{agents}×{jobs}"


if __name__ == "__main__":
    main()
