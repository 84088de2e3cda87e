"""The per-document pipeline: read → structure → understand, for one document at a time.

Engines (the local process pool, Spark) map ``parse_document`` over documents; nothing here knows
how work is distributed. A bad document never raises: it comes back as a ``Page`` with a problem.
"""

from __future__ import annotations

import hashlib
import logging

from khabar.read.decode import arabic_share, decode, has_arabic, looks_like_html
from khabar.records import Document, Page

log = logging.getLogger(__name__)

# Below this share of Arabic letters a page is another language's, and khabar leaves it alone,
# unless it still holds a paragraph's worth of Arabic (an Arabic review quoting English film titles).
MIN_ARABIC_SHARE = 0.3
ENOUGH_ARABIC_LETTERS = 300


def parse(
    data: str | bytes,
    *,
    source: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    kind: str = "auto",
    understand: bool = True,
) -> Page:
    """Structure (and by default understand) one page given as text or bytes.

    >>> page = parse("بوتين يقوم بزيارة لأذربيجان\\n\\nيجري الرئيس الروسي زيارة دولة.")
    >>> page.articles[0].headline
    'بوتين يقوم بزيارة لأذربيجان'
    """
    if kind == "auto":
        kind = "html" if looks_like_html(data) else "text"
    document = Document(source=source or "<input>", data=data, kind=kind, url=url, outlet=outlet)  # type: ignore[arg-type]
    return parse_document(document, understand=understand)


def parse_document(document: Document, *, understand: bool = True) -> Page:
    """One document to one page; every failure is caught and recorded as the page's problem."""
    page = Page(source=document.source, url=document.url, outlet=document.outlet)
    if document.problem:
        page.problem = document.problem
        return page
    try:
        _structure(document, page)
    except Exception as error:  # a parser bug must not cost the batch
        log.debug("structuring failed for %s", document.source, exc_info=True)
        page.articles = []
        page.problem = f"structure-error: {type(error).__name__}: {error}"[:300]
        return page
    if understand and page.articles:
        from khabar.understand import understand as run_understanding

        for article in page.articles:
            try:
                run_understanding(article)
            except Exception as error:
                log.debug("understanding failed for %s", document.source, exc_info=True)
                page.problem = f"understand-error: {type(error).__name__}: {error}"[:300]
    return page


def _structure(document: Document, page: Page) -> None:
    if document.kind == "record":
        from khabar.structure.record import structure_record

        page.content_hash = _hash(repr(sorted((document.fields or {}).items())))
        page.articles = structure_record(document.fields or {}, url=document.url, outlet=document.outlet)
        if not page.articles:
            page.problem = "empty-record"
            return
    else:
        decoded = decode(document.data, declared=document.charset)
        page.encoding = decoded.encoding
        page.content_hash = _hash(decoded.text)
        if decoded.problem:
            page.problem = decoded.problem
            return
        if not has_arabic(decoded.text):
            page.problem = "not-arabic: almost no Arabic letters"
            return
        if document.kind == "html":
            from khabar.structure.html_page import structure_html

            page.articles = structure_html(decoded.text, url=document.url)
        else:
            from khabar.structure.text_page import structure_text

            page.articles = structure_text(decoded.text)
        if not page.articles:
            page.problem = "no-article"
            return
    for article in page.articles:
        article.url = article.url or document.url
        article.outlet = article.outlet or document.outlet
    content = " ".join((a.headline or "") + " " + a.text for a in page.articles)
    share = arabic_share(content)
    if share < MIN_ARABIC_SHARE and not has_arabic(content, ENOUGH_ARABIC_LETTERS):
        page.articles = []
        page.problem = f"not-arabic: {share:.0%} of letters are Arabic"


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
