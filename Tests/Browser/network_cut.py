"""A TCP relay between the browser and Guichet whose cable can be pulled.

DevTools' offline emulation (`Network.emulateNetworkConditions`) cuts the page but not its
service worker, which keeps reaching the server: a tablet at a fair has no network at all. The
browser talks to Guichet through this relay; `cut()` closes every connection and refuses new ones
(the browser sees a failed fetch at once, as with no network), `restore()` lets them through again.
"""
import socket
import threading


class NetworkCut:
    def __init__(self, upstream_port):
        self.upstream = ("127.0.0.1", upstream_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.is_cut = False
        self.open = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self):
        with self.lock:
            self.is_cut = True
            for s in list(self.open):
                self._close(s)
            self.open.clear()

    def restore(self):
        with self.lock:
            self.is_cut = False

    def close(self):
        self.cut()
        self.listener.close()

    @staticmethod
    def _close(s):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                if self.is_cut:
                    # A reset, not a clean close: the browser reports a network error at once.
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    client.close()
                    continue
                try:
                    server = socket.create_connection(self.upstream)
                except OSError:
                    client.close()
                    continue
                self.open.update((client, server))
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source, target):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            with self.lock:
                for s in (source, target):
                    if s in self.open:
                        self.open.discard(s)
                        self._close(s)
