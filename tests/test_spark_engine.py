"""The Spark engine in ``local[2]`` gives the local engine's answer: the same articles, duplicates,
entities and failures, on a WARC built here from real pages and on a slice of SaudiNewsNet with
planted copies; a rerun writes the same tables; the Parquet output loads into the SQLite store.

One SparkSession and one run per test session (Spark starts slowly); each test checks one thing.
"""

from __future__ import annotations

import html
import io
import json
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_PAGE, SAUDINEWSNET, SHARED

pytestmark = pytest.mark.spark


def _spark_or_skip() -> None:
    missing = None
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing = "pyspark is not installed"
    if missing is None and not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        missing = "java is not installed"
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Spark tests must run in CI: {missing}")
        pytest.skip(missing)


# ---- the corpus: built at run time from ../shared, never copied into the project ----------------


def _warc(path: Path) -> None:
    """Real pages as HTTP responses: the two HTML pages, the sample text page as HTML, a second
    URL serving the sample (a page copy), an edited CNN page, and a response with no text."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    sample_lines = [line for line in SAMPLE_PAGE.read_text(encoding="utf-8").splitlines() if line.strip()]
    sample_html = (
        f"<html><head><meta charset='utf-8'><title>{html.escape(sample_lines[0])}</title></head><body>"
        f"<h1>{html.escape(sample_lines[0])}</h1>"
        + "".join(f"<p>{html.escape(line)}</p>" for line in sample_lines[1:])
        + "</body></html>"
    ).encode()
    cnn = (SHARED / "html" / "cnn-arabic-2013.article.html").read_bytes()
    records = [
        ("https://aawsat.com/putin-azerbaijan", sample_html),
        (
            "https://www.assabah.com.tn/article",
            (SHARED / "html" / "assabah.com.tn.article.html").read_bytes(),
        ),
        ("https://arabic.cnn.com/2013/article", cnn),
        ("https://aawsat.com/putin-azerbaijan?amp=1", sample_html),  # same bytes: a page copy
        ("https://arabic.cnn.com/2013/article?edited", cnn.replace(b"</p>", " تحديث</p>".encode(), 1)),
        ("https://example.com/empty", b"<html><body></body></html>"),
    ]
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for uri, body in records:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )


def _snn_records(count: int) -> list[dict]:
    with zipfile.ZipFile(SAUDINEWSNET / "2015-07-23.zip") as archive:
        records = json.loads(archive.read(archive.namelist()[0]))
    return [r for r in records if len(r.get("content", "").split()) > 40][:count]


def _jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _reposted(record: dict, n: int) -> dict:
    """The same article at another URL under another title: an exact copy of its text."""
    return {**record, "url": f"{record['url']}?repost={n}", "title": f"{record['title']} ({n})"}


def _edited(record: dict, n: int) -> dict:
    """The article with one word changed near its end: a near copy."""
    words = record["content"].split(" ")
    words[-3] = "وأضاف"
    return {**record, "url": f"{record['url']}?edit={n}", "content": " ".join(words)}


def build_corpus(folder: Path) -> list[str]:
    """Five inputs: the WARC, two JSONL slices with copies within and across files, a broken
    JSONL file and the sample text page."""
    folder.mkdir(parents=True, exist_ok=True)
    _warc(folder / "pages.warc.gz")
    records = _snn_records(300)
    first, second = records[:150], records[150:]
    _jsonl(folder / "snn-a.jsonl", first + [_reposted(first[i], i) for i in range(0, 20, 4)] + first[:3])
    _jsonl(
        folder / "snn-b.jsonl",
        second
        + [_reposted(first[i], 100 + i) for i in range(1, 30, 3)]
        + [_edited(first[i], i) for i in range(5, 45, 5)],
    )
    (folder / "broken.jsonl").write_bytes(b'{"title": "\xd8\xa8\n\x00\x01 not json\n{"content": ""}\n')
    return [str(folder), str(SAMPLE_PAGE)]


# ---- one run of each engine per session ---------------------------------------------------------


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return build_corpus(tmp_path_factory.mktemp("spark-corpus") / "inputs")


@pytest.fixture(scope="session")
def engine():
    _spark_or_skip()
    from khabar.engine.spark import SparkEngine

    engine = SparkEngine("local[2]")
    yield engine
    engine.stop()


@pytest.fixture(scope="session")
def local_db(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    from khabar.store import open_store

    path = tmp_path_factory.mktemp("spark-local") / "local.db"
    with open_store(path) as store:
        store.ingest(corpus, workers=2)
    return sqlite3.connect(path)


@pytest.fixture(scope="session")
def run(engine, corpus: list[str], tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("spark-out") / "out"
    summary = engine.run(corpus, out)
    return out, summary


def _table(engine, out: Path, name: str, columns: list[str]) -> list[tuple]:
    frame = engine.spark.read.parquet(str(out / name))
    return [tuple(row) for row in frame.orderBy("order").select(*columns).collect()]


# ---- the same answer as the local engine --------------------------------------------------------


def test_stored_articles_are_the_local_engines(engine, run, local_db: sqlite3.Connection) -> None:
    out, _ = run
    local = local_db.execute(
        "SELECT p.source, a.position, a.headline, a.text_hash FROM articles a JOIN pages p ON p.id = a.page_id"
        " ORDER BY a.id"
    ).fetchall()
    frame = engine.spark.read.parquet(str(out / "articles")).filter("duplicate IS NULL").orderBy("order")
    spark = [tuple(row) for row in frame.select("source", "position", "headline", "text_hash").collect()]
    assert len(local) > 250
    assert spark == local


def test_duplicates_are_the_local_engines(engine, run, local_db: sqlite3.Connection) -> None:
    out, _ = run
    local = local_db.execute(
        "SELECT d.source, d.position, d.kind, op.source, oa.position, d.jaccard FROM duplicates d"
        " LEFT JOIN pages op ON op.id = d.original_page_id LEFT JOIN articles oa ON oa.id = d.original_article_id"
        " ORDER BY d.id"
    ).fetchall()
    spark = _table(
        engine,
        out,
        "duplicates",
        ["source", "position", "kind", "original_source", "original_position", "jaccard"],
    )
    assert {row[2] for row in local} == {"page", "exact", "near"}
    assert spark == local


def test_entities_are_the_local_engines(engine, run, local_db: sqlite3.Connection) -> None:
    out, _ = run
    local = sorted(
        local_db.execute(
            "SELECT p.source, a.position, e.key, e.type, e.name FROM entities e JOIN articles a ON a.id = e.article_id"
            " JOIN pages p ON p.id = a.page_id"
        ).fetchall()
    )
    frame = engine.spark.read.parquet(str(out / "articles")).filter("duplicate IS NULL")
    spark = sorted(
        {
            (row["source"], row["position"], entity["key"], entity["type"], entity["name"])
            for row in frame.select("source", "position", "entities").collect()
            for entity in json.loads(row["entities"])
        }
    )
    assert len(local) > 500
    assert spark == local


def test_failures_are_the_local_engines(engine, run, local_db: sqlite3.Connection) -> None:
    out, _ = run
    local = local_db.execute("SELECT source, reason FROM failures ORDER BY id").fetchall()
    assert local
    assert _table(engine, out, "errors", ["source", "reason"]) == local


def test_summary_counts_what_was_written(run, local_db: sqlite3.Connection) -> None:
    _, summary = run
    stored = local_db.execute("SELECT count(*) FROM articles").fetchone()[0]
    copies = dict(local_db.execute("SELECT kind, count(*) FROM duplicates GROUP BY kind").fetchall())
    assert (summary.articles, dict(summary.duplicates), summary.files) == (stored, copies, 5)


def test_articles_are_partitioned_by_date_and_outlet(run) -> None:
    out, _ = run
    assert (out / "articles" / "date=2015-07-23" / "outlet=aawsat").is_dir()


# ---- reruns and the store -----------------------------------------------------------------------


def test_rerun_writes_the_same_tables(engine, run, corpus: list[str]) -> None:
    out, _ = run
    columns = [
        "order",
        "source",
        "position",
        "duplicate",
        "original_source",
        "jaccard",
        "text_hash",
        "entities",
    ]
    before = _table(engine, out, "articles", columns)
    engine.run(corpus, out)
    assert _table(engine, out, "articles", columns) == before


def test_load_gives_the_local_database(engine, run, local_db: sqlite3.Connection, tmp_path: Path) -> None:
    from khabar.store import open_store

    out, _ = run
    engine.load(out, tmp_path / "spark.db")
    with open_store(tmp_path / "spark.db") as loaded:
        counts = loaded.counts()
    expected = {table: local_db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in counts}
    assert counts == expected
