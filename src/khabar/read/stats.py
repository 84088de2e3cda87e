"""Per-reader counts: how many documents a reader yielded and what it skipped, by reason.

An engine or the CLI summary reads these after (or while) iterating; a skipped item is not a
document, so without a count it would vanish silently (a WARC ``request`` record, a blank line).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(slots=True)
class ReadStats:
    """Counts for one reader run: ``documents`` yielded, ``problems`` among them (documents with a
    recorded problem), and ``skipped`` items by reason, e.g. ``{"warc-record-type: request": 12}``."""

    documents: int = 0
    problems: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    # Byte offset reached in the file being read (WARC): lets a progress bar advance by bytes.
    position: int = 0

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] += count

    def count(self, problem: str | None) -> None:
        self.documents += 1
        if problem:
            self.problems += 1

    def merge(self, other: ReadStats) -> None:
        self.documents += other.documents
        self.problems += other.problems
        self.skipped.update(other.skipped)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())
