"""The store the web tests browse: SaudiNewsNet records from four days, the sample page, and a
hostile page, ingested through the store's own Python API. ``build_store`` is shared with the
other ``test_serve*`` and ``test_browser*`` modules."""

from __future__ import annotations

import atexit
import json
import shutil
import sqlite3
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from khabar.records import Document
from khabar.store import open_store
from tests.conftest import SAMPLE_PAGE, SAUDINEWSNET

DAYS = ("2015-07-21.zip", "2015-07-22.zip", "2015-07-23.zip", "2015-07-24.zip")
PER_DAY = 6
HOSTILE_HEADLINE = "<script>alert(1)</script>"
HOSTILE_URL = "javascript:alert(3)"
# Our own sentences (not third-party text) around markup a scraped page could carry.
HOSTILE_BODY = (
    "قال المتحدث باسم الوزارة إن الاجتماع في القاهرة انتهى دون اتفاق. <img src=x onerror=alert(2)>\n\n"
    "وأضاف أن جولة جديدة من المحادثات ستعقد في الرياض الأسبوع المقبل."
)


def snn_documents() -> list[Document]:
    documents = []
    for day in DAYS:
        with zipfile.ZipFile(SAUDINEWSNET / day) as archive:
            records = json.loads(archive.read(archive.namelist()[0]))
        for i, record in enumerate(records[:PER_DAY]):
            documents.append(
                Document(
                    source=f"{day}#{i}",
                    kind="record",
                    url=record.get("url"),
                    outlet=record.get("source"),
                    fields={
                        "title": record.get("title") or "",
                        "author": record.get("author") or "",
                        "content": record.get("content") or "",
                        "url": record.get("url") or "",
                        "date": record.get("date_extracted") or "",
                        "outlet": record.get("source") or "",
                    },
                )
            )
    return documents


def hostile_document() -> Document:
    return Document(
        source="hostile",
        kind="record",
        url=HOSTILE_URL,
        outlet="hostile-outlet",
        fields={
            "title": HOSTILE_HEADLINE,
            "content": HOSTILE_BODY,
            "date": "2015-07-25",
            "outlet": "hostile-outlet",
        },
    )


def build_store(path: Path) -> Path:
    documents = [
        *snn_documents(),
        Document(source=str(SAMPLE_PAGE), data=SAMPLE_PAGE.read_bytes(), kind="text", outlet="aawsat"),
        hostile_document(),
    ]
    with open_store(path) as store:
        store.ingest_documents(documents, workers=0)
    return path


@cache
def shared_store() -> Path:
    """One store per test process, shared by the web and browser tests (they only read it)."""
    folder = Path(tempfile.mkdtemp(prefix="khabar-serve-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return build_store(folder / "khabar.db")


def test_the_built_store_holds_the_hostile_headline_verbatim() -> None:
    path = shared_store()
    with sqlite3.connect(path) as connection:
        headlines = [row[0] for row in connection.execute("SELECT headline FROM articles")]
    assert HOSTILE_HEADLINE in headlines
    assert "بوتين يقوم بزيارة لأذربيجان" in headlines
