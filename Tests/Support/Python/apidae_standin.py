"""A stand-in for Apidae on 127.0.0.1, for the sync tests and benchmark.

    python3 apidae_standin.py --dir FOLDER      (prints "ready PORT" once listening)

Strict where Apidae is (what its public clients expect of it):
  POST|GET /api/v002/recherche/list-objets-touristiques   query=<JSON>: projetId, apiKey, selectionIds,
        first, count, responseFields, locales; objects ordered by id; a count above 200 is answered
        400 {"errorType": …, "message": …}, as any query Apidae refuses
  POST|GET /api/v002/recherche/list-identifiants          {"numFound": N, "objetTouristiqueIds": [ids]}
        (no list when nothing is found); count above 200: 400
  GET /exports/NAME      files of FOLDER/exports (Range requests honoured: a download resumes)
  GET /photos/NAME       files of FOLDER/photos
  GET /api/v002/export/confirmation?hash=H   Apidae's urlConfirmation: recorded
Control (the tests):
  POST /_dataset  spec=<JSON> {"projectId", "apiKey", "objects": [...] | "objectsFile": PATH | "objectsFiles": [PATH…], "selections": {"ID": [ids]}}
  POST /_fault    spec=<JSON> {"path": prefix, "mode": "500"|"404"|"slow"|"reset"|"truncate"|"loop"|"notzip"|"short"|"nonumfound"
                   |"changenumfound", "times": N, "seconds": S}   the next N calls under the prefix fail that way
                   (short: one object fewer than asked; nonumfound: no numFound; changenumfound: numFound one more)
  GET  /_calls    every call so far: [{"method", "path", "first", "count", "range", "query"}] (no key)
"""
import argparse
import json
import os
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"projectId": None, "apiKey": None, "objects": {}, "order": [], "selections": {},
         "faults": [], "calls": [], "byQuery": {}}
MAX_COUNT = 200


def load_dataset(spec):
    if "objectsFiles" in spec or "objectsFile" in spec:
        objects = []
        for path in spec.get("objectsFiles", [spec.get("objectsFile")]):
            with open(path, "rb") as f:
                objects += json.load(f)
    else:
        objects = spec.get("objects", [])
    by_id = {}
    for o in objects:
        by_id[int(o["id"])] = json.dumps(o, ensure_ascii=False, separators=(",", ":")).encode()
    with LOCK:
        STATE["projectId"] = spec.get("projectId")
        STATE["apiKey"] = spec.get("apiKey")
        STATE["objects"] = by_id
        STATE["order"] = sorted(by_id)
        STATE["selections"] = {str(k): [int(i) for i in v] for k, v in spec.get("selections", {}).items()}
        STATE["byQuery"] = {}


def take_fault(path):
    with LOCK:
        for fault in STATE["faults"]:
            if path.startswith(fault["path"]) and fault["times"] > 0:
                fault["times"] -= 1
                return fault
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_PUT(self):
        self.route("PUT")

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def cut(self):
        """Ends the connection now (the handler's file objects would keep the socket open)."""
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.close_connection = True

    def send(self, status, data, content_type="application/json", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def route(self, method):
        url = urllib.parse.urlparse(self.path)
        path = url.path
        if path in ("/_dataset", "/_fault"):
            spec = json.loads(dict(urllib.parse.parse_qsl(self.body().decode()))["spec"])
        if path == "/_dataset":
            load_dataset(spec)
            return self.send(200, b"{}")
        if path == "/_fault":
            fault = spec
            fault.setdefault("times", 1)
            with LOCK:
                STATE["faults"].append(fault)
            return self.send(200, b"{}")
        if path == "/_calls":
            with LOCK:
                return self.send(200, json.dumps(STATE["calls"]).encode())
        params = dict(urllib.parse.parse_qsl(url.query))
        if method == "POST" and self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            params.update(dict(urllib.parse.parse_qsl(self.body().decode())))
        query = {}
        if "query" in params:
            try:
                query = json.loads(params["query"])
            except ValueError:
                return self.send(400, b'{"errorType":"INVALID_QUERY","message":"query is not JSON"}')
        call = {"method": method, "path": path, "first": query.get("first"), "count": query.get("count"),
                "range": self.headers.get("Range"), "selectionIds": query.get("selectionIds"), "query": url.query}
        with LOCK:
            STATE["calls"].append(call)
        fault = take_fault(path)
        if fault and fault["mode"] == "slow":
            time.sleep(float(fault.get("seconds", 5)))
        elif fault and fault["mode"] == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.cut()
            return
        elif fault and fault["mode"] in ("500", "404", "429"):
            return self.send(int(fault["mode"]), b'{"errorType":"SERVER_ERROR","message":"stand-in fault"}')
        if path.startswith("/api/v002/recherche/"):
            return self.api(path, query, fault)
        if path.startswith("/exports/") or path.startswith("/photos/"):
            return self.file(path, fault)
        if path == "/api/v002/export/confirmation":
            if "hash" not in params:
                return self.send(400, b'{"errorType":"INVALID_PARAMETER","message":"hash is missing"}')
            return self.send(200, b'{"status":"OK"}')
        return self.send(404, b'{"errorType":"NOT_FOUND"}')

    def api(self, path, query, fault):
        with LOCK:
            project, key = STATE["projectId"], STATE["apiKey"]
            order, objects, selections = STATE["order"], STATE["objects"], STATE["selections"]
        if query.get("apiKey") != key or query.get("projetId") != project:
            return self.send(401, b'{"errorType":"ACCESS_DENIED","message":"projetId or apiKey refused"}')
        try:
            first = int(query.get("first", 0))
            count = int(query.get("count", 20))
        except (TypeError, ValueError):
            return self.send(400, b'{"errorType":"INVALID_QUERY","message":"first and count must be integers"}')
        if count > MAX_COUNT or count < 0 or first < 0:
            return self.send(400, json.dumps({"errorType": "INVALID_QUERY",
                                              "message": "count must be between 0 and %d (asked %d)" % (MAX_COUNT, count)}).encode())
        wanted = query.get("selectionIds")
        if wanted:
            key = tuple(sorted(wanted))
            with LOCK:
                ids = STATE["byQuery"].get(key)
            if ids is None:  # once per dataset and selections: pages are cheap, as Apidae's are
                ids = sorted({i for s in wanted for i in selections.get(str(s), []) if i in objects})
                with LOCK:
                    STATE["byQuery"][key] = ids
        else:
            ids = order
        mode = fault["mode"] if fault else None
        if mode == "loop":
            first = 0
        page = ids[first:first + count]
        if mode == "short" and page:
            page = page[:-1]
        found = len(ids) + (1 if mode == "changenumfound" else 0)
        if path.endswith("list-identifiants"):
            answer = {} if mode == "nonumfound" else {"numFound": found}
            if page:
                answer["objetTouristiqueIds"] = page
            return self.send(200, json.dumps(answer).encode())
        echo = dict(query)
        echo["apiKey"] = "REDACTED"
        head = b'{"query":' + json.dumps(echo).encode() + (b"" if mode == "nonumfound" else b',"numFound":' + str(found).encode())
        if page:
            data = head + b',"objetsTouristiques":[' + b",".join(objects[i] for i in page) + b'],"formatVersion":"v002"}'
        else:
            data = head + b',"formatVersion":"v002"}'
        if fault and fault["mode"] == "truncate":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.cut()
            return
        return self.send(200, data)

    def file(self, path, fault):
        name = os.path.basename(urllib.parse.unquote(path))
        folder = "exports" if path.startswith("/exports/") else "photos"
        full = os.path.join(ARGS.dir, folder, name)
        if fault and fault["mode"] == "notzip":
            return self.send(200, b"<html>not a zip</html>", "application/zip")
        if not os.path.isfile(full):
            return self.send(404, b"not found", "text/plain")
        with open(full, "rb") as f:
            data = f.read()
        content_type = "application/zip" if folder == "exports" else "image/jpeg"
        start = 0
        ranged = self.headers.get("Range")
        if ranged and ranged.startswith("bytes="):
            start = int(ranged[6:].split("-")[0] or 0)
            if start >= len(data):
                return self.send(416, b"", content_type)
        if fault and fault["mode"] == "truncate":
            self.send_response(206 if start else 200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data) - start))
            if start:
                self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
            self.end_headers()
            self.wfile.write(data[start:start + (len(data) - start) // 2])
            self.cut()
            return
        if start:
            return self.send(206, data[start:], content_type, {"Content-Range": "bytes %d-%d/%d" % (start, len(data) - 1, len(data))})
        return self.send(200, data, content_type)


parser = argparse.ArgumentParser()
parser.add_argument("--dir", required=True)
parser.add_argument("--port", type=int, default=0)
ARGS = parser.parse_args()
for sub in ("exports", "photos"):
    os.makedirs(os.path.join(ARGS.dir, sub), exist_ok=True)
server = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
server.daemon_threads = True
print("ready %d" % server.server_address[1], flush=True)
server.serve_forever()
