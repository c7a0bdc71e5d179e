"""An SMTP server that accepts connections and never answers (no greeting, nothing): what a mail
server that hangs looks like to Guichet.   python3 scripts/bench/black-hole-smtp.py PORT"""
import socket
import sys
import threading
import time

held = []
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(64)
while True:
    c, _ = s.accept()
    held.append(c)  # kept open, never read, never written
