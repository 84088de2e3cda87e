"""The Spark engine: the local engine's per-document code, one Spark task per input file.

Spark only schedules. Each task reads one file with ``khabar.read.iter_path`` and runs the store's
``prepare`` (``parse_document`` plus dedup keys) on every document — the very function the local
process pool maps — so there is no second implementation of any stage. Rows become three Parquet
tables under ``out``:

- ``pages``: one row per document read, with its status (stored, page duplicate, failed, skipped);
- ``articles``: one row per article, partitioned by ``date`` and ``outlet``, with entities, dates,
  quotes, events, captions, bylines and teasers as JSON columns and its duplicate mark;
- ``errors``: every document that gave no article, with the reason the store would record.

Deduplication is corpus-wide and gives the local store's answer: exact copies group by
normalized-text hash; near-copy candidates come from MinHash band keys grouped by a shuffle and are
confirmed with ``khabar.dedup.near.jaccard``; the first copy is the earliest in input order (file
order of ``expand_paths``, then document order inside a file), exactly as the store assigns ids.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from khabar.dedup.near import jaccard, shingles
from khabar.records import (
    Article,
    Byline,
    Caption,
    Entity,
    Event,
    Mention,
    Page,
    Published,
    Quote,
    Teaser,
    TemporalExpression,
    block_spans,
    blocks_from_spans,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

INSTALL_HINT = "pip install 'khabar[spark]'"

# One sortable 63-bit key per article: file, then document in the file, then article in the page.
FILE_BITS, DOC_BITS, POSITION_BITS = 20, 31, 12


class SparkUnavailable(RuntimeError):
    """pyspark or Java is missing; the message says how to install what is missing."""


def require_spark() -> None:
    """Fail at construction, not mid-job, when the engine cannot run here."""
    try:
        import pyspark  # noqa: F401
    except ImportError as error:
        raise SparkUnavailable(f"the Spark engine needs pyspark: {INSTALL_HINT}") from error
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise SparkUnavailable("the Spark engine needs Java 17 (set JAVA_HOME or put java on PATH)")


def order_key(file_index: int, doc_index: int, position: int = 0) -> int:
    """Input order as one integer, so the first copy is ``min`` and a pair is ``i < j``."""
    if file_index >= 1 << FILE_BITS or doc_index >= 1 << DOC_BITS or position >= 1 << POSITION_BITS:
        raise ValueError(f"order out of range: file {file_index}, document {doc_index}, article {position}")
    return (file_index << (DOC_BITS + POSITION_BITS)) | (doc_index << POSITION_BITS) | position


# ---- per file: the task body (pure Python, runs in the executors) -------------------------------

_encode = msgspec.json.Encoder().encode


def _json(value: Any) -> str:
    return _encode(value).decode("utf-8")


def article_row(article: Article, position: int, text_hash: str | None, bands: list[int]) -> dict[str, Any]:
    """An article as a flat row; every annotation list is a JSON column (spans into ``text``)."""
    return {
        "position": position,
        "headline": article.headline,
        "subtitle": article.subtitle,
        "section": article.section,
        "url": article.url,
        "outlet": article.outlet,
        "date": article.published.date,
        "published_how": article.published.how,
        "text": article.text,
        "text_hash": text_hash,
        "band_keys": bands,
        "blocks": _json(block_spans(article.blocks)),
        "captions": _json(article.captions),
        "bylines": _json(article.bylines),
        "teasers": _json(article.related),
        "entities": _json(article.entities),
        "mentions": _json(article.mentions),
        "dates": _json(article.dates),
        "quotes": _json(article.quotes),
        "events": _json(article.events),
    }


def article_from_row(row: Any) -> Article:
    """The ``Article`` back from its row (a Spark Row or a dict): lossless, for the SQLite load."""
    get = row.__getitem__
    text = get("text") or ""
    blocks = blocks_from_spans(text, msgspec.json.decode(get("blocks")))
    return Article(
        headline=get("headline"),
        subtitle=get("subtitle"),
        captions=msgspec.json.decode(get("captions"), type=list[Caption]),
        blocks=blocks,
        bylines=msgspec.json.decode(get("bylines"), type=list[Byline]),
        published=Published(get("date"), get("published_how") or "unknown"),
        related=msgspec.json.decode(get("teasers"), type=list[Teaser]),
        section=get("section"),
        url=get("url"),
        outlet=get("outlet"),
        dates=msgspec.json.decode(get("dates"), type=list[TemporalExpression]),
        entities=msgspec.json.decode(get("entities"), type=list[Entity]),
        mentions=msgspec.json.decode(get("mentions"), type=list[Mention]),
        quotes=msgspec.json.decode(get("quotes"), type=list[Quote]),
        events=msgspec.json.decode(get("events"), type=list[Event]),
    )


def page_row(file_index: int, doc_index: int, file: str, page: Page, keys: list[Any]) -> dict[str, Any]:
    """One document's row: the page, and its articles as a nested list."""
    from khabar.store.db import failure_reason

    return {
        "file_index": file_index,
        "doc_index": doc_index,
        "order": order_key(file_index, doc_index),
        "file": file,
        "source": page.source or "<input>",
        "url": page.url,
        "outlet": page.outlet,
        "content_hash": page.content_hash,
        "encoding": page.encoding,
        "problem": page.problem,
        "reason": None if page.articles else failure_reason(page.problem),
        "articles": [
            article_row(article, position, key.text_hash, key.band_keys)
            for position, (article, key) in enumerate(zip(page.articles, keys, strict=True))
        ],
    }


def process_file(
    file_index: int, path: str, understand: bool = True, *, name: str | None = None
) -> Iterator[dict[str, Any]]:
    """Rows of every document of one file; a document or a reader that fails becomes a row with
    the reason, never an exception (one bad file must not fail the job)."""
    from khabar.read import iter_path
    from khabar.store.prepare import prepare, prepare_crashed

    file = name or path
    doc_index = 0
    documents = iter_path(path)
    while True:
        try:
            document = next(documents)
        except StopIteration:
            return
        except Exception as error:  # a reader bug: record it, keep what was read
            crashed = Page(
                source=f"{file}#read-error", problem=f"read-error: {type(error).__name__}: {error}"[:300]
            )
            yield page_row(file_index, doc_index, file, crashed, [])
            return
        if name is not None and document.source.startswith(path):
            document.source = name + document.source[len(path) :]  # a spooled remote file keeps its URI
        try:
            prepared = prepare(document, understand)
        except Exception as error:  # same containment as the local engine's chunks
            reason = f"worker-error: {type(error).__name__}: {error}"[:300]
            prepared = prepare_crashed(document, reason)
        yield page_row(file_index, doc_index, file, prepared.page, prepared.keys)
        doc_index += 1


def process_remote(
    file_index: int, uri: str, data: bytes, understand: bool = True
) -> Iterator[dict[str, Any]]:
    """A file Spark read from any URI (HDFS, S3, GCS): spooled to local disk, read as a local file."""
    suffix = "".join(Path(uri.rsplit("/", 1)[-1]).suffixes[-2:])  # keeps ``.warc.gz`` for format sniffing
    with tempfile.NamedTemporaryFile(suffix=suffix) as spool:
        spool.write(data)
        spool.flush()
        yield from process_file(file_index, spool.name, understand, name=uri)


# ---- dedup: the store's sequential rule over candidate pairs -------------------------------------


def resolve_near(
    pairs: Iterable[tuple[int, int, float]], max_candidates: int
) -> dict[int, tuple[int, float]]:
    """Which articles are near copies, and of which original, as the store decides one by one.

    ``pairs`` are ``(later, earlier, jaccard)`` for articles sharing a band. Walking articles in
    input order, an article is a copy of the first *kept* earlier candidate (at most
    ``max_candidates`` of them, earliest first) whose Jaccard reaches the threshold; a copy is never
    an original for later articles — the store only compares against stored articles.
    """
    from khabar.dedup.near import THRESHOLD

    by_later: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for later, earlier, similarity in pairs:
        by_later[later].append((earlier, similarity))
    copies: dict[int, tuple[int, float]] = {}
    for later in sorted(by_later):
        kept = [pair for pair in sorted(by_later[later]) if pair[0] not in copies][:max_candidates]
        for earlier, similarity in kept:
            if similarity >= THRESHOLD:
                copies[later] = (earlier, round(similarity, 4))
                break
    return copies


def score_candidates(
    later: int, later_text: str, earlier: list[tuple[int, str]], max_candidates: int
) -> list[tuple[int, int, float]]:
    """Scored pairs ``(later, earlier, jaccard)`` of one article and its earlier band mates.

    Only confirmed pairs matter unless an article has more candidates than the store checks; then
    all are kept so that ``resolve_near`` applies the store's limit exactly.
    """
    from khabar.dedup.near import THRESHOLD

    mine = shingles(later_text)
    scored = [(later, order, jaccard(mine, shingles(text))) for order, text in earlier]
    if len(scored) <= max_candidates:  # the store's limit cannot bite: confirmed pairs suffice
        scored = [pair for pair in scored if pair[2] >= THRESHOLD]
    return scored


# ---- the engine -----------------------------------------------------------------------------------


@dataclass(slots=True)
class SparkSummary:
    """What a Spark run wrote, counted like the store's ``IngestSummary``."""

    out: str
    files: int = 0
    documents: int = 0
    skipped: int = 0  # documents whose source an earlier document already had
    pages: int = 0
    articles: int = 0
    duplicates: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "files": self.files,
            "documents": self.documents,
            "skipped": self.skipped,
            "pages": self.pages,
            "articles": self.articles,
            "duplicates": dict(sorted(self.duplicates.items())),
            "failures": dict(sorted(self.failures.items())),
        }


def is_remote(path: str) -> bool:
    """A URI only Spark's Hadoop file systems can open (``hdfs://``, ``s3a://``, ``gs://`` ...)."""
    return "://" in path and not path.startswith("file://")


def _local_cores(master: str) -> int:
    """``local[4]`` → 4; ``local`` → 1; ``local[*]`` → every core (small shuffles, small data)."""
    inside = master.partition("[")[2].split("]")[0].split(",")[0]
    return max(1, int(inside)) if inside.isdigit() else (os.cpu_count() or 1) if inside else 1


def _local_path(path: str) -> str:
    return path[len("file://") :] if path.startswith("file://") else path


class SparkEngine:
    """Run ingest on a Spark cluster (or ``local[N]``) and write Parquet tables under ``out``.

    >>> engine = SparkEngine("local[2]")
    >>> summary = engine.run(["crawl/*.warc.gz"], "out/")
    >>> engine.load("out/", "khabar.db")  # optional: into the SQLite store
    """

    def __init__(
        self,
        master: str | None = None,
        *,
        spark: SparkSession | None = None,
        app_name: str = "khabar",
        config: dict[str, str] | None = None,
    ) -> None:
        require_spark()
        if master is None and spark is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
            master = "local[*]"  # not under spark-submit (which sets the master): this machine
        self.master = master
        self.app_name = app_name
        self.config = dict(config or {})
        self._spark = spark

    @property
    def spark(self) -> SparkSession:
        """The session: the one given, else one built (or joined) on first use."""
        if self._spark is None:
            from pyspark.sql import SparkSession

            builder = SparkSession.builder.appName(self.app_name)
            settings = {
                # Dates like 2015-07-21 stay strings when partitions are read back.
                "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
                "spark.sql.session.timeZone": "UTC",
            }
            if self.master:
                builder = builder.master(self.master)
            if (self.master or "").startswith("local"):
                # Executors must run this interpreter (the one with khabar installed).
                # PySpark starts workers with $PYSPARK_PYTHON (default: python3 on PATH), not the config.
                os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
                package_root = str(Path(__file__).resolve().parents[2])  # works uninstalled too
                python_path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
                settings |= {
                    "spark.executorEnv.PYTHONPATH": python_path,
                    "spark.pyspark.python": sys.executable,
                    "spark.pyspark.driver.python": sys.executable,
                    "spark.sql.shuffle.partitions": str(_local_cores(self.master or "local")),
                    "spark.ui.enabled": "false",
                    "spark.ui.showConsoleProgress": "false",
                }
            for key, value in (settings | self.config).items():
                builder = builder.config(key, value)
            self._spark = builder.getOrCreate()
        return self._spark

    def stop(self) -> None:
        if self._spark is not None:
            self._spark.stop()
            self._spark = None

    # ---- inputs -----------------------------------------------------------------------------

    def list_inputs(self, paths: Iterable[str | Path]) -> list[str]:
        """Files in input order: local ones as ``expand_paths`` lists them (the local engine's
        order), remote URIs expanded by the cluster's file system, sorted."""
        from khabar.read.paths import expand_paths

        files: list[str] = []
        for item in paths:
            text = str(item)
            if is_remote(text):
                files.extend(self._expand_remote(text))
            else:
                files.extend(str(path) for path in expand_paths([_local_path(text)]))
        seen: set[str] = set()
        return [f for f in files if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]

    def _expand_remote(self, uri: str) -> list[str]:
        jvm = self.spark.sparkContext._jvm
        conf = self.spark.sparkContext._jsc.hadoopConfiguration()
        pattern = jvm.org.apache.hadoop.fs.Path(uri)
        statuses = pattern.getFileSystem(conf).globStatus(pattern) or []
        found: list[str] = []
        for status in statuses:
            if status.isFile():
                found.append(status.getPath().toString())
            else:  # a folder: its files, recursively
                listing = status.getPath().getFileSystem(conf).listFiles(status.getPath(), True)
                while listing.hasNext():
                    found.append(listing.next().getPath().toString())
        return sorted(found)

    # ---- the job ----------------------------------------------------------------------------

    def run(self, paths: Iterable[str | Path], out: str | Path, *, understand: bool = True) -> SparkSummary:
        """Parse every file (one task each), dedup across the corpus, write the Parquet tables.

        Rerunning over the same inputs overwrites every table with the same rows.
        """
        from pyspark import StorageLevel

        from khabar.engine import spark_tables as tables

        out = str(out).rstrip("/")
        files = self.list_inputs(paths)
        summary = SparkSummary(out=out, files=len(files))
        docs = self.spark.createDataFrame(self._parse(files, understand), tables.DOCS_SCHEMA)
        docs = docs.persist(StorageLevel.MEMORY_AND_DISK)  # parsing is the costly part: once only
        docs.count()  # filled now, before several jobs race to compute it each on their own
        try:
            pages, articles = tables.mark_pages(docs)
            articles = tables.mark_articles(articles, self._near_copies(articles))
            articles = articles.persist(StorageLevel.MEMORY_AND_DISK)
            articles.count()
            tables.write(pages, articles, out)
            tables.count(pages, articles, summary)
            articles.unpersist()
        finally:
            docs.unpersist()
        return summary

    def _parse(self, files: list[str], understand: bool) -> Any:
        from khabar.engine.spark_tables import as_docs_tuple

        sc = self.spark.sparkContext
        local = [(index, _local_path(path)) for index, path in enumerate(files) if not is_remote(path)]
        parts = []
        if local:

            def run_files(items: Iterable[tuple[int, str]]) -> Iterator[tuple]:
                for index, path in items:
                    for row in process_file(index, path, understand):
                        yield as_docs_tuple(row)

            parts.append(sc.parallelize(local, numSlices=len(local)).mapPartitions(run_files))
        for index, uri in enumerate(files):
            if is_remote(uri):

                def run_remote(
                    item: tuple[str, bytes], index: int = index, uri: str = uri
                ) -> Iterator[tuple]:
                    for row in process_remote(index, uri, item[1], understand):
                        yield as_docs_tuple(row)

                parts.append(sc.binaryFiles(uri, minPartitions=1).flatMap(run_remote))
        if not parts:
            return sc.emptyRDD()
        return parts[0] if len(parts) == 1 else sc.union(parts)

    def _near_copies(self, articles: DataFrame) -> DataFrame:
        """Near copies among the first copy of each text: band keys grouped by a shuffle, pairs
        scored by Jaccard in the executors, then the store's in-order rule on the driver (it sees
        only scored pairs, never articles)."""
        from khabar.engine.spark_tables import COPIES_SCHEMA, candidate_texts
        from khabar.store.db import MAX_NEAR_CANDIDATES

        limit = MAX_NEAR_CANDIDATES
        scored = (
            candidate_texts(articles)
            .rdd.flatMap(lambda row: score_candidates(row.later, row.later_text, row.earlier, limit))
            .collect()
        )
        copies = resolve_near(scored, limit)
        rows = [(later, earlier, similarity) for later, (earlier, similarity) in sorted(copies.items())]
        return self.spark.createDataFrame(rows, COPIES_SCHEMA)

    # ---- optional: into the SQLite store --------------------------------------------------------

    def load(self, out: str | Path, db: str | Path) -> Any:
        """Load a run's tables into the SQLite store with the store's own writer (``add_pages``),
        in input order, so the database is the one a local ``ingest`` of the same inputs makes."""
        from khabar.engine.spark_tables import read_pages
        from khabar.store import open_store

        with open_store(db) as store:
            return store.add_pages(read_pages(self.spark, str(out).rstrip("/")))
