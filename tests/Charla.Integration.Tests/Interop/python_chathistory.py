#!/usr/bin/python3
"""Reads #lobby's history with Python's `irc` library (Debian: python3-irc), driven by the tests.

Usage: python_chathistory.py HOST PORT NICK COUNT

Registers as NICK, joins #lobby, sends CHATHISTORY LATEST #lobby * 10 and prints each message
it gets back ("HISTORY <nick> <text>"). Debian's python3-irc (8.5) predates IRCv3 message
tags, so it asks for no capabilities: the server then sends the history as plain lines, with
no batch around them. After COUNT messages it quits and exits 0; after 60 seconds, 1.
"""
import sys
import time

import irc.client

host, port, nick, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
seen = []


def say(*words):
    print(*words, flush=True)


def on_welcome(connection, event):
    connection.join("#lobby")


def on_join(connection, event):
    if irc.client.NickMask(event.source).nick == nick:
        connection.send_raw("CHATHISTORY LATEST #lobby * 10")


def on_pubmsg(connection, event):
    say("HISTORY", irc.client.NickMask(event.source).nick, event.arguments[0])
    seen.append(event.arguments[0])
    if len(seen) == count:
        connection.quit("read it all")


def on_disconnect(connection, event):
    sys.exit(0 if len(seen) == count else 1)


reactor = (getattr(irc.client, "Reactor", None) or irc.client.IRC)()
connection = reactor.server().connect(host, port, nick)
for name, handler in [("welcome", on_welcome), ("join", on_join), ("pubmsg", on_pubmsg), ("disconnect", on_disconnect)]:
    connection.add_global_handler(name, handler)

deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    reactor.process_once(0.2)
say("TIMEOUT after", len(seen), "messages")
sys.exit(1)
