#!/usr/bin/env python3
"""Prints, as JSON, the bytes (apparent sizes) and number of files under DIR:
what a deployment uploads, next to the hosts' limits (GitHub Pages: 1 GB,
Cloudflare Pages: 20,000 files).

usage: output_size.py DIR
"""
import json
import os
import sys


def main():
    files = size = 0
    for root, _dirs, names in os.walk(sys.argv[1]):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(root, name))
    print(json.dumps({"bytes": size, "files": files}))


if __name__ == "__main__":
    main()
