#!/usr/bin/env python3
"""Many connection attempts from one address against a running server, while another address
connects: does the per-address limit hold, and does the server still answer the others?

Usage: one-address.py HOST PLAIN_PORT ATTEMPTS

Opens ATTEMPTS plain-mode connections from 127.0.0.1, one after another, keeping the admitted
ones open, and reads each one's first line: a welcome (admitted) or an (ERROR) (refused). Every
100 attempts, a connection from another loopback address (127.0.1.1, 127.0.1.2, ...: a new one
each time, as other users would be) must be welcomed; its time to the welcome is noted. Prints
one JSON line. Run the server with CHARLA__Connections__ExemptLocalhost=false (localhost is
exempt by default).
"""
import json, socket, sys, time

host, port, attempts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def first_line(sock):
    data = b""
    while not data.endswith(b"\n"):
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8", "replace").split("\n")[0]


admitted, refused, failed, others_ms, kept = 0, 0, 0, [], []
started = time.monotonic()
for i in range(attempts):
    try:
        s = socket.create_connection((host, port), timeout=10)
        line = first_line(s)
        if line.startswith("* Welcome"):
            admitted += 1
            kept.append(s)
        elif line.startswith("(ERROR) Too many connections"):
            refused += 1
            s.close()
        else:
            failed += 1
            s.close()
    except OSError:
        failed += 1
    if i % 100 == 0:
        o = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        o.settimeout(10)
        k = len(others_ms)
        o.bind((f"127.0.{1 + k // 250}.{1 + k % 250}", 0))
        t = time.monotonic()
        o.connect((host, port))
        welcomed = first_line(o).startswith("* Welcome")
        others_ms.append((time.monotonic() - t) * 1000 if welcomed else None)
        o.close()
elapsed = time.monotonic() - started
ok = [m for m in others_ms if m is not None]
ok.sort()
print(json.dumps({
    "attempts": attempts, "admitted": admitted, "refused": refused, "failed": failed,
    "seconds": round(elapsed, 2), "attempts_per_second": round(attempts / elapsed),
    "other_address_tries": len(others_ms), "other_address_welcomed": len(ok),
    "other_address_ms_p50": round(ok[len(ok) // 2], 2) if ok else None,
    "other_address_ms_max": round(ok[-1], 2) if ok else None,
}))
