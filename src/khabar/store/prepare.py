"""The per-document half of ingest, run in the worker processes: parse the document, then compute
what the store needs to place each article — its dedup keys and its search tokens — so the single
writer process only does SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from khabar.dedup.exact import normalized_hash, normalized_text
from khabar.dedup.near import band_keys, shingles_signature, word_shingles
from khabar.pipeline import parse_document
from khabar.records import Article, Document, Page
from khabar.understand.normalize import search_tokens


@dataclass(slots=True)
class ArticleKeys:
    """Dedup keys and full-text terms of one article."""

    text_hash: str | None
    band_keys: list[int] = field(default_factory=list)
    fts_headline: str = ""
    fts_body: str = ""


@dataclass(slots=True)
class Prepared:
    """A parsed page with the keys of each of its articles, in article order."""

    page: Page
    keys: list[ArticleKeys] = field(default_factory=list)


def article_keys(article: Article) -> ArticleKeys:
    """Keys of an article; its body decides duplicates, or its headline when it has no body."""
    folded = normalized_text(article.text or article.headline or "")  # normalized once, used twice
    keys = ArticleKeys(text_hash=normalized_hash(folded))
    items = word_shingles(folded.split())
    if items:  # an empty text would collide with every other empty text
        keys.band_keys = band_keys(shingles_signature(items))
    keys.fts_headline = index_terms(article.headline or "")
    keys.fts_body = index_terms(article.text)
    return keys


def index_terms(text: str) -> str:
    """``search_tokens`` of the text, space-joined for FTS5, computed word by word through a cache:
    news repeats its vocabulary, so most words are looked up, not normalized again."""
    return " ".join(term for word in text.split() for term in _word_terms(word))


@lru_cache(maxsize=262144)
def _word_terms(word: str) -> tuple[str, ...]:
    return tuple(search_tokens(word))


def prepare(document: Document, understand: bool = True) -> Prepared:
    """Parse one document and key its articles; never raises for a bad document."""
    page = parse_document(document, understand=understand)
    return Prepared(page, [article_keys(article) for article in page.articles])


def prepare_crashed(document: Document, reason: str) -> Prepared:
    """A document whose worker died: an empty page carrying the reason."""
    return Prepared(Page(source=document.source, url=document.url, outlet=document.outlet, problem=reason))
