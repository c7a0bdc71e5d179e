"""A minimal SMTP sink on 127.0.0.1:PORT (default 2526) that reads DATA in large chunks and
discards it: `guichet bench reply` against it measures Guichet's side alone, where aiosmtpd's
line-by-line parsing dominates.   python3 scripts/smtp-sink.py [PORT]"""
import socket
import sys
import threading


def handle(c):
    f = c.makefile("rb")
    c.sendall(b"220 sink\r\n")
    while True:
        line = f.readline()
        if not line: break
        cmd = line[:4].upper()
        if cmd == b"DATA":
            c.sendall(b"354 go\r\n")
            buf = b""
            while not buf.endswith(b"\r\n.\r\n"):
                chunk = f.read1(1 << 20)
                if not chunk: return
                buf = buf[-5:] + chunk if len(buf) > 5 else buf + chunk
            c.sendall(b"250 ok\r\n")
        elif cmd == b"QUIT":
            c.sendall(b"221 bye\r\n"); break
        elif cmd in (b"EHLO", b"HELO"):
            c.sendall(b"250-sink\r\n250 SIZE 100000000\r\n")
        else:
            c.sendall(b"250 ok\r\n")
    c.close()
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 2526)); s.listen(5)
while True:
    c, _ = s.accept(); threading.Thread(target=handle, args=(c,), daemon=True).start()
