"""Arabic full-text search over the store: FTS5 with BM25 over search tokens, snippets cut from
the original text.

The index holds ``khabar.understand.normalize.search_tokens`` of each article (spelling folded,
article and conjunction clitics stripped), and a query goes through the same function, so «احمد»
finds «أحمد» and «القاهرة» finds «والقاهرة». Snippets are cut from ``articles.text`` as written,
with the matching words marked — never from the normalized index.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from khabar.understand.normalize import search_tokens

# Headline matches weigh more than body matches.
HEADLINE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
SNIPPET_WORDS = 30
_WORD = re.compile(r"[\w\u0600-\u06ff]+")


@dataclass(slots=True)
class SearchHit:
    """One ranked article; ``marks`` are ``[start, end)`` spans of matched words in ``snippet``
    (and ``headline_marks`` in ``headline``); ``score`` is BM25, lower is better as in SQLite."""

    id: int
    score: float
    headline: str | None
    outlet: str | None
    published: str | None
    url: str | None
    snippet: str
    marks: list[tuple[int, int]] = field(default_factory=list)
    headline_marks: list[tuple[int, int]] = field(default_factory=list)

    def marked_snippet(self, open_mark: str = "<mark>", close_mark: str = "</mark>") -> str:
        return mark_text(self.snippet, self.marks, open_mark, close_mark)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": round(self.score, 4),
            "headline": self.headline,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "snippet": self.snippet,
            "marks": [list(span) for span in self.marks],
            "headline_marks": [list(span) for span in self.headline_marks],
            "snippet_marked": self.marked_snippet(),
        }


def query_terms(query: str) -> list[str]:
    """The search tokens of a query, each once, in order: «والقاهرة احمد» → [قاهره, احمد]."""
    terms: list[str] = []
    for token in search_tokens(query or ""):
        if token not in terms:
            terms.append(token)
    return terms


def match_expression(terms: list[str]) -> str:
    """An FTS5 MATCH string requiring every term, each quoted so no word acts as an operator."""
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)


def search(
    connection: sqlite3.Connection,
    query: str,
    *,
    limit: int = 10,
    offset: int = 0,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    entity: str | None = None,
) -> list[SearchHit]:
    """Articles matching every word of ``query``, best first; filters narrow by outlet, publication
    date (ISO, inclusive) and entity (its key, Wikidata QID or name). An empty query finds nothing."""
    terms = query_terms(query)
    if not terms:
        return []
    params: list[Any] = [match_expression(terms)]
    if not (outlet or date_from or date_to or entity):
        # Without filters the ranking needs the index alone; joining every match to ``articles``
        # before the LIMIT costs 3x on a common word over 100,000 articles.
        sql = [
            f"SELECT rowid, bm25(articles_fts, {HEADLINE_WEIGHT}, {BODY_WEIGHT}) AS score",
            "FROM articles_fts WHERE articles_fts MATCH ? ORDER BY score, rowid LIMIT ? OFFSET ?",
        ]
        params.extend([max(0, limit), max(0, offset)])
        return _hits(connection, sql, params, terms)
    sql = [
        f"SELECT a.id, bm25(articles_fts, {HEADLINE_WEIGHT}, {BODY_WEIGHT}) AS score",
        "FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid",
        "WHERE articles_fts MATCH ?",
    ]
    clauses, values = filter_clauses("a.", outlet=outlet, date_from=date_from, date_to=date_to, entity=entity)
    sql.extend(clauses)
    params.extend(values)
    sql.append("ORDER BY score, a.id LIMIT ? OFFSET ?")
    params.extend([max(0, limit), max(0, offset)])
    return _hits(connection, sql, params, terms)


def filter_clauses(
    prefix: str,
    *,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    entity: str | None = None,
) -> tuple[list[str], list[Any]]:
    """``AND …`` clauses and their parameters for the filters shared by search and browsing;
    ``prefix`` is the articles table's alias («a.») or empty."""
    clauses: list[str] = []
    params: list[Any] = []
    if outlet:
        clauses.append(f"AND {prefix}outlet = ?")
        params.append(outlet)
    if date_from:
        clauses.append(f"AND {prefix}published >= ?")
        params.append(date_from)
    if date_to:
        clauses.append(f"AND {prefix}published <= ?")
        params.append(date_to)
    if entity:
        clauses.append(
            f"AND {prefix}id IN (SELECT article_id FROM entities WHERE key = ? OR wikidata = ? OR name = ?)"
        )
        params.extend([entity, entity, entity])
    return clauses, params


def _hits(
    connection: sqlite3.Connection, sql: list[str], params: list[Any], terms: list[str]
) -> list[SearchHit]:
    """Run the ranking query, then fetch and snippet the few articles it returns."""
    try:
        ranked = connection.execute(" ".join(sql), params).fetchall()
    except sqlite3.OperationalError:  # a query FTS5 cannot parse finds nothing rather than failing
        return []
    wanted = set(terms)
    hits: list[SearchHit] = []
    for article_id, score in ranked:
        headline, outlet_name, published, url, text = connection.execute(
            "SELECT headline, outlet, published, url, text FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        snippet, marks = make_snippet(text or "", wanted)
        hits.append(
            SearchHit(
                id=article_id,
                score=float(score),
                headline=headline,
                outlet=outlet_name,
                published=published,
                url=url,
                snippet=snippet,
                marks=marks,
                headline_marks=matched_spans(headline or "", wanted),
            )
        )
    return hits


@lru_cache(maxsize=65536)
def _word_terms(word: str) -> frozenset[str]:
    return frozenset(search_tokens(word))


def matched_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` whose search tokens include a query term."""
    return [
        (match.start(), match.end()) for match in _WORD.finditer(text) if _word_terms(match.group()) & terms
    ]


def make_snippet(text: str, terms: set[str], words: int = SNIPPET_WORDS) -> tuple[str, list[tuple[int, int]]]:
    """A window of about ``words`` words of the original text around the densest run of matches,
    with the spans of the matched words inside the window."""
    tokens = [(match.start(), match.end()) for match in _WORD.finditer(text)]
    if not tokens:
        return "", []
    hit_indexes = [i for i, (start, end) in enumerate(tokens) if _word_terms(text[start:end]) & terms]
    first = 0
    if hit_indexes:
        best = -1
        for i in hit_indexes:  # window starting a few words before a match, most distinct terms wins
            begin = max(0, i - 3)
            inside = {_hit_term(text, tokens[j], terms) for j in hit_indexes if begin <= j < begin + words}
            if len(inside) > best:
                best, first = len(inside), begin
    last = min(len(tokens), first + words) - 1
    start, end = tokens[first][0], tokens[last][1]
    if first == 0:
        start = 0
    if last == len(tokens) - 1:
        end = len(text)
    window = text[start:end].replace("\n\n", " ¶ ")
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    marks = []
    for j in hit_indexes:
        if first <= j <= last:
            s, e = tokens[j]
            marks.append(_shift(text, start, s, e, len(prefix)))
    return prefix + window + suffix, marks


def _hit_term(text: str, token: tuple[int, int], terms: set[str]) -> frozenset[str]:
    return _word_terms(text[token[0] : token[1]]) & terms


def _shift(text: str, window_start: int, start: int, end: int, prefix: int) -> tuple[int, int]:
    # Each "\n\n" before the word became " ¶ " (one character longer) in the window.
    grown = text.count("\n\n", window_start, start)
    return (start - window_start + prefix + grown, end - window_start + prefix + grown)


def mark_text(text: str, spans: list[tuple[int, int]], open_mark: str, close_mark: str) -> str:
    """``text`` with each span wrapped in the marks."""
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        pieces.append(text[cursor:start])
        pieces.append(open_mark + text[start:end] + close_mark)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
