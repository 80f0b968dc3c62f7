#!/usr/bin/env python3
"""Edit-to-served latency: from writing an article's file to the first HTTP
response of its page that carries the new text, median of 20 edits, for
`dateline serve` and `hugo server` on the same generated archive, in one run.

    python3 bench/watch.py [--articles 10000] [--edits 20]

Absolute times drift on a shared machine; compare the two in the same run.
"""
import argparse, http.client, os, random, shutil, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(ROOT, "..", "shared", "tools", "gen_corpus.py")


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""
    finally:
        conn.close()


def wait_until(port, path, needle, limit=30.0):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        status, body = get(port, path)
        if status == 200 and needle in body:
            return True
        time.sleep(0.001)
    return False


def measure(port, files, url_of, edits, rng):
    times = []
    for i in range(edits):
        path = rng.choice(files)
        text = open(path, encoding="utf-8").read()
        token = f"EDITED{i}X{rng.randrange(10**9)}"
        head, sep, body = text.partition("\n---\n")
        new = head + sep + token + " " + body
        url = url_of(path)
        t0 = time.perf_counter()
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
        if not wait_until(port, url, token):
            raise SystemExit(f"timed out waiting for {url}")
        times.append(time.perf_counter() - t0)
        time.sleep(0.3)  # let the server settle between edits
    return times


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=20)
    args = ap.parse_args()
    work = os.environ.get("BENCH_DIR") or os.path.join(tempfile.gettempdir(), f"dateline-watch-{args.articles}")
    if not os.path.isdir(os.path.join(work, "plain", "content")):
        for flavor in ("plain", "hugo"):
            subprocess.run([sys.executable, GEN, "--articles", str(args.articles), "--flavor", flavor, "--out", os.path.join(work, flavor)], check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    rng = random.Random(7)
    results = {}

    # dateline serve
    site = os.path.join(work, "plain")
    shutil.rmtree(os.path.join(site, "public"), ignore_errors=True)
    port = free_port()
    proc = subprocess.Popen([os.path.join(ROOT, "target", "release", "dateline"), "--root", site, "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        # Ready once it says so: the first build is done and files are watched.
        for line in proc.stderr:
            if line.startswith("serving "):
                break
        else:
            raise SystemExit("dateline serve did not start")
        threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
        time.sleep(1.0)
        files = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content")) for f in fs if f.endswith(".md")]
        def url_of(path):
            rel = os.path.relpath(path, os.path.join(site, "content"))
            y, m, name = rel.split(os.sep)
            return f"/{y}/{m}/{name[:-3]}/"
        results["dateline serve"] = measure(port, files, url_of, args.edits, rng)
    finally:
        proc.terminate()
        proc.wait()

    # hugo server
    if shutil.which("hugo"):
        site = os.path.join(work, "hugo")
        port = free_port()
        proc = subprocess.Popen(["hugo", "server", "--source", site, "--port", str(port), "--bind", "127.0.0.1", "--disableLiveReload", "--quiet"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if not wait_until(port, "/", "<html", 600):
                raise SystemExit("hugo server did not start")
            time.sleep(1.0)
            files = [os.path.join(site, "content", "articles", f) for f in os.listdir(os.path.join(site, "content", "articles"))]
            def hugo_url(path):
                return "/articles/" + os.path.basename(path)[:-3] + "/"
            results["hugo server"] = measure(port, files, hugo_url, args.edits, rng)
        finally:
            proc.terminate()
            proc.wait()
    else:
        print("(hugo not installed: apt-get install hugo to compare)")

    print(f"\nedit-to-served latency, {args.articles} articles, {args.edits} edits")
    print(f"{'server':16} {'median':>10} {'min':>10} {'max':>10}")
    for name, times in results.items():
        print(f"{name:16} {statistics.median(times)*1000:8.1f} ms {min(times)*1000:8.1f} ms {max(times)*1000:8.1f} ms")
    if len(results) == 2:
        d, h = (statistics.median(results[k]) for k in ("dateline serve", "hugo server"))
        print(f"dateline's median is {d/h:.3f}× Hugo's ({h/d:.0f}× faster)")


if __name__ == "__main__":
    main()
