#!/usr/bin/env python3
"""Runs plotalloc, `glpsol --cuts` and (when importable) HiGHS on the OR-Library GAP sets and prints a comparison.

Called by run-gap.sh; see benchmarks/README.md. plotalloc solves each problem through its own modelling layer and
GLPK backend and exports the same model as CPLEX LP (--export-dir); glpsol and HiGHS solve those LP files, one process
at a time, with the same time limit. Times: plotalloc's per-problem wall clock as it reports it (model building,
heuristic start, solve; no file reading), glpsol's process wall clock (reading the LP file included), HiGHS's wall
clock for readModel + run inside one long-lived worker (interpreter start excluded).
"""
import argparse, datetime, json, os, platform, re, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAP = os.path.join(ROOT, "benchmarks", "gap")
SETS = {
    "or-max": ([f"gap{i}" for i in range(1, 13)], "max"),
    "or-min": ([f"gap{i}" for i in range(1, 13)], "min"),
    "a": (["gapa"], "min"), "b": (["gapb"], "min"), "c": (["gapc"], "min"), "d": (["gapd"], "min"),
    "e": ([f"typeE/e{s}" for s in ("05100", "05200", "10100", "10200", "20100", "20200")], "min"),
}

HIGHS_WORKER = r"""
import json, sys, time
import highspy
limit = float(sys.argv[1])
for path in sys.argv[2:]:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", limit)
    h.setOptionValue("mip_rel_gap", 0.0)
    t = time.perf_counter()
    h.readModel(path)
    h.run()
    secs = time.perf_counter() - t
    st = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    sol = info.primal_solution_status == 2
    print("RESULT " + json.dumps({"file": path, "status": st, "objective": info.objective_function_value if sol else None,
                      "bound": info.mip_dual_bound, "nodes": info.mip_node_count, "seconds": secs}), flush=True)
"""


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


def run_glpsol(lp, limit):
    """glpsol --cuts on one LP file: status, objective, bound, nodes, wall seconds and peak memory (KiB)."""
    sol = lp + ".glpsol.sol"
    out_path = lp + ".glpsol.log"
    t = time.perf_counter()
    with open(out_path, "w") as out:
        p = subprocess.Popen(["glpsol", "--lp", lp, "--cuts", "--tmlim", str(int(limit)), "-w", sol],
                             stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    secs = time.perf_counter() - t
    text = open(out_path).read()
    os.remove(out_path)
    st = "optimal" if "INTEGER OPTIMAL SOLUTION FOUND" in text else \
        "infeasible" if "NO INTEGER FEASIBLE SOLUTION" in text or "NO PRIMAL FEASIBLE" in text else \
        "time_limit" if "TIME LIMIT EXCEEDED" in text else f"other (exit {p.returncode})"
    objective = None
    if os.path.exists(sol):
        for line in open(sol):
            parts = line.split()
            if parts[:2] == ["s", "mip"] and len(parts) > 5 and parts[4] in ("o", "f"):
                objective = float(parts[5])
        os.remove(sol)
    bound, nodes = None, None
    for line in text.splitlines():
        m = re.match(r"\+\s*\d+: mip =\s*(\S+)\s*(<=|>=)\s*(\S+)(?:\s+\S+)?\s*\((\d+);\s*(\d+)\)", line.strip())
        if m:
            try:
                bound = float(m.group(3))
            except ValueError:
                bound = None  # "tree is empty"
            nodes = int(m.group(4)) + int(m.group(5))
    if st == "optimal" and objective is not None:
        bound = objective
    return {"status": st, "objective": objective, "bound": bound, "nodes": nodes, "seconds": secs,
            "peak_memory_kib": usage.ru_maxrss}


def highs_available():
    return subprocess.run([sys.executable, "-c", "import highspy"], capture_output=True).returncode == 0


def run_highs(lps, limit):
    p = subprocess.run([sys.executable, "-c", HIGHS_WORKER, str(limit), *lps], capture_output=True, text=True,
                       check=True)
    res = {}
    for line in p.stdout.splitlines():
        if not line.startswith("RESULT "):
            continue  # HiGHS prints a banner on stdout
        r = json.loads(line[len("RESULT "):])
        st = r["status"]
        r["status"] = "optimal" if st == "Optimal" else "time_limit" if st == "Time limit reached" else \
            "infeasible" if st == "Infeasible" else st
        if r["status"] == "optimal":
            r["bound"] = r["objective"]
        res[r["file"]] = r
    return res


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
    ap.add_argument("--no-glpsol", action="store_true")
    ap.add_argument("--no-highs", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    optima = load_optima()
    use_highs = not a.no_highs and highs_available()
    lines = []

    def emit(s=""):
        print(s, flush=True)
        lines.append(s)

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    glpv = subprocess.run(["glpsol", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    emit(f"Date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}; machine: {platform.machine()}, {cpu}, "
         f"{os.cpu_count()} cores, load average at start {os.getloadavg()[0]:.1f}")
    hv = ""
    if use_highs:
        hv = subprocess.run([sys.executable, "-c",
                             "from importlib.metadata import version; print(version('highspy'))"],
                            capture_output=True, text=True).stdout.strip()
    emit(f"Solvers: plotalloc (GLPK 5.0 C API), {glpv.strip()} with --cuts"
         + (f", HiGHS {hv} (threads=1, mip_rel_gap=0)" if use_highs else ", HiGHS not installed")
         + f"; time limit {a.limit:g} s per problem")
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
        if not a.no_glpsol:
            for row in rows:
                row["glpsol"] = run_glpsol(row["lp"], a.limit)
        if use_highs:
            hr = run_highs([row["lp"] for row in rows], a.limit)
            for row in rows:
                row["highs"] = hr.get(row["lp"])
        all_rows[name] = rows
        solvers = ["plotalloc"] + ([] if a.no_glpsol else ["glpsol"]) + (["highs"] if use_highs else [])
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
