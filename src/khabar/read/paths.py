"""Expand the inputs a user names — files, folders (recursive) and glob patterns, in any mix —
into a sorted, de-duplicated stream of files."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from khabar.read.stats import ReadStats

_GLOB_CHARS = frozenset("*?[")


def expand_paths(paths: Iterable[str | Path], stats: ReadStats | None = None) -> Iterator[Path]:
    """Files under each input, each once; hidden files in folders are left out; a name that matches
    nothing is counted as skipped (``no-such-path``) rather than raised."""
    seen: set[Path] = set()
    for item in paths:
        for path in _expand_one(str(item), stats):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path


def _expand_one(item: str, stats: ReadStats | None) -> Iterator[Path]:
    path = Path(item)
    if path.is_file():
        yield path
        return
    if path.is_dir():
        yield from _walk(path)
        return
    if _GLOB_CHARS & set(item):
        matches = sorted(glob.glob(item, recursive=True))
        if matches:
            for match in matches:
                found = Path(match)
                if found.is_dir():
                    yield from _walk(found)
                elif found.is_file():
                    yield found
            return
    if stats is not None:
        stats.skip("no-such-path")


def _walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield path
