#!/usr/bin/env python3
"""Removes files of a corpus directory whose content another file there already has (keeping the named seeds)."""
import hashlib, os, sys

for directory in sys.argv[1:]:
    seen = {}
    # Seeds have names; found inputs are named by their hash (16 hex digits): seeds are kept first.
    names = sorted(os.listdir(directory), key=lambda n: (len(n) == 16 and all(c in '0123456789abcdef' for c in n), n))
    for name in names:
        path = os.path.join(directory, name)
        digest = hashlib.sha1(open(path, 'rb').read()).hexdigest()
        if digest in seen:
            os.remove(path)
        else:
            seen[digest] = name
