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
        # /usr/bin/time reports the peak resident memory of `guichet sync` alone.
        run = subprocess.run(["/usr/bin/time", "-f", "peak-kb %M", args.guichet, "sync", "--db", work + "/bench.sqlite", "--photo-cache", "none"],
                             env=env, capture_output=True, text=True)
        seconds = time.monotonic() - started
        if run.returncode != 0:
            sys.exit("guichet sync failed: " + run.stderr)
        peak = int([l for l in run.stderr.splitlines() if l.startswith("peak-kb ")][-1].split()[1])
        print("%-16s %7d records in %6.1f s = %7.0f records/s, peak RSS %d MB   (%s)"
              % (label, len(ids), seconds, len(ids) / seconds, peak // 1024, run.stdout.strip()))
finally:
    standin.kill()
    subprocess.run(["rm", "-rf", work])
