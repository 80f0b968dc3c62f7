#!/usr/bin/env python3
"""Fault run of `dateline ingest` on real wire copy: kill -9 at random moments,
two ingests at once, a deleted manifest; after each, every source must have
exactly one article, no temporary file may be left, and a hand edit must
survive.

    python3 bench/faults.py [--sources 2000] [--kills 8] [--seed 1]

Uses the first SOURCES stories of Reuters-21578 from ../shared/corpora
(research use only: nothing of it is written outside a temporary folder).
Prints one line per check and exits 1 if any fails.
"""
import argparse, os, random, re, shutil, subprocess, sys, tarfile, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARBALL = os.path.join(ROOT, "..", "shared", "corpora", "reuters21578", "reuters21578-prepared.tar.gz")
DATELINE = os.path.join(ROOT, "target", "release", "dateline")
TEMP = re.compile(r"^\..*\.\d+-\d+\.tmp$")


def ingest(site, *inputs, wait=True):
    cmd = [DATELINE, "-q", "ingest", *inputs, "--default-date", "1987-06-01"]
    proc = subprocess.Popen(cmd, cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if wait:
        _, err = proc.communicate()
        if proc.returncode not in (0, 1):
            raise SystemExit(f"ingest failed: {err}")
    return proc


def census(site):
    """(articles, sources, duplicated sources, temporary files)."""
    by_source, temps = {}, []
    for d, _, files in os.walk(os.path.join(site, "content")):
        for f in files:
            if TEMP.match(f):
                temps.append(os.path.join(d, f))
            if not f.endswith(".md"):
                continue
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                m = re.search(r"^source: (.+)$", fh.read(), re.M)
            by_source.setdefault(m.group(1).strip("'\"") if m else "?", []).append(f)
    articles = sum(len(v) for v in by_source.values())
    doubled = sum(1 for v in by_source.values() if len(v) > 1)
    return articles, len(by_source), doubled, temps


def check(name, site, expected, failures):
    articles, sources, doubled, temps = census(site)
    ok = sources == expected and doubled == 0 and not temps and articles == expected
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {articles} files for {sources} of {expected} sources, "
          f"{doubled} sources doubled, {len(temps)} temporary files left")
    if not ok:
        failures.append(name)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", type=int, default=2000)
    ap.add_argument("--kills", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not os.path.exists(TARBALL):
        raise SystemExit(f"faults: {TARBALL} not found (the shared corpora are needed)")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="dateline-faults-")
    failures = []
    try:
        with tarfile.open(TARBALL) as tar:
            members = sorted((m for m in tar.getmembers() if m.name.endswith(".txt") and "/articles/" in m.name),
                             key=lambda m: m.name)
            tar.extractall(work, members=members[: args.sources + 200], filter="data")
        pool = os.path.join(work, "reuters21578-prepared", "articles")
        names = sorted(os.listdir(pool))
        site = os.path.join(work, "site")
        os.makedirs(os.path.join(site, "sources"))
        for n in names:
            shutil.copy(os.path.join(pool, n), os.path.join(site, "sources", n))
        # Sources with no body are skipped by ingest; keep those that give an article.
        probe = os.path.join(work, "probe")
        os.makedirs(probe)
        ingest(probe, os.path.join(site, "sources"))
        usable = census(probe)[1]
        keep = sorted(census_sources(probe))[: args.sources]
        for n in names:
            if f"sources/{n}" not in keep:
                os.remove(os.path.join(site, "sources", n))
        expected = len(keep)
        print(f"{expected} Reuters sources that give an article (of {usable} probed)")

        # 1. kill -9 at random moments of a first ingest, then a full run.
        started = time.perf_counter()
        ingest(site, "sources")
        full = time.perf_counter() - started
        shutil.rmtree(os.path.join(site, "content"))
        for _ in range(args.kills):
            proc = ingest(site, "sources", wait=False)
            time.sleep(rng.uniform(0.05, full))
            proc.kill()
            proc.wait()
        ingest(site, "sources")
        check(f"first ingest killed {args.kills} times, then run to the end", site, expected, failures)

        # 2. A re-ingest of changed sources, killed likewise, with one hand edit.
        md = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content")) for f in fs if f.endswith(".md"))
        edited = md[len(md) // 2]
        with open(edited, "a", encoding="utf-8") as f:
            f.write("\nA note added by hand.\n")
        hand = open(edited, encoding="utf-8").read()
        for n in os.listdir(os.path.join(site, "sources")):
            with open(os.path.join(site, "sources", n), "a", encoding="utf-8") as f:
                f.write("\nA correction was appended.\n")
        for _ in range(args.kills):
            proc = ingest(site, "sources", wait=False)
            time.sleep(rng.uniform(0.05, full))
            proc.kill()
            proc.wait()
        out = subprocess.run([DATELINE, "ingest", "sources", "--default-date", "1987-06-01"], cwd=site,
                             capture_output=True, text=True).stderr
        check(f"re-ingest killed {args.kills} times, then run to the end", site, expected, failures)
        kept = open(edited, encoding="utf-8").read() == hand
        skipped = re.search(r"(\d+) skipped", out)
        print(f"{'ok  ' if kept else 'FAIL'} the hand-edited file is kept; the last run skipped "
              f"{skipped.group(1) if skipped else '?'} (1 expected)")
        if not kept or not skipped or skipped.group(1) != "1":
            failures.append("hand edit")

        # 3. Two ingests of disjoint halves into one content folder at once.
        shutil.rmtree(os.path.join(site, "content"))
        halves = [os.path.join(site, "half-a"), os.path.join(site, "half-b")]
        for h in halves:
            os.makedirs(h)
        for i, n in enumerate(sorted(os.listdir(os.path.join(site, "sources")))):
            shutil.copy(os.path.join(site, "sources", n), os.path.join(halves[i % 2], n))
        procs = [ingest(site, h, wait=False) for h in halves]
        for p in procs:
            p.wait()
        check("two ingests of disjoint halves at once", site, expected, failures)

        # 4. The manifest deleted, then everything ingested again.
        os.remove(os.path.join(site, "content", ".dateline-ingest.tsv"))
        for h in halves:
            ingest(site, h)
        check("manifest deleted, then ingested again", site, expected, failures)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} checks failed")
        sys.exit(1)
    print("all checks passed")


def census_sources(site):
    found = set()
    for d, _, files in os.walk(os.path.join(site, "content")):
        for f in files:
            if f.endswith(".md"):
                m = re.search(r"^source: (.+)$", open(os.path.join(d, f), encoding="utf-8").read(), re.M)
                if m:
                    found.add(m.group(1).strip("'\""))
    return found


if __name__ == "__main__":
    main()
