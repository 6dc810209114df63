#!/usr/bin/python3
"""An IRC client written with Python's `irc` library (Debian: python3-irc), driven by the tests.

Usage: python_irc_client.py HOST PORT NICK EXPECTED_SENDER...

Registers as NICK, joins #lobby, says "hello from python", and prints one line per event it
sees (WELCOME, NAMES, JOIN, PUBMSG, QUIT). Once a message has arrived from every
EXPECTED_SENDER it quits with "python done" and exits 0; after 60 seconds it gives up with 1.
"""
import sys
import time

import irc.client

host, port, nick = sys.argv[1], int(sys.argv[2]), sys.argv[3]
waiting_for = {n.lower() for n in sys.argv[4:]}


def say(*words):
    print(*words, flush=True)


def on_welcome(connection, event):
    say("WELCOME", event.arguments[0])
    connection.join("#lobby")


def on_namreply(connection, event):
    say("NAMES", event.arguments[-1])


def on_join(connection, event):
    who = irc.client.NickMask(event.source).nick
    say("JOIN", who, event.target)
    if who == nick:
        connection.privmsg("#lobby", "hello from python")


def on_pubmsg(connection, event):
    who = irc.client.NickMask(event.source).nick
    say("PUBMSG", who, event.arguments[0])
    waiting_for.discard(who.lower())
    if not waiting_for:
        connection.quit("python done")


def on_quit(connection, event):
    say("QUIT", irc.client.NickMask(event.source).nick, event.arguments[0] if event.arguments else "")


def on_disconnect(connection, event):
    say("DISCONNECTED")
    sys.exit(0 if not waiting_for else 1)


# irc 8.x (Debian bookworm) calls the reactor IRC; later versions call it Reactor.
reactor = (getattr(irc.client, "Reactor", None) or irc.client.IRC)()
connection = reactor.server().connect(host, port, nick)
for name, handler in [("welcome", on_welcome), ("namreply", on_namreply), ("join", on_join),
                      ("pubmsg", on_pubmsg), ("quit", on_quit), ("disconnect", on_disconnect)]:
    connection.add_global_handler(name, handler)

deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    reactor.process_once(0.2)
say("TIMEOUT waiting for", " ".join(sorted(waiting_for)))
sys.exit(1)
