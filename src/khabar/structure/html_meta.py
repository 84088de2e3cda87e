"""Page metadata of an HTML news page: title, publication date, section, site name and author.

Sources in order of trust: ``<meta>`` tags (``article:published_time``, ``og:title``), JSON-LD
(``datePublished``, ``articleSection``), ``<time datetime>`` and ``dc:date`` attributes, and last
the URL path (``/2013/middle_east/8/3/``), which dates most archive pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import msgspec
from selectolax.lexbor import LexborHTMLParser, LexborNode

from khabar.records import Published
from khabar.structure.html_hints import hints

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_URL_DATES = (
    # /2024/08/16/ or /2013/middle_east/8/3/ (one path segment between year and month)
    re.compile(r"/((?:19|20)\d{2})/(?:[a-z_\-]+/)?(\d{1,2})/(\d{1,2})(?:/|$)", re.I),
    re.compile(r"[/_-]((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?:[/_.-]|$)"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/"),
)
_SPACES = re.compile(r"\s*[\n\r\t\u00a0]\s*")


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    published: Published | None = None
    section: str | None = None
    site: str | None = None
    authors: list[str] | None = None


def page_meta(tree: LexborHTMLParser, url: str | None) -> PageMeta:
    """Everything the page says about itself outside its visible text."""
    metas = _meta_index(tree)
    json_ld = _json_ld(tree)
    meta = PageMeta()
    meta.title = _first(metas, "title_meta") or _first_ld(json_ld, "headline")
    meta.section = _first(metas, "section_meta") or _first_ld(json_ld, "articleSection")
    meta.site = _first(metas, "site_meta")
    author = _first(metas, "author_meta") or _ld_author(json_ld)
    meta.authors = [author] if author and not author.startswith("http") else None
    meta.published = _published(tree, metas, json_ld, url)
    return meta


def document_title(tree: LexborHTMLParser) -> str | None:
    """The ``<title>``, without the site name a separator appends (« - CNNArabic.com»)."""
    node = tree.css_first("title")
    if node is None:
        return None
    title = clean_inline(node.text())
    for separator in hints()["title_separators"]:
        if separator in title:
            title = title.rsplit(separator, 1)[0].strip()
            break
    return title or None


def clean_inline(text: str) -> str:
    """Line breaks and no-break spaces to one space; the text's own spacing is otherwise kept."""
    return _SPACES.sub(" ", text).strip()


def iso_date(value: str | None) -> str | None:
    """``2019-02-08T00:00:00+01:00`` → ``2019-02-08``; None when no valid date starts the value."""
    if not value:
        return None
    match = _ISO.search(value)
    if not match:
        return None
    return _valid(*match.groups())


def url_date(url: str | None) -> str | None:
    """``http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html`` → ``2013-08-03``."""
    if not url:
        return None
    for pattern in _URL_DATES:
        match = pattern.search(url)
        if match:
            date = _valid(*match.groups())
            if date:
                return date
    return None


def _valid(year: str, month: str, day: str) -> str | None:
    y, m, d = int(year), int(month), int(day)
    if 1900 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _meta_index(tree: LexborHTMLParser) -> dict[tuple[str, str], str]:
    index: dict[tuple[str, str], str] = {}
    for node in tree.css("meta[content]"):
        attributes = node.attributes
        content = attributes.get("content")
        if not content or not content.strip():
            continue
        for key in ("property", "name", "itemprop"):
            value = attributes.get(key)
            if value:
                index.setdefault((key, value.lower()), content.strip())
    return index


def _first(metas: dict[tuple[str, str], str], table: str) -> str | None:
    for key, value in hints()[table]:
        found = metas.get((key, value.lower()))
        if found:
            return clean_inline(found)
    return None


def _json_ld(tree: LexborHTMLParser) -> list[dict]:
    """Objects of every JSON-LD script, ``@graph`` flattened; broken JSON is passed over."""
    objects: list[dict] = []
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            value = msgspec.json.decode(node.text().strip().encode("utf-8", "surrogatepass"))
        except (msgspec.DecodeError, UnicodeError):
            continue
        stack = value if isinstance(value, list) else [value]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return objects


def _first_ld(objects: list[dict], key: str) -> str | None:
    for item in objects:
        value = item.get(key)
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, str) and value.strip():
            return clean_inline(value)
    return None


def _ld_author(objects: list[dict]) -> str | None:
    for item in objects:
        author = item.get("author")
        if isinstance(author, list) and author:
            author = author[0]
        if isinstance(author, dict):
            author = author.get("name")
        if isinstance(author, str) and author.strip():
            return clean_inline(author)
    return None


def _published(
    tree: LexborHTMLParser, metas: dict[tuple[str, str], str], json_ld: list[dict], url: str | None
) -> Published | None:
    for key, value in hints()["published_meta"]:
        date = iso_date(metas.get((key, value.lower())))
        if date:
            return Published(date=date, how=f"meta {value}")
    date = iso_date(_first_ld(json_ld, "datePublished"))
    if date:
        return Published(date=date, how="json-ld datePublished")
    for node in tree.css(
        "time[datetime], [property='dc:date'][content], [itemprop='datePublished'][content]"
    ):
        date = iso_date(_attribute_date(node))
        if date:
            return Published(date=date, how=f"<{node.tag}> attribute")
    canonical = tree.css_first("link[rel=canonical][href]")
    page_url = url or _first(metas, "url_meta") or (canonical.attributes.get("href") if canonical else None)
    date = url_date(page_url)
    if date:
        return Published(date=date, how="url path")
    return None


def _attribute_date(node: LexborNode) -> str | None:
    return node.attributes.get("datetime") or node.attributes.get("content")
