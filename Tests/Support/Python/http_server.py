"""Serves a folder on 127.0.0.1:PORT like `python3 -m http.server`, plus /redirect?to=URL, which
answers 302 to URL: what a photo server that redirects looks like.
    python3 http_server.py PORT FOLDER"""
import functools
import http.server
import sys
import urllib.parse


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", urllib.parse.parse_qs(url.query)["to"][0])
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *args):
        pass


port, folder = int(sys.argv[1]), sys.argv[2]
http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=folder)).serve_forever()
