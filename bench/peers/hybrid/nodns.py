#!/usr/bin/env python3
"""Stub DNS server for the ircd-hybrid benchmark peer.

ircd-hybrid 8.2 looks up the reverse DNS of every client and has no option to
turn that off. peer.sh gives the daemon a private /etc/resolv.conf that says
"nameserver 127.0.0.1", and this stub answers every query there at once with
NXDOMAIN, so registration is not delayed and no query leaves the machine.

Usage: nodns.py [PORT]   (default 53; binds 127.0.0.1 only)
"""
import socket
import sys

NXDOMAIN = 3


def answer(query: bytes) -> bytes | None:
    if len(query) < 12:
        return None
    ident, flags = query[0:2], int.from_bytes(query[2:4], "big")
    opcode = (flags >> 11) & 0xF
    # QR=1, same opcode, RD copied, RA=1, RCODE=NXDOMAIN; the question is echoed back.
    reply_flags = 0x8000 | (opcode << 11) | (flags & 0x0100) | 0x0080 | NXDOMAIN
    # Echo the first question only (name labels up to the root label, then type and class).
    end = 12
    while end < len(query) and query[end] != 0:
        end += 1 + query[end]
    question = query[12:end + 5]
    qdcount = b"\0\1" if len(question) > 4 else b"\0\0"
    return ident + reply_flags.to_bytes(2, "big") + qdcount + b"\0\0\0\0\0\0" + question


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 53
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", port))
    while True:
        query, peer = sock.recvfrom(4096)
        reply = answer(query)
        if reply is not None:
            sock.sendto(reply, peer)


if __name__ == "__main__":
    main()
