#!/usr/bin/env python3
"""Fills a Charla data directory's history with N lobby messages, as the server stores them.

usage: fill.py DATABASE N
The database must exist with Charla's schema (start `charla serve --data-dir DIR` once and stop
it). Messages are 10 ms apart, ending now, from 50 nicks, 8 words each from a vocabulary of
20,000 made-up words (so a word's frequency spans common to rare, as in chat); the word index
is built at the end and marked as caught up, as the server's indexer would leave it.
"""
import random
import sqlite3
import sys
import time

path, count = sys.argv[1], int(sys.argv[2])
random.seed(42)
syllables = ["ka", "lo", "mi", "ra", "tu", "ne", "so", "vi", "da", "pe", "zu", "fo", "ri", "ma", "te"]
vocabulary = sorted({"".join(random.choice(syllables) for _ in range(random.randint(2, 4))) for _ in range(30000)})[:20000]
weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]  # Zipf: a few words are everywhere

db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = OFF")
(version,) = db.execute("PRAGMA user_version").fetchone()
assert version >= 2, f"schema version {version}: start charla serve on the directory once first"
db.execute("INSERT OR IGNORE INTO conversations (key, created) VALUES ('channel:#lobby', ?)", (int(time.time() * 1000),))
(conversation,) = db.execute("SELECT id FROM conversations WHERE key = 'channel:#lobby'").fetchone()
(start_seq,) = db.execute("SELECT coalesce(max(seq), 0) FROM messages").fetchone()
now = int(time.time() * 1000)
first = now - count * 10

started = time.time()
batch = 100_000
for offset in range(0, count, batch):
    words = random.choices(vocabulary, weights, k=8 * min(batch, count - offset))
    rows = []
    for i in range(min(batch, count - offset)):
        seq = start_seq + offset + i + 1
        nick = f"user{seq % 50}"
        rows.append((seq, conversation, f"fill{seq:012x}", first + (offset + i) * 10, 1, "#lobby", nick, "~" + nick, "127.0.0.1", None,
                     " ".join(words[i * 8:(i + 1) * 8]), "", ""))
    with db:
        db.executemany("INSERT INTO messages (seq, conversation, msgid, time, kind, target, nick, user, host, account, text, tags, detail) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    print(f"\r{offset + len(rows):,} messages ({time.time() - started:.0f} s)", end="", file=sys.stderr, flush=True)

print(file=sys.stderr)
started = time.time()
with db:
    (indexed,) = db.execute("SELECT indexed_seq FROM search_progress").fetchone()
    db.execute("INSERT INTO messages_text (rowid, text) SELECT seq, text FROM messages WHERE seq > ? AND kind < 10", (indexed,))
    db.execute("UPDATE search_progress SET indexed_seq = (SELECT max(seq) FROM messages)")
print(f"word index built in {time.time() - started:.0f} s", file=sys.stderr)
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
