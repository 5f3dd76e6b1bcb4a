#!/usr/bin/env python3
"""Reads .ci/cpu-sampler.py's samples and prints where a build's CPU went.

Each process is charged to the surefire test JVM it descends from, that is, to a module, and named by kind
(service, broker, registry, PostgreSQL, browser). Then it prints each test JVM's span on the build's clock.
Processes that were running before the sampler started are charged only what they used while it ran.
"""
import collections
import json
import sys

KINDS = [("kafka.Kafka", "broker"), ("StorageTool", "broker format"), ("quarkus", "registry"),
         ("org.komar.intake", "intake"), ("org.komar.routing", "routing"),
         ("org.komar.notification", "notification"), ("postgres", "postgres"), ("initdb", "postgres"),
         ("chrom", "chromium"), ("plexus-classworlds", "maven")]


def kind(args):
    return next((name for key, name in KINDS if key in args), "other")


def main(path, root):
    meta, first, last, since, until = {}, {}, {}, {}, {}
    with open(path) as samples:
        for line in samples:
            if line.startswith("{"):
                process = json.loads(line)
                meta[process["pid"]] = process
                continue
            at, pid, cpu = line.split()
            first.setdefault(pid, float(cpu))
            since.setdefault(pid, int(at))
            last[pid], until[pid] = float(cpu), int(at)
    start = min(since.values())

    def test_jvm(pid):
        for _ in range(20):
            if pid not in meta:
                return None
            if "surefire" in meta[pid]["args"]:
                return pid
            pid = meta[pid]["ppid"]
        return None

    def module(pid):
        return meta[pid]["cwd"].replace(root, "").strip("/") or "."

    by_module = collections.defaultdict(collections.Counter)
    by_kind = collections.Counter()
    for pid, process in meta.items():
        if pid not in last:
            continue
        used = last[pid] - (first[pid] if since[pid] == start else 0)
        jvm = test_jvm(pid)
        name = "test JVM" if jvm == pid else kind(process["args"])
        by_kind[name] += used
        if jvm:
            by_module[module(jvm)][name] += used
    print("CPU-s by module (processes charged to the test JVM they descend from):")
    for name, kinds in sorted(by_module.items(), key=lambda item: -sum(item[1].values())):
        print(f"  {sum(kinds.values()):6.0f}  {name}: " + ", ".join(f"{k} {v:.0f}" for k, v in kinds.most_common()))
    print("CPU-s by kind of process, every process:")
    for name, used in by_kind.most_common():
        print(f"  {used:6.0f}  {name}")
    print(f"  {sum(by_kind.values()):6.0f}  in all")
    print("Test JVMs on the build's clock (s):")
    for pid in sorted((p for p in meta if "surefire" in meta[p]["args"] and p in last), key=lambda p: since[p]):
        print(f"  {since[pid] - start:5d} to {until[pid] - start:5d}  {module(pid)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")
