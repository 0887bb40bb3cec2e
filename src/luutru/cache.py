"""The build cache: one SQLite file in one folder, safe to delete at any time.

It remembers, between builds, what is costly to redo: each record parsed
(keyed by the file's size and modification time) with its body's HTML, the
digest of every page written (and where its blocks are in it, see
`fragments`), and what the gazetteer said of each unit.
A cache that cannot be read is treated as empty: a cold build, never an error.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
from pathlib import Path

FILE = "cache.sqlite3"
# Bump when the layout or the meaning of what is stored changes.
SCHEMA = 4

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS records (
    key TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, digest TEXT, article BLOB, html TEXT
);
CREATE TABLE IF NOT EXISTS pages (output TEXT PRIMARY KEY, digest TEXT, frame BLOB);
CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, value BLOB);
"""


class Cache:
    def __init__(self, folder: Path, code: str = ""):
        """`code`: the version of luutru's code (`build.code_version`). A record is
        parsed, and its body's HTML made, by that code: what another version
        stored is dropped, and every record is read again."""
        self.folder = folder
        self.path = folder / FILE
        self.db = self._open()
        if code and self.get("code") != code:
            self.db.execute("DELETE FROM records")
            self.db.execute("DELETE FROM facts")
            # The page digests stay: each includes the code's version, so every
            # page is rendered again, and they still say which files are there.
            self.set("code", code)
            self.commit()

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            db = self._connect()
            if self._schema(db) != SCHEMA:
                db.close()
                raise sqlite3.DatabaseError("old schema")
            return db
        except sqlite3.DatabaseError:
            # Unreadable or from another version: start again, it is only a cache.
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            db = self._connect()
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
            db.commit()
            return db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_TABLES)
        return db

    @staticmethod
    def _schema(db) -> int | None:
        row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is None:
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
            db.commit()
            return SCHEMA
        return int(row[0])

    def close(self) -> None:
        self.db.close()

    # --- small values -----------------------------------------------------

    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # --- records ----------------------------------------------------------

    def records(self) -> dict[str, tuple[int, int, str, bytes]]:
        """key → (size, mtime, digest, pickled article) of every cached record."""
        rows = self.db.execute("SELECT key, size, mtime, digest, article FROM records")
        return {k: (size, mtime, digest, blob) for k, size, mtime, digest, blob in rows}

    def put_records(self, rows) -> None:
        """rows of (key, size, mtime, digest, pickled article, html)."""
        self.db.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?)", rows)

    def drop_records(self, keys) -> None:
        self.db.executemany("DELETE FROM records WHERE key=?", ((k,) for k in keys))

    # --- pages --------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT output, digest FROM pages"))

    def frames(self) -> dict[str, bytes | None]:
        """output → what a frame-only render of it needs (`fragments.Frame`, pickled);
        b"" for a file copied as it is, None when not known."""
        return dict(self.db.execute("SELECT output, frame FROM pages"))

    def frames_of(self, outputs) -> dict[str, bytes]:
        rows = self.db.execute("SELECT output, frame FROM pages WHERE frame IS NOT NULL AND frame != x''")
        wanted = set(outputs)
        return {k: v for k, v in rows if k in wanted}

    def put_pages(self, rows, stale=(), everything: bool = False) -> None:
        """rows of (output, digest, frame); `stale` outputs are gone; `everything`:
        the rows are every output there is."""
        if everything:
            self.db.execute("DELETE FROM pages")
        self.db.executemany("DELETE FROM pages WHERE output=?", ((k,) for k in stale))
        self.db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", sorted(rows))

    # --- facts ------------------------------------------------------------

    def facts(self) -> dict:
        return {k: pickle.loads(v) for k, v in self.db.execute("SELECT key, value FROM facts")}

    def put_facts(self, facts: dict) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO facts VALUES (?, ?)", ((k, pickle.dumps(v)) for k, v in facts.items())
        )

    def commit(self) -> None:
        self.db.commit()

    def rollback(self) -> None:
        self.db.rollback()


class Bodies:
    """Body HTML by record key, read from the cache; each process opens its own connection."""

    def __init__(self, folder: Path):
        self.path = folder / FILE
        self.db = None
        self.pid = None

    def __call__(self, ref) -> str:
        if self.pid != os.getpid():  # a forked worker must not share its parent's connection
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self.pid = os.getpid()
        row = self.db.execute("SELECT html FROM records WHERE key=?", (ref.key,)).fetchone()
        if row is None:
            from .errors import BuildError

            raise BuildError(ref.key, "record body missing from the cache; delete the cache folder and build again")
        return row[0]
