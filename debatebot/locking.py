"""One writer per index, and a generation mark that tells readers the index changed.

Writing (a sync that adds, re-stances or deletes chunks) takes an exclusive lock on
`<index_dir>/.write.lock`; a second process that tries to write while it is held gets a
StoreError naming the holder, at once, instead of two processes interleaving writes. After a
write the writer records a new generation in `<index_dir>/.generation`; every process that
shares the index folder (and its Chroma server) compares it before each request and re-reads
the stores when it moved, so one app sees the documents another added.
"""

from __future__ import annotations

import fcntl
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError

LOCK_FILE = ".write.lock"
GENERATION_FILE = ".generation"


@contextmanager
def write_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's write lock, or raise StoreError at once if another process has it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    path = index_dir / LOCK_FILE
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise StoreError(
                f"another debatebot process (pid {holder}) is writing the index in {index_dir}; "
                "wait for it to finish, then try again."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def generation(index_dir: Path) -> str:
    """The index's current generation ("" before the first write)."""
    try:
        return (index_dir / GENERATION_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def advance(index_dir: Path) -> str:
    """Record that the index changed; returns the new generation."""
    mark = uuid.uuid4().hex
    tmp = index_dir / f"{GENERATION_FILE}.{os.getpid()}"
    tmp.write_text(mark, encoding="utf-8")
    tmp.replace(index_dir / GENERATION_FILE)  # atomic: readers never see half a mark
    return mark
