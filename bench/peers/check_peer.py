#!/usr/bin/env python3
"""Check that an IRC server is fit for the fan-out benchmark (standard library only).

  python3 bench/peers/check_peer.py PORT [--rundir DIR] [--clients 300] [--lines 1000] [--joiners N]

Connects CLIENTS clients to 127.0.0.1:PORT, registers each (NICK/USER, waits for
001, answers PINGs), joins the first JOINERS of them (default: all) to #bench, then
the first client sends LINES PRIVMSG lines to #bench in one write. Passes when every
other member receives all LINES lines in order, and afterwards every client still
answers a PING (nobody was disconnected or throttled away).

Every JOIN is echoed to every member, so N members cost N*N/2 JOIN lines: to check
that 12,000 connections are allowed, use e.g. --clients 12000 --joiners 300
(and ulimit -n 20000 in the shell running this script). With --rundir, also reads the daemon's VmRSS from
/proc/PID/status, PID being RUNDIR/pid as written by peer.sh.
"""
import argparse
import asyncio
import sys
import time
from pathlib import Path

CHANNEL = "#bench"


class Client:
    def __init__(self, index: int):
        self.index = index
        self.nick = f"chk{index:05d}"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.registered = asyncio.Event()
        self.joined = asyncio.Event()
        self.pong = asyncio.Event()
        self.done = asyncio.Event()  # received every burst line
        self.expect = 0  # burst lines to wait for
        self.received = 0
        self.out_of_order = 0
        self.closed: str | None = None  # why the server dropped us, if it did
        self.last_at = 0.0

    async def connect(self, port: int) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
        self.send(f"NICK {self.nick}\r\nUSER u{self.index} 0 * :check_peer\r\n")
        asyncio.create_task(self.read_loop())

    def send(self, text: str) -> None:
        self.writer.write(text.encode())

    async def read_loop(self) -> None:
        buf = b""
        while True:
            try:
                data = await self.reader.read(1 << 16)
            except (ConnectionError, OSError) as e:
                data, reason = b"", f"read error: {e}"
            else:
                reason = "connection closed by server"
            if not data:
                self.closed = self.closed or reason
                self.wake_all()
                return
            buf += data
            *lines, buf = buf.split(b"\n")
            for raw in lines:
                self.handle(raw.rstrip(b"\r"))

    def handle(self, line: bytes) -> None:
        if line.startswith(b"PING"):
            self.writer.write(b"PONG" + line[4:] + b"\r\n")
            return
        if line.startswith(b"ERROR"):
            self.closed = line.decode(errors="replace")
            self.wake_all()
            return
        parts = line.split(b" ", 3)
        if len(parts) < 2:
            return
        command = parts[1]
        if command == b"PRIVMSG" and len(parts) == 4 and parts[2] == CHANNEL.encode():
            seq = int(parts[3].split(b" ", 2)[1])
            if seq != self.received:
                self.out_of_order += 1
            self.received += 1
            self.last_at = time.monotonic()
            if self.expect and self.received >= self.expect:
                self.done.set()
        elif command == b"001":
            self.registered.set()
        elif command == b"366":  # end of NAMES: the JOIN is complete
            self.joined.set()
        elif command == b"PONG":
            self.pong.set()
        elif command in (b"432", b"433", b"465", b"471", b"473", b"474", b"475"):
            self.closed = "refused: " + line.decode(errors="replace")
            self.wake_all()

    def wake_all(self) -> None:
        for event in (self.registered, self.joined, self.pong, self.done):
            event.set()


def rss_kib(pid: int | None) -> str:
    if pid is None:
        return "n/a"
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return line.split(":", 1)[1].strip()
    return "?"


async def wait_all(clients, event_name: str, timeout: float) -> list:
    """Wait for an event on every client; return the clients that failed it."""
    try:
        await asyncio.wait_for(
            asyncio.gather(*(getattr(c, event_name).wait() for c in clients)), timeout)
    except asyncio.TimeoutError:
        pass
    return [c for c in clients if c.closed or not getattr(c, event_name).is_set()]


async def run(args) -> int:
    pid = None
    if args.rundir:
        pid = int(Path(args.rundir, "pid").read_text().strip())
        exe = Path(f"/proc/{pid}/exe").resolve()
        print(f"daemon pid {pid} ({exe}), VmRSS at start: {rss_kib(pid)}")

    clients = [Client(i) for i in range(args.clients)]
    failures = []

    t0 = time.monotonic()
    gate = asyncio.Semaphore(10)  # ngIRCd's listen() backlog is 10: open connections 10 at a time

    async def connect(c: Client) -> None:
        async with gate:
            await c.connect(args.port)
        await asyncio.wait_for(c.registered.wait(), 60)

    results = await asyncio.gather(*(connect(c) for c in clients), return_exceptions=True)
    bad = [c for c, r in zip(clients, results) if isinstance(r, Exception) or c.closed]
    print(f"registered {len(clients) - len(bad)}/{len(clients)} clients in {time.monotonic() - t0:.2f}s")
    if bad:
        failures.append(f"{len(bad)} clients failed to register, e.g. {bad[0].nick}: {bad[0].closed or results[bad[0].index]!r}")
        return report(failures)

    members = clients[:args.joiners or len(clients)]
    t0 = time.monotonic()
    for c in members:
        c.send(f"JOIN {CHANNEL}\r\n")
    bad = await wait_all(members, "joined", 60)
    print(f"joined {CHANNEL}: {len(members) - len(bad)}/{len(members)} in {time.monotonic() - t0:.2f}s;"
          f" daemon VmRSS {rss_kib(pid)}")
    if bad:
        failures.append(f"{len(bad)} clients failed to join, e.g. {bad[0].nick}: {bad[0].closed}")
        return report(failures)

    sender, receivers = members[0], members[1:]
    for c in receivers:
        c.expect = args.lines
    burst = "".join(f"PRIVMSG {CHANNEL} :seq {i:06d} the quick brown fox jumps over the lazy dog\r\n"
                    for i in range(args.lines))
    t0 = time.monotonic()
    sender.writer.write(burst.encode())  # all lines in one write
    await sender.writer.drain()
    bad = await wait_all(receivers, "done", args.timeout)
    last = max((c.last_at for c in receivers), default=t0)
    counts = [c.received for c in receivers]
    print(f"burst of {args.lines} lines ({len(burst)} bytes) from {sender.nick}: "
          f"receivers got min {min(counts)} / max {max(counts)} lines; "
          f"last delivery {last - t0:.2f}s after the write; daemon VmRSS {rss_kib(pid)}")
    if bad:
        failures.append(f"{len(bad)} receivers did not get all {args.lines} lines, e.g. "
                        f"{bad[0].nick}: {bad[0].received} lines, closed={bad[0].closed}")
    disorder = sum(c.out_of_order for c in receivers)
    if disorder:
        failures.append(f"{disorder} lines arrived out of order")

    # Everybody, the sender included, must still be connected and answering.
    for c in clients:
        if not c.closed:
            c.send("PING :still-there\r\n")
    bad = await wait_all(clients, "pong", 30)
    print(f"after the burst {len(clients) - len(bad)}/{len(clients)} clients still connected and answering PING")
    if bad:
        failures.append(f"{len(bad)} clients disconnected or silent, e.g. {bad[0].nick}: {bad[0].closed}")

    for c in clients:
        if not c.closed:
            c.send("QUIT :check done\r\n")
    await asyncio.sleep(0.5)
    return report(failures)


def report(failures: list) -> int:
    if failures:
        for f in failures:
            print("FAIL:", f)
        return 1
    print("PASS")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("port", type=int)
    parser.add_argument("--rundir", help="peer.sh run directory (reads RUNDIR/pid for VmRSS)")
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--joiners", type=int, default=0, help="how many clients join #bench (0: all)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for the burst")
    args = parser.parse_args()
    sys.exit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
