#!/usr/bin/env python3
"""Samples every process's CPU time from /proc every 2 s until killed, for .ci/profile.

Writes one JSON line per process when first seen (pid, parent, working folder, command line) and then one line
per sample: "<epoch> <pid> <cpu seconds>". Reads /proc only; Linux.
"""
import json
import os
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def main(path):
    seen = set()
    with open(path, "w") as out:
        while True:
            now = time.time()
            for pid in filter(str.isdigit, os.listdir("/proc")):
                try:
                    with open(f"/proc/{pid}/stat") as stat:
                        text = stat.read()
                    fields = text[text.rindex(")") + 2:].split()
                    cpu = (int(fields[11]) + int(fields[12])) / TICKS
                    if cpu < 0.1:
                        continue
                    if pid not in seen:
                        with open(f"/proc/{pid}/cmdline") as cmdline:
                            args = cmdline.read().replace("\0", " ")[:600]
                        out.write(json.dumps({"t": now, "pid": pid, "ppid": fields[1],
                                              "cwd": os.readlink(f"/proc/{pid}/cwd"), "args": args}) + "\n")
                        seen.add(pid)
                    out.write(f"{now:.0f} {pid} {cpu:.2f}\n")
                except (OSError, ValueError):
                    pass  # the process ended meanwhile, or is not ours to read
            out.flush()
            time.sleep(2)


if __name__ == "__main__":
    main(sys.argv[1])
