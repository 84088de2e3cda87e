"""Annotated text cut into plain pieces for the templates.

Entities, dates and quotes are standoff spans over ``Article.text`` and may nest or overlap (a
mention inside a quote). The body is cut at every span boundary into pieces, each knowing which
spans cover it; the template wraps each piece in its own elements and escapes its text, so no
annotation can ever inject markup and the HTML stays well nested whatever the spans do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.records import Article, Mention, Quote, TemporalExpression


@dataclass(slots=True)
class Piece:
    text: str
    mention: Mention | None = None
    date: TemporalExpression | None = None
    quote: Quote | None = None


@dataclass(slots=True)
class RenderedBlock:
    kind: str
    pieces: list[Piece] = field(default_factory=list)


def _innermost(spans: list, start: int, end: int):  # type: ignore[no-untyped-def]
    """The shortest span covering ``[start, end)``, or None."""
    best = None
    for span in spans:
        if (
            span.start <= start
            and end <= span.end
            and (best is None or span.end - span.start < best.end - best.start)
        ):
            best = span
    return best


def render_blocks(article: Article) -> list[RenderedBlock]:
    """Each body block as pieces of text with the mention, date and quote covering each piece."""
    text = article.text
    size = len(text)
    # Spans outside the text (a stale or hostile row) are dropped, never trusted.
    mentions = [m for m in article.mentions if 0 <= m.start < m.end <= size]
    dates = [d for d in article.dates if 0 <= d.start < d.end <= size]
    quotes = [q for q in article.quotes if 0 <= q.start < q.end <= size]
    rendered: list[RenderedBlock] = []
    for block in article.blocks:
        start, end = max(0, block.start), min(size, block.end)
        cuts = {start, end}
        for span in (*mentions, *dates, *quotes):
            if span.start < end and span.end > start:
                cuts.update(cut for cut in (span.start, span.end) if start < cut < end)
        edges = sorted(cuts)
        pieces = [
            Piece(
                text[a:b],
                mention=_innermost(mentions, a, b),
                date=_innermost(dates, a, b),
                quote=_innermost(quotes, a, b),
            )
            for a, b in zip(edges, edges[1:], strict=False)
            if b > a
        ]
        rendered.append(RenderedBlock(block.kind, pieces))
    return rendered


def mark_pieces(text: str | None, marks: list[tuple[int, int]] | list[list[int]]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_marked) pairs at the given spans, for search snippets."""
    text = text or ""
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in sorted((int(s), int(e)) for s, e in marks):
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], False))
    return pieces
