"""Share of SaudiNewsNet author fields in the «city: name» form, and how many parse into both parts.

.venv/bin/python scripts/byline_share.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from _corpus import saudinewsnet_records  # noqa: E402
from khabar.structure.bylines import parse_byline  # noqa: E402

COLON_FORM = re.compile(r"^[^:]*\S[^:]*:\s*\S")


def main() -> None:
    total = colon = parsed = with_dateline = 0
    for record in saudinewsnet_records():
        total += 1
        author = re.sub(r"\|.*$", "", (record.get("author") or "").replace("&nbsp;", " "))
        author = author.strip(" \xa0\u200f\u200e")
        bylines = parse_byline(author)
        with_dateline += any(b.dateline for b in bylines)
        if COLON_FORM.match(author):
            colon += 1
            parsed += bool(bylines) and all(b.author and b.dateline for b in bylines)
    print(f"records: {total:,}")
    print(
        f"«city: name» form: {colon:,} ({colon / total:.1%}); parsed into dateline + author: {parsed:,} ({parsed / colon:.1%})"
    )
    print(f"any form with a dateline recognized: {with_dateline:,} ({with_dateline / total:.1%})")


if __name__ == "__main__":
    main()
