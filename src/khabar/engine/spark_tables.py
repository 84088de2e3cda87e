"""The Spark engine's tables: the schema of parsed rows and the DataFrame steps that mark pages
and articles as stored, duplicate, failed or skipped, exactly as the SQLite store decides.

Order is everything here: the store keeps the first copy in input order, so every row carries
``order`` (``khabar.engine.spark.order_key``) and every choice of an original is a ``min``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pyspark.sql import functions as F
from pyspark.sql import types as T
from pyspark.sql.window import Window

from khabar.engine.spark import POSITION_BITS, article_from_row
from khabar.records import Page

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from khabar.engine.spark import SparkSummary

_TEXT = T.StringType()
ARTICLE_SCHEMA = T.StructType(
    [
        T.StructField("position", T.IntegerType()),
        *(T.StructField(name, _TEXT) for name in ("headline", "subtitle", "section", "url", "outlet")),
        T.StructField("date", _TEXT),  # publication date, ISO; a partition column of ``articles``
        T.StructField("published_how", _TEXT),
        T.StructField("text", _TEXT),
        T.StructField("text_hash", _TEXT),
        T.StructField("band_keys", T.ArrayType(T.LongType())),
        *(
            T.StructField(name, _TEXT)  # JSON lists
            for name in (
                "blocks",
                "captions",
                "bylines",
                "teasers",
                "entities",
                "mentions",
                "dates",
                "quotes",
                "events",
            )  # fmt: skip
        ),
    ]
)
DOCS_SCHEMA = T.StructType(
    [
        T.StructField("file_index", T.IntegerType()),
        T.StructField("doc_index", T.LongType()),
        T.StructField("order", T.LongType()),
        *(
            T.StructField(name, _TEXT)
            for name in ("file", "source", "url", "outlet", "content_hash", "encoding", "problem", "reason")
        ),
        T.StructField("articles", T.ArrayType(ARTICLE_SCHEMA)),
    ]
)
COPIES_SCHEMA = T.StructType(
    [
        T.StructField("later", T.LongType()),
        T.StructField("earlier", T.LongType()),
        T.StructField("jaccard", T.DoubleType()),
    ]
)
_ARTICLE_FIELDS = ARTICLE_SCHEMA.fieldNames()
_DOC_FIELDS = [name for name in DOCS_SCHEMA.fieldNames() if name != "articles"]
_POSITION_MASK = (1 << POSITION_BITS) - 1


def as_docs_tuple(row: dict[str, Any]) -> tuple:
    """A ``process_file`` row as a tuple in ``DOCS_SCHEMA`` order (cheaper than dicts for Spark)."""
    articles = [tuple(article[name] for name in _ARTICLE_FIELDS) for article in row["articles"]]
    return (*(row[name] for name in _DOC_FIELDS), articles)


def _body(articles: DataFrame) -> Any:
    """What dedup compares: the body, or the headline of an article without one (as the store)."""
    return F.when(F.length("text") > 0, F.col("text")).otherwise(F.coalesce("headline", F.lit("")))


def mark_pages(docs: DataFrame) -> tuple[DataFrame, DataFrame]:
    """Pages with their status, and the articles of pages that reached the store's dedup.

    A source seen before is ``skipped``; a page without articles ``failed``; among the rest the
    first page of each content hash is ``stored`` and later ones are ``page-duplicate``.
    """
    first_of_source = Window.partitionBy("source").orderBy("order")
    docs = docs.withColumn("n_articles", F.size("articles")).withColumn(
        "_rank", F.row_number().over(first_of_source)
    )
    docs = docs.withColumn("_group", F.coalesce("content_hash", "source"))
    originals = (
        docs.filter((F.col("_rank") == 1) & (F.col("n_articles") > 0))
        .groupBy("_group")
        .agg(F.min("order").alias("original_order"))
    )
    docs = docs.join(originals, "_group", "left")
    status = (
        F.when(F.col("_rank") > 1, "skipped")
        .when(F.col("n_articles") == 0, "failed")
        .when(F.col("order") == F.col("original_order"), "stored")
        .otherwise("page-duplicate")
    )
    docs = docs.withColumn("status", status)
    articles = docs.filter(F.col("status").isin("stored", "page-duplicate")).select(
        "file_index",
        "doc_index",
        F.col("order").alias("page_order"),
        "source",
        F.col("status").alias("page_status"),
        F.col("original_order").alias("page_original"),
        F.explode("articles").alias("a"),
    )
    articles = (
        articles.select("*", "a.*").drop("a").withColumn("order", F.col("page_order") + F.col("position"))
    )
    pages = docs.drop("articles", "_rank", "_group")
    return pages, articles


def _representatives(articles: DataFrame) -> DataFrame:
    """The first article of each normalized-text hash among stored pages: ``text_hash``, ``rep``."""
    return (
        articles.filter((F.col("page_status") == "stored") & F.col("text_hash").isNotNull())
        .groupBy("text_hash")
        .agg(F.min("order").alias("rep"))
    )


def candidate_texts(articles: DataFrame) -> DataFrame:
    """Per first-of-its-text article, the earlier ones sharing a band key, with their bodies:
    ``later``, ``later_text``, ``earlier`` (a list of ``(order, text)``).

    Copies of one text have the same bands and the same fate as their first, so only firsts meet
    here; the band join is the shuffle that brings candidates together.
    """
    reps = (
        articles.join(_representatives(articles), "text_hash")
        .filter(F.col("order") == F.col("rep"))
        .filter(F.size("band_keys") > 0)
        .select("order", "band_keys", _body(articles).alias("body"))
    )
    bands = reps.select("order", F.explode("band_keys").alias("band"))
    pairs = (
        bands.alias("l")
        .join(bands.alias("e"), "band")
        .filter(F.col("e.order") < F.col("l.order"))
        .select(F.col("l.order").alias("later"), F.col("e.order").alias("earlier"))
        .distinct()
    )
    texts = reps.select("order", "body")
    earlier = (
        pairs.join(texts.withColumnRenamed("order", "earlier"), "earlier")
        .groupBy("later")
        .agg(F.collect_list(F.struct(F.col("earlier"), F.col("body"))).alias("earlier"))
    )
    return earlier.join(
        texts.withColumnRenamed("order", "later").withColumnRenamed("body", "later_text"), "later"
    )


def mark_articles(articles: DataFrame, copies: DataFrame) -> DataFrame:
    """Every article with ``duplicate`` (null, ``exact``, ``near`` or ``page``), the original's
    ``original_source`` and ``original_position``, and ``jaccard``."""
    marked = articles.join(_representatives(articles), "text_hash", "left").join(
        copies, F.col("rep") == F.col("later"), "left"
    )
    is_page = F.col("page_status") == "page-duplicate"
    has_copy = F.col("earlier").isNotNull()
    kind = (
        F.when(is_page, "page")
        .when(F.col("text_hash").isNull(), F.lit(None))
        .when(has_copy, "near")
        .when(F.col("order") != F.col("rep"), "exact")
    )
    marked = marked.withColumn("duplicate", kind).withColumn(
        "jaccard",
        F.when(F.col("duplicate") == "near", F.col("jaccard")).when(
            F.col("duplicate").isNotNull(), F.lit(1.0)
        ),
    )
    # A page copy points at the first article the original page kept (none if all were copies).
    first_kept = (
        marked.filter(F.col("duplicate").isNull())
        .groupBy("page_order")
        .agg(F.min("order").alias("first_kept"))
        .withColumnRenamed("page_order", "kept_page")
    )
    marked = marked.join(first_kept, F.col("page_original") == F.col("kept_page"), "left")
    original = (
        F.when(F.col("duplicate") == "page", F.col("first_kept"))
        .when(F.col("duplicate") == "near", F.col("earlier"))
        .when(F.col("duplicate") == "exact", F.col("rep"))
    )
    original_page = F.when(F.col("duplicate") == "page", F.col("page_original")).otherwise(
        original - original.bitwiseAND(F.lit(_POSITION_MASK))
    )
    marked = marked.withColumn("_original", original).withColumn("_original_page", original_page)
    sources = articles.select(
        F.col("page_order").alias("_original_page"), F.col("source").alias("original_source")
    )
    marked = marked.join(sources.distinct(), "_original_page", "left").withColumn(
        "original_position", F.col("_original").bitwiseAND(F.lit(_POSITION_MASK)).cast("int")
    )
    return marked.drop(
        "rep", "later", "earlier", "first_kept", "kept_page", "_original", "_original_page", "page_status"
    )


def duplicates(articles: DataFrame) -> DataFrame:
    """The duplicates table: one row per copied article, one per copied page (its first article)."""
    return articles.filter(
        F.col("duplicate").isNotNull() & ((F.col("duplicate") != "page") | (F.col("position") == 0))
    ).select(
        "order", "source", "position", F.col("duplicate").alias("kind"), "headline", "url",
        "original_source", "original_position", "jaccard",
    )  # fmt: skip


def errors(pages: DataFrame) -> DataFrame:
    """The errors table: every document that gave no article, with the store's reason."""
    return pages.filter(F.col("status") == "failed").select(
        "order", "file", "source", "reason", F.col("problem").alias("detail"), "content_hash"
    )


def write(pages: DataFrame, articles: DataFrame, out: str) -> None:
    """Overwrite the four tables; the same inputs always give the same rows in the same order."""
    (
        articles.drop("page_original")
        .repartition("date", "outlet")
        .sortWithinPartitions("order")
        .write.mode("overwrite")
        .partitionBy("date", "outlet")
        .parquet(f"{out}/articles")
    )
    pages.drop("original_order").join(
        articles.filter(F.col("duplicate") == "page")
        .select(F.col("page_order").alias("order"), "original_source")
        .distinct(),
        "order",
        "left",
    ).orderBy("order").write.mode("overwrite").parquet(f"{out}/pages")
    duplicates(articles).orderBy("order").write.mode("overwrite").parquet(f"{out}/duplicates")
    errors(pages).orderBy("order").write.mode("overwrite").parquet(f"{out}/errors")


def count(pages: DataFrame, articles: DataFrame, summary: SparkSummary) -> None:
    """Fill the run's summary, counted as the store's ``IngestSummary`` counts."""
    by_status = {row["status"]: row["count"] for row in pages.groupBy("status").count().collect()}
    summary.skipped = by_status.get("skipped", 0)
    summary.documents = sum(by_status.values()) - summary.skipped
    summary.pages = by_status.get("stored", 0)
    summary.articles = articles.filter(F.col("duplicate").isNull()).count()
    for row in duplicates(articles).groupBy("kind").count().collect():
        summary.duplicates[row["kind"]] = row["count"]
    for row in errors(pages).groupBy("reason").count().collect():
        summary.failures[row["reason"]] = row["count"]


def read_pages(spark: SparkSession, out: str) -> Iterator[Page]:
    """Every page of a run, articles included, in input order (for the SQLite load)."""
    pages = spark.read.parquet(f"{out}/pages").orderBy("order")
    articles = spark.read.parquet(f"{out}/articles").orderBy("order")
    rest = articles.toLocalIterator()
    pending = next(rest, None)
    for row in pages.toLocalIterator():
        page = Page(
            source=row["source"],
            url=row["url"],
            outlet=row["outlet"],
            content_hash=row["content_hash"],
            encoding=row["encoding"],
            problem=row["problem"],
        )
        while pending is not None and pending["order"] - pending["position"] == row["order"]:
            page.articles.append(article_from_row(pending))
            pending = next(rest, None)
        yield page
