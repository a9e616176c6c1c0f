#!/usr/bin/env python3
"""Solve a model file with HiGHS (pip install highspy) and print its optimum as one JSON line.

Usage: scripts/mps-optimum-highs.py MODEL.mps [--time-limit SECONDS]

Prints {"status": "...", "objective": X, "negated_note": true|false}: the objective HiGHS reports for the file as
written (an MPS file has no objective sense, so HiGHS minimises it). plotalloc writes a maximisation to MPS negated,
with a header note (negated_note true); the score is then -objective. Exit status: 0 solved to optimality,
1 any other HiGHS outcome, 2 usage error, 3 highspy is not installed.
"""
import json
import sys

def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = argv[1]
    limit = None
    if len(argv) == 4 and argv[2] == "--time-limit":
        limit = float(argv[3])
    elif len(argv) != 2:
        print("mps-optimum-highs.py: error: expected MODEL.mps [--time-limit SECONDS]", file=sys.stderr)
        return 2
    try:
        import highspy
    except ImportError:
        print("mps-optimum-highs.py: error: highspy is not installed; expected `pip install highspy`", file=sys.stderr)
        return 3
    with open(path, encoding="utf-8", errors="replace") as f:
        negated = "NEGATED OBJECTIVE" in f.read(2000)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    if limit is not None:
        h.setOptionValue("time_limit", limit)
    h.readModel(path)
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    objective = h.getInfo().objective_function_value
    print(json.dumps({"status": status, "objective": objective, "negated_note": negated}))
    return 0 if status == "Optimal" else 1

if __name__ == "__main__":
    sys.exit(main(sys.argv))
