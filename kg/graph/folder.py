"""The store folder as the operating system sees it: checks before work, OS errors in words, staleness.

A store that cannot be opened or written (in use by another process, no permission, a
file where the folder should be, a full disk) becomes a one-line ``StoreError`` naming
the folder and what to do. The derived graphs (links, summaries) are marked stale while
an ingest writes articles and unmarked when they are rebuilt, so a run that stopped half
way says so, and the next ``kg ingest`` or ``kg relink`` rebuilds them.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from kg.errors import StoreError, shown_path

STALE_MARKER = "derived-graphs-stale"
RELINK = "`kg relink --store {path}` rebuilds the links and summaries"


def check_writable(path: str | Path) -> None:
    """Raise StoreError unless ``path`` is (or can become) a store folder this process may write."""
    path = Path(path)
    where = shown_path(path)
    if path.exists() and not path.is_dir():
        raise StoreError(
            where, "is a file, not a store folder", "give --store a new folder or one that holds a store"
        )
    existing = path
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise StoreError(
            shown_path(existing),
            "is a file, so no store folder can be made under it",
            "give --store another folder",
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise StoreError(
            shown_path(existing),
            "no permission to write here",
            "fix its permissions, or give --store a folder you can write",
        )


def explain(exc: OSError, path: str | Path, doing: str = "open") -> StoreError:
    """An OSError from the store (pyoxigraph or the file system) as a StoreError that says what to do."""
    where, text = shown_path(path), str(exc)
    code = exc.errno
    lowered = text.lower()
    if "lock" in lowered and (
        "temporarily unavailable" in lowered or "lock hold" in lowered or "no locks" in lowered
    ):
        return StoreError(
            where,
            "store is in use by another kg process (an ingest, a relink or a writable serve)",
            "wait for it to finish, or give --store another folder",
        )
    if code == errno.ENOSPC or "no space left" in lowered or "disk quota" in lowered:
        return StoreError(
            where,
            f"disk full while trying to {doing}; stored articles are whole",
            f"free some space, then {RELINK.format(path=where)}",
        )
    if (
        code in (errno.EACCES, errno.EPERM, errno.EROFS)
        or "permission denied" in lowered
        or "read-only file system" in lowered
    ):
        return StoreError(
            where,
            f"no permission to {doing} the store",
            "fix the folder's permissions, or give --store a folder you can write",
        )
    if code in (errno.ENOTDIR, errno.EEXIST) or "not a directory" in lowered:
        return StoreError(
            where, "is a file, not a store folder", "give --store a new folder or one that holds a store"
        )
    return StoreError(
        where, f"cannot {doing} the store: {text}", "check the folder, or give --store another one"
    )


def mark_stale(folder: Path) -> None:
    """Note that the derived graphs no longer match the articles (before the first article is written)."""
    (folder / STALE_MARKER).write_text(
        "kg ingest wrote articles; the links and summaries are being rebuilt\n"
    )


def clear_stale(folder: Path) -> None:
    (folder / STALE_MARKER).unlink(missing_ok=True)


def is_stale(folder: Path) -> bool:
    """Whether a run wrote articles and stopped before rebuilding the derived graphs."""
    return (folder / STALE_MARKER).exists()
