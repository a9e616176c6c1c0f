#!/usr/bin/env python3
"""The peer solvers of the benchmarks: `glpsol --cuts`, HiGHS, SCIP and OR-Tools CP-SAT on plotalloc's exported models.

Imported by alloc_compare.py, gap_compare.py and issue15.py; standard library only (each Python solver runs in a worker
process of its own, so a missing package or a crash in a solver never stops the benchmark). Nothing is installed here:
a solver whose package does not import is skipped, and `status()` says so in the report.

Every runner returns, per model file, {status, objective, bound, nodes, seconds, peak_memory_kib} with the objective
and bound in plotalloc's sign (the score: higher is better for a maximisation):
- glpsol, HiGHS and SCIP read the CPLEX LP file, which keeps the objective sense (`Maximize`), so their figures are the
  score as they report it.
- CP-SAT reads the free MPS file through OR-Tools' model builder. MPS has no objective sense every reader accepts
  (GLPK refuses OBJSENSE), so plotalloc writes a maximisation negated, with the note `NEGATED OBJECTIVE` in the file's
  first comment lines (docs/reliability.md): CP-SAT minimises minus the score, and its objective and bound are
  negated back here (`mps_sign`).
status is one of optimal, time_limit (stopped with or without a solution: objective None when without), infeasible,
or the solver's own word. Threads: glpsol 1 (GLPK has no parallel mode), HiGHS threads=1, SCIP 1 (its default
sequential solve, lp/threads=1), CP-SAT num_workers=2 (plotalloc's own solve uses two threads: the search and GLPK on
one, the street-block bound on the other). Seconds: glpsol's process wall clock (reading the file included); for the
Python solvers, read + solve wall clock inside the worker (interpreter and import excluded). Peak memory: glpsol's
maximum resident set from wait4(2); none for the Python workers (one worker solves several models).
"""
import json, os, re, subprocess, sys, time

# name -> (module to import, pip package, label in reports, threads wording)
PEERS = {
    "glpsol": (None, None, "`glpsol --cuts`", "1 thread"),
    "highs": ("highspy", "highspy", "HiGHS", "threads=1, mip_rel_gap=0"),
    "scip": ("pyscipopt", "pyscipopt", "SCIP", "1 thread: sequential solve, lp/threads=1, limits/gap=0"),
    "cpsat": ("ortools", "ortools", "CP-SAT", "num_workers=2, reads the negated MPS file"),
}
ORDER = ["glpsol", "highs", "scip", "cpsat"]

NEGATION_NOTE = "NEGATED OBJECTIVE"

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
    st = "optimal" if st == "Optimal" else "time_limit" if st == "Time limit reached" else \
        "infeasible" if st == "Infeasible" else st
    print("RESULT " + json.dumps({"file": path, "status": st, "objective": info.objective_function_value if sol else None,
                      "bound": info.mip_dual_bound, "nodes": info.mip_node_count, "seconds": secs}), flush=True)
"""

SCIP_WORKER = r"""
import json, math, sys, time
import pyscipopt
limit = float(sys.argv[1])
for path in sys.argv[2:]:
    m = pyscipopt.Model()
    m.hideOutput()
    m.setParam("limits/time", limit)
    m.setParam("limits/gap", 0.0)
    m.setParam("lp/threads", 1)
    t = time.perf_counter()
    m.readProblem(path)
    m.optimize()
    secs = time.perf_counter() - t
    st = m.getStatus()
    st = {"optimal": "optimal", "timelimit": "time_limit", "infeasible": "infeasible"}.get(st, st)
    obj = m.getObjVal() if m.getNSols() > 0 else None
    bound = m.getDualbound()
    if bound is not None and not math.isfinite(bound):
        bound = None
    print("RESULT " + json.dumps({"file": path, "status": st, "objective": obj, "bound": bound,
                                  "nodes": m.getNNodes(), "seconds": secs}), flush=True)
"""

CPSAT_WORKER = r"""
import json, math, sys, time
from ortools.linear_solver.python import model_builder as mb
limit, workers = float(sys.argv[1]), int(sys.argv[2])


def num(x):
    # A finite float, or None (the model builder gives pandas' NA or an infinity where there is no value).
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


for path in sys.argv[3:]:
    t = time.perf_counter()
    model = mb.Model()
    if not model.import_from_mps_file(path):
        print("RESULT " + json.dumps({"file": path, "status": "unreadable", "objective": None, "bound": None,
                                      "nodes": None, "seconds": time.perf_counter() - t}), flush=True)
        continue
    solver = mb.Solver("sat")
    solver.set_time_limit_in_seconds(limit)
    solver.set_solver_specific_parameters(f"num_workers:{workers}")
    st = solver.solve(model)
    secs = time.perf_counter() - t
    has = st in (mb.SolveStatus.OPTIMAL, mb.SolveStatus.FEASIBLE)
    word = {mb.SolveStatus.OPTIMAL: "optimal", mb.SolveStatus.FEASIBLE: "time_limit",
            mb.SolveStatus.NOT_SOLVED: "time_limit", mb.SolveStatus.INFEASIBLE: "infeasible"}.get(st, st.name.lower())
    bound = num(solver.best_objective_bound) if has or st == mb.SolveStatus.NOT_SOLVED else None
    print("RESULT " + json.dumps({"file": path, "status": word, "objective": num(solver.objective_value) if has else None,
                                  "bound": bound, "nodes": None, "seconds": secs}), flush=True)
"""


def available(name):
    """Whether a peer can run here: glpsol on the PATH, or its Python package importable."""
    module = PEERS[name][0]
    if module is None:
        return subprocess.run(["sh", "-c", "command -v glpsol"], capture_output=True).returncode == 0
    return subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode == 0


VERSION_CODE = {
    "highspy": "from importlib.metadata import version; print(version('highspy'))",
    "pyscipopt": "import pyscipopt; from importlib.metadata import version; "
                 "print(f\"{pyscipopt.Model().version()} via PySCIPOpt {version('pyscipopt')}\")",
    "ortools": "from importlib.metadata import version; print(f\"of OR-Tools {version('ortools')}\")",
}


def version(name):
    """The solver's version as the report states it."""
    if name == "glpsol":
        line = subprocess.run(["glpsol", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        return line.strip().split()[-1]  # "GLPSOL--GLPK LP/MIP Solver 5.0"
    return subprocess.run([sys.executable, "-c", VERSION_CODE[PEERS[name][1]]], capture_output=True,
                          text=True).stdout.strip()


def status(wanted):
    """(peers to run, one report line per peer): each wanted peer with its version and threads, or why it is skipped.

    wanted: peer names the run asked for; the others are reported as 'not run'.
    """
    run, notes = [], []
    for name in ORDER:
        label = PEERS[name][2]
        if name not in wanted:
            notes.append(f"{label}: not run (switched off)")
        elif not available(name):
            what = "glpsol not found (Debian's glpk-utils)" if name == "glpsol" else \
                f"skipped: `import {PEERS[name][0]}` fails (install it with `pip install {PEERS[name][1]}`)"
            notes.append(f"{label}: {what}")
        else:
            run.append(name)
            notes.append(f"{label} {version(name)} ({PEERS[name][3]})")
    return run, notes


def mps_sign(path):
    """-1 when the MPS file is a maximisation plotalloc wrote negated (its first comment lines say so), else 1."""
    with open(path, encoding="utf-8", errors="replace") as f:
        return -1 if NEGATION_NOTE in f.read(2000) else 1


def run_glpsol(lp, limit):
    """glpsol --cuts on one LP file: status, objective, bound, nodes, wall seconds and peak memory (KiB)."""
    sol = lp + ".glpsol.sol"
    out_path = lp + ".glpsol.log"
    t = time.perf_counter()
    with open(out_path, "w") as out:
        p = subprocess.Popen(["glpsol", "--lp", lp, "--cuts", "--tmlim", str(int(limit)), "-w", sol],
                             stdout=out, stderr=subprocess.STDOUT)
        _, wstatus, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(wstatus)
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


def _run_worker(code, args, files):
    """Runs a Python worker over files; returns {file: result} (a failed worker: a 'failed' result per file left)."""
    p = subprocess.Popen([sys.executable, "-c", code, *args, *files], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    out, err = p.communicate()
    res = {}
    for line in out.splitlines():
        if line.startswith("RESULT "):  # solvers print banners on stdout
            r = json.loads(line[len("RESULT "):])
            r["peak_memory_kib"] = None
            res[r["file"]] = r
    if p.returncode != 0:
        last = (err.strip().splitlines() or [""])[-1]
        print(f"peers: warning: worker exited with status {p.returncode}: {last}", file=sys.stderr)
        for f in files:
            res.setdefault(f, {"file": f, "status": f"failed (exit {p.returncode})", "objective": None,
                               "bound": None, "nodes": None, "seconds": float("nan"), "peak_memory_kib": None})
    for r in res.values():
        if r["status"] == "optimal" and r.get("objective") is not None:
            r["bound"] = r["objective"]
    return res


def run_highs(lps, limit):
    """HiGHS (threads=1, mip_rel_gap=0) on LP files, one worker for all: {file: result}."""
    return _run_worker(HIGHS_WORKER, [str(limit)], lps)


def run_scip(lps, limit):
    """SCIP (sequential, limits/gap=0) on LP files, one worker for all: {file: result}."""
    return _run_worker(SCIP_WORKER, [str(limit)], lps)


def run_cpsat(mpss, limit, workers=2):
    """CP-SAT (num_workers=workers) on MPS files through OR-Tools' model builder: {file: result}, in plotalloc's sign.

    A file plotalloc wrote negated (a maximisation) has its objective and bound negated back, so the bound is an upper
    bound on the score like every other peer's.
    """
    res = _run_worker(CPSAT_WORKER, [str(limit), str(workers)], mpss)
    for f, r in res.items():
        if mps_sign(f) < 0:
            for k in ("objective", "bound"):
                if r.get(k) is not None:
                    r[k] = -r[k]
    return res


def run_peer(name, lp, mps, limit):
    """One peer on one model (the LP file, or for CP-SAT the MPS file of the same model): its result."""
    if name == "glpsol":
        return run_glpsol(lp, limit)
    if name == "cpsat":
        return run_cpsat([mps], limit)[mps]
    runner = run_highs if name == "highs" else run_scip
    return runner([lp], limit)[lp]


def run_peers(name, pairs, limit):
    """One peer on many models, [(lp, mps)]: {lp: result}; the Python solvers share one worker process."""
    if name == "glpsol":
        return {lp: run_glpsol(lp, limit) for lp, _ in pairs}
    if name == "cpsat":
        res = run_cpsat([m for _, m in pairs], limit)
        return {lp: res[m] for lp, m in pairs}
    runner = run_highs if name == "highs" else run_scip
    return runner([lp for lp, _ in pairs], limit)


def add_arguments(ap):
    """The --no-glpsol, --no-highs, --no-scip and --no-cpsat switches of a benchmark script."""
    for name in ORDER:
        ap.add_argument(f"--no-{name}", action="store_true", help=f"do not run {PEERS[name][2]}")


def wanted(args):
    """The peers the parsed arguments leave switched on, in report order."""
    return [name for name in ORDER if not getattr(args, f"no_{name}")]
