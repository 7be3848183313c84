#!/usr/bin/env python3
"""Peer baseline for the archive-scale benchmark: a plain Python claim-extraction pipeline.

usage: peer.py basic|full CORPUS_DIR [--limit N] [--db PATH] [--sqlite-defaults]

basic: pysbd segmentation (en, clean=False), keep sentences with a digit, a quote
       mark or a "Name said"-style verb of saying, regex numbers, store in SQLite
       (articles, claims, claim_values, FTS5 over claim text), one transaction
       per article.
full:  basic + quantulum3 parser.parse and dateparser.search.search_dates
       (RELATIVE_BASE 2022-06-03) on each kept sentence, results stored too.

Prints MB/s over the whole run (imports, DB creation and all articles), plus the
processing-only MB/s. MB = 10^6 bytes of article text (UTF-8 file bytes).
"""
import time

T_START = time.perf_counter()

import argparse
import datetime
import hashlib
import os
import re
import sqlite3
import sys

import pysbd

SAYING = r"(?:said|says|say|told|added|warned|stated|announced|claimed|argued|insisted|noted|wrote|estimated|reported|explained|acknowledged|asserted|declared)"
KEEP_RE = re.compile(
    r"\d"                                   # a digit
    r"|[\"\u201c\u201d\u201e\u00ab\u00bb]"   # a quote mark
    r"|\b[A-Z][\w.\-]*\s+" + SAYING + r"\b"  # "Chen said", "Mr. Kim told"
    r"|\b" + SAYING + r"\s+[A-Z]"            # "said Chen"
)
NUM_RE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")

SCHEMA = """
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  title TEXT,
  bytes INTEGER NOT NULL,
  added_at TEXT NOT NULL
);
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  ordinal INTEGER NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'unverified'
);
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX claims_status ON claims(status);
CREATE TABLE claim_values (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims(id),
  kind TEXT NOT NULL,          -- number | quantity | date
  surface TEXT NOT NULL,
  value REAL,
  unit TEXT,
  date TEXT
);
CREATE INDEX claim_values_claim ON claim_values(claim_id);
CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='id');
"""


def parse_number(s):
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["basic", "full"])
    ap.add_argument("corpus")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (sorted)")
    ap.add_argument("--sqlite-defaults", action="store_true",
                    help="keep SQLite's default rollback journal + synchronous=FULL instead of "
                         "WAL + synchronous=NORMAL (the durability claimtrack uses)")
    ap.add_argument("--db", default=None, help="database path (default /tmp/peer-<mode>-<pid>.db, removed after)")
    args = ap.parse_args()

    full = args.mode == "full"
    if full:
        from quantulum3 import parser as qparser
        from dateparser.search import search_dates
        dp_settings = {"RELATIVE_BASE": datetime.datetime(2022, 6, 3)}

    files = sorted(
        os.path.join(root, f)
        for root, _, fs in os.walk(args.corpus)
        for f in fs
        if f.endswith(".txt")
    )
    if args.limit:
        files = files[: args.limit]

    db_path = args.db or f"/tmp/peer-{args.mode}-{os.getpid()}.db"
    remove_db = args.db is None
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(db_path + suffix):
            os.remove(db_path + suffix)
    con = sqlite3.connect(db_path, isolation_level=None)  # explicit BEGIN/COMMIT
    if not args.sqlite_defaults:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
    con.executescript(SCHEMA)

    seg = pysbd.Segmenter(language="en", clean=False)
    t_proc = time.perf_counter()
    total_bytes = n_articles = n_claims = n_numbers = n_quant = n_dates = 0
    n_failed = 0

    for path in files:
        with open(path, "rb") as fh:
            raw = fh.read()
        total_bytes += len(raw)
        text = raw.decode("utf-8")
        title = text.split("\n", 1)[0].strip()
        sentences = []
        for para in text.split("\n"):
            para = para.strip()
            if para:
                sentences.extend(s.strip() for s in seg.segment(para))
        kept = [s for s in sentences if s and KEEP_RE.search(s)]

        extra = []
        if full:
            for s in kept:
                try:
                    qs = qparser.parse(s)
                except Exception:
                    qs = []
                try:
                    ds = search_dates(s, settings=dp_settings) or []
                except Exception:
                    ds = []
                extra.append((qs, ds))

        cur = con.cursor()
        cur.execute("BEGIN")
        try:
            cur.execute(
                "INSERT INTO articles(path, sha256, title, bytes, added_at) VALUES (?,?,?,?,datetime('now'))",
                (path, hashlib.sha256(raw).hexdigest(), title, len(raw)),
            )
            aid = cur.lastrowid
            for i, s in enumerate(kept):
                cur.execute("INSERT INTO claims(article_id, ordinal, text) VALUES (?,?,?)", (aid, i, s))
                cid = cur.lastrowid
                cur.execute("INSERT INTO claims_fts(rowid, text) VALUES (?,?)", (cid, s))
                nums = [(cid, "number", m.group(), parse_number(m.group()), None, None) for m in NUM_RE.finditer(s)]
                n_numbers += len(nums)
                rows = nums
                if full:
                    qs, ds = extra[i]
                    for q in qs:
                        rows.append((cid, "quantity", q.surface, float(q.value), q.unit.name, None))
                    for surf, dt in ds:
                        rows.append((cid, "date", surf, None, None, dt.isoformat()))
                    n_quant += len(qs)
                    n_dates += len(ds)
                cur.executemany(
                    "INSERT INTO claim_values(claim_id, kind, surface, value, unit, date) VALUES (?,?,?,?,?,?)",
                    rows,
                )
            cur.execute("COMMIT")
            n_articles += 1
            n_claims += len(kept)
        except Exception as e:
            cur.execute("ROLLBACK")
            n_failed += 1
            print(f"failed: {path}: {e}", file=sys.stderr)

    t_end = time.perf_counter()
    con.close()
    db_bytes = os.path.getsize(db_path)
    if remove_db:
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(db_path + suffix):
                os.remove(db_path + suffix)

    mb = total_bytes / 1e6
    wall = t_end - T_START
    proc = t_end - t_proc
    print(f"mode={args.mode} files={len(files)} articles={n_articles} failed={n_failed} MB={mb:.3f}")
    print(f"claims={n_claims} claims/article={n_claims / max(n_articles, 1):.2f} numbers={n_numbers}"
          + (f" quantities={n_quant} dates={n_dates}" if full else ""))
    print(f"wall={wall:.2f}s MB/s(whole run)={mb / wall:.4f}  processing={proc:.2f}s MB/s(processing)={mb / proc:.4f}")
    print(f"pragmas={'sqlite defaults' if args.sqlite_defaults else 'WAL+NORMAL'} db_bytes={db_bytes} pysbd={pysbd.__version__ if hasattr(pysbd, '__version__') else '?'} sqlite={sqlite3.sqlite_version}")


if __name__ == "__main__":
    main()
