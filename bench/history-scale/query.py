#!/usr/bin/env python3
"""Times history reads on a running Charla: CHATHISTORY and SEARCH over the lobby, one at a time.

usage: query.py PORT ROUNDS
Prints p50, p99 and max in milliseconds per kind of request, each timed from sending it to the
end of its batch, with the number of lines it returned.
"""
import random
import socket
import statistics
import sys
import time

port, rounds = int(sys.argv[1]), int(sys.argv[2])
sock = socket.create_connection(("127.0.0.1", port))
sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
buffer = b""


def send(line):
    sock.sendall(line.encode() + b"\r\n")


def lines():
    global buffer
    while True:
        while b"\r\n" in buffer:
            line, buffer = buffer.split(b"\r\n", 1)
            yield line.decode("utf-8", "replace")
        data = sock.recv(1 << 16)
        if not data:
            raise SystemExit("the server closed the connection")
        buffer += data


reader = lines()


def until(predicate):
    seen = []
    for line in reader:
        seen.append(line)
        if predicate(line):
            return seen


send("CAP REQ :batch server-time message-tags draft/chathistory soju.im/search")
send("NICK timer")
send("USER timer 0 * :history timer")
send("CAP END")
until(lambda l: " 001 " in l)
send("JOIN #lobby")
until(lambda l: " 366 " in l)


def timed(request):
    started = time.perf_counter()
    send(request)
    got = until(lambda l: " BATCH -" in l or l.startswith("BATCH -") or " FAIL " in l or l.startswith("FAIL"))
    elapsed = (time.perf_counter() - started) * 1000
    if any("FAIL" in l.split(" ")[:3] for l in got):
        raise SystemExit(f"{request}: {got[-1]}")
    return elapsed, sum(1 for l in got if " PRIVMSG " in l)


# The first message's time, for BEFORE at random places.
_, _ = timed("CHATHISTORY LATEST #lobby * 1")
send("CHATHISTORY AFTER #lobby timestamp=2000-01-01T00:00:00.000Z 1")
first = [l for l in until(lambda l: " BATCH -" in l) if " PRIVMSG " in l][0]
first_time = first.split("time=")[1].split(";")[0].split(" ")[0]
first_ms = time.mktime(time.strptime(first_time[:19], "%Y-%m-%dT%H:%M:%S")) - time.timezone
now = time.time()

words = {}
kinds = {
    "CHATHISTORY LATEST * 100": lambda: "CHATHISTORY LATEST #lobby * 100",
    "CHATHISTORY BEFORE <random time> 100": lambda: "CHATHISTORY BEFORE #lobby timestamp={} 100".format(
        time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(random.uniform(first_ms, now)))),
    "SEARCH text=<common word> limit=100": lambda: "SEARCH in=#lobby;text={};limit=100".format(words["common"]),
    "SEARCH text=<rare word> limit=100": lambda: "SEARCH in=#lobby;text={};limit=100".format(words["rare"]),
}
# A common word and a rare one, from what is stored.
send("CHATHISTORY LATEST #lobby * 100")
texts = [l.split(" PRIVMSG #lobby :", 1)[1] for l in until(lambda l: " BATCH -" in l) if " PRIVMSG " in l]
counts = {}
for text in texts:
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
ranked = sorted(counts, key=counts.get)
words["common"], words["rare"] = ranked[-1], ranked[0]

random.seed(7)
print(f"{rounds} rounds of each; common word '{words['common']}', rare word '{words['rare']}'")
for name, make in kinds.items():
    times, returned = [], []
    for _ in range(rounds):
        elapsed, count = timed(make())
        times.append(elapsed)
        returned.append(count)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"  {name:40} p50 {statistics.median(times):7.2f} ms  p99 {p99:7.2f} ms  max {times[-1]:7.2f} ms  lines {min(returned)}-{max(returned)}")
send("QUIT")
