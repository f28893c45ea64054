#!/usr/bin/env python3
"""Time from saving a record to its changed page being served by `dangri serve`.

Usage: serve_edits.py DANGRI SITE [--edits N] [--rounds M] [--port P]

Starts `DANGRI serve SITE`, waits for the first build, then edits records
of the site N times (an atomic save: write `x.md.tmp`, rename it over
`x.md`), each time changing the title, and polls the record's page until the
new title is served. Prints every edit's time, the median, and the server's
resident memory (VmRSS) before and after. With --rounds M the N edits run M
times and the memory is printed after each round. The edited files are
restored at the end. Standard library only.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request


def rss_kb(pid, field="VmRSS:"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return 0


def peak_kb(pid):
    """The peak resident memory of the process so far."""
    return rss_kb(pid, "VmHWM:")


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError):
        return ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dangri")
    ap.add_argument("site")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--port", type=int, default=18990)
    args = ap.parse_args()

    branches = sorted(os.listdir(os.path.join(args.site, "content", "branches")))
    # Records across the site, lectures among them (they also have LED
    # shows and speaker pages to re-render).
    targets = []
    for n in range(args.edits):
        b = branches[(n * 37) % len(branches)]
        months = sorted(
            m for m in os.listdir(os.path.join(args.site, "content", "branches", b))
            if not m.startswith("_")
        )
        month = months[(n * 5) % len(months)]
        kind = ["study", "meeting", "practice", "affairs", "lecture"][n % 5]
        targets.append((b, month, kind))
    originals = {}
    for t in targets:
        path = os.path.join(args.site, "content", "branches", t[0], t[1], t[2] + ".md")
        originals[path] = open(path, encoding="utf-8").read()

    server = subprocess.Popen(
        [args.dangri, "serve", args.site, "--port", str(args.port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    started = time.monotonic()
    while "<html" not in fetch(base + "/"):
        if server.poll() is not None:
            sys.exit(f"serve exited: {server.stderr.read()}")
        time.sleep(0.2)
    print(f"first build served after {time.monotonic() - started:.1f} s, "
          f"rss {rss_kb(server.pid) // 1024} MB")
    time.sleep(1)
    print(f"rss before the edits: {rss_kb(server.pid) // 1024} MB, "
          f"peak {peak_kb(server.pid) // 1024} MB")

    try:
        counter = 0
        for rnd in range(args.rounds):
            times = []
            for (b, month, kind) in targets:
                counter += 1
                path = os.path.join(args.site, "content", "branches", b, month, kind + ".md")
                text = originals[path]
                marker = f"基准编辑{counter}"
                lines = text.split("\n")
                lines = [f"title: {marker}" if l.startswith("title:") else l for l in lines]
                url = f"{base}/branches/{b}/{month}/{kind}/"
                with open(path + ".tmp", "w", encoding="utf-8") as f:
                    f.write("\n".join(lines))
                t0 = time.monotonic()
                os.replace(path + ".tmp", path)
                while marker not in fetch(url):
                    time.sleep(0.001)
                times.append(time.monotonic() - t0)
                if args.rounds == 1:
                    print(f"edit {counter:3}: {b}/{month}/{kind}: {times[-1] * 1000:7.1f} ms")
                # Let the server settle between saves, as a writer would.
                time.sleep(0.3)
            ms = sorted(t * 1000 for t in times)
            print(
                f"round {rnd + 1}: {len(ms)} edits, median {statistics.median(ms):.1f} ms, "
                f"min {ms[0]:.1f} ms, max {ms[-1]:.1f} ms, "
                f"rss {rss_kb(server.pid) // 1024} MB, peak {peak_kb(server.pid) // 1024} MB"
            )
    finally:
        for path, text in originals.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
