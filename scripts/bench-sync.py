"""The Apidae sync benchmark: a full pull of N generated records from the stand-in, then a pull
with nothing changed, each timed with the peak memory of `guichet sync`.

    python3 scripts/bench-sync.py [--records 100000] [--guichet .build/release/guichet]
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--records", type=int, default=100_000)
parser.add_argument("--guichet", default=".build/release/guichet")
args = parser.parse_args()
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(root)
work = tempfile.mkdtemp(prefix="guichet-bench-sync-")
subprocess.run([args.guichet, "demo-data", "--records", str(args.records), "--out", work + "/export"], check=True, stdout=subprocess.DEVNULL)
files = sorted(glob.glob(work + "/export/objets_modifies/*.json"))
standin = subprocess.Popen([sys.executable, "Tests/Support/Python/apidae_standin.py", "--dir", work + "/standin"], stdout=subprocess.PIPE, text=True)
port = int(standin.stdout.readline().split()[1])
base = "http://127.0.0.1:%d" % port
ids = []
for f in files:
    with open(f, "rb") as fh:
        ids += [o["id"] for o in json.load(fh)]
spec = {"projectId": 4242, "apiKey": "bench-key", "objectsFiles": files, "selections": {"1": ids}}
urllib.request.urlopen(base + "/_dataset", urllib.parse.urlencode({"spec": json.dumps(spec)}).encode()).read()
env = dict(os.environ, GUICHET_APIDAE_URL=base, GUICHET_APIDAE_PROJECT="4242", GUICHET_APIDAE_KEY="bench-key",
           GUICHET_APIDAE_SELECTIONS="1", GUICHET_APIDAE_EXPORT_HOSTS="127.0.0.1")
try:
    for label in ("full sync", "nothing changed"):
        started = time.monotonic()
        # The progress lines on stderr split the time between fetching the pages and applying them;
        # /proc gives the resident memory, anonymous (the process's own) apart from file-backed
        # (SQLite's memory-mapped cache file, shared with the page cache).
        proc = subprocess.Popen([args.guichet, "sync", "--db", work + "/bench.sqlite", "--photo-cache", "none"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peaks = {"RssAnon": 0, "RssFile": 0}
        applying = [None]

        def sample():
            while proc.poll() is None:
                try:
                    with open("/proc/%d/status" % proc.pid) as f:
                        for line in f:
                            key = line.split(":")[0]
                            if key in peaks:
                                peaks[key] = max(peaks[key], int(line.split()[1]))
                except OSError:
                    return
                time.sleep(0.05)

        def read_progress():
            for line in proc.stderr:
                if line.startswith("applying") and applying[0] is None:
                    applying[0] = time.monotonic()

        threads = [threading.Thread(target=sample), threading.Thread(target=read_progress)]
        for t in threads:
            t.start()
        out = proc.stdout.read().strip()
        proc.wait()
        for t in threads:
            t.join()
        seconds = time.monotonic() - started
        if proc.returncode != 0:
            sys.exit("guichet sync failed")
        fetch = (applying[0] or started) - started
        print("%-16s %7d records in %6.1f s = %7.0f records/s (pages fetched in %.1f s, applied in %.1f s), peak resident %d MB own + %d MB mapped file   (%s)"
              % (label, len(ids), seconds, len(ids) / seconds, fetch, seconds - fetch, peaks["RssAnon"] // 1024, peaks["RssFile"] // 1024, out))
finally:
    standin.kill()
    subprocess.run(["rm", "-rf", work])
