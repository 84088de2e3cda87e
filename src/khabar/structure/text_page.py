"""Plain-text dumps of news pages to articles.

A crawler's text dump of an Arabic news page reads, line by line (Asharq Al-Awsat, for one):

    headline / subtitle / caption ×2 / «TT» / headline again / caption ×2 / body … /
    «مقالات ذات صلة» / teasers (title, section + caption, title, summary, byline) … /
    the next article's headline / caption ×2 / «TT» / …

An article starts where a headline is printed twice around its captions; without that pattern the
page is one article whose first line is its headline. Each line is classified once (caption, byline,
boilerplate, related-block header, text) and the article is assembled from the classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from khabar.records import Article, Byline, Caption, Teaser, blocks_from_texts
from khabar.structure.bylines import byline_line
from khabar.structure.captions import caption_key, parse_caption
from khabar.structure.cues import (
    cues,
    ends_with_terminal_punctuation,
    is_boilerplate,
    is_related_header,
    sections_by_length,
)
from khabar.understand.published import caption_date, infer_published

LineKind = Literal["text", "caption", "byline", "boilerplate", "related"]

# How far ahead (in non-blank lines) a repeated headline is looked for.
_REPEAT_WINDOW = 12


@dataclass(slots=True)
class Line:
    text: str
    kind: LineKind
    caption: Caption | None = None
    byline: Byline | None = None


def classify(text: str) -> Line:
    """One non-blank line of a page, with the class the structurer gives it."""
    if is_related_header(text):
        return Line(text, "related")
    if is_boilerplate(text):
        return Line(text, "boilerplate")
    caption = parse_caption(text)
    if caption is not None:
        return Line(text, "caption", caption=caption)
    byline = byline_line(text)
    if byline is not None:
        return Line(text, "byline", byline=byline)
    return Line(text, "text")


def structure_text(text: str) -> list[Article]:
    """All articles of a text page, in page order.

    >>> [a.headline for a in structure_text("عنوان الخبر\\n\\nفقرة أولى من الخبر.")]
    ['عنوان الخبر']
    """
    classified: dict[str, Line] = {}  # pages print captions twice; classify each distinct line once
    lines = []
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            line = classified.get(stripped)
            if line is None:
                line = classified[stripped] = classify(stripped)
            lines.append(line)
    if not lines:
        return []
    starts = _article_starts(lines)
    if not starts:
        article = _single_article(lines)
        return [article] if article else []
    articles = []
    for number, (start, repeat) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        articles.append(_repeated_headline_article(lines, start, repeat, end))
    return articles


def _article_starts(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """(headline, repeat) line pairs: a headline printed again after its captions or a «TT» line.

    A doubled caption or boilerplate between the two copies is required, which keeps a teaser (its
    title printed on both sides of a single caption) from passing for an article.
    """
    starts: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.kind == "text" and len(line.text.split()) <= cues()["subtitle_max_words"]:
            repeat = _find_repeat(lines, index)
            if repeat is not None:
                starts.append((index, repeat))
                index = repeat + 1
                continue
        index += 1
    return starts


def _find_repeat(lines: Sequence[Line], index: int) -> int | None:
    headline = lines[index].text
    seen_captions: set[tuple[str, str | None]] = set()
    doubled_or_boilerplate = False
    for ahead in range(index + 1, min(len(lines), index + 1 + _REPEAT_WINDOW)):
        line = lines[ahead]
        if line.text == headline:
            return ahead if doubled_or_boilerplate else None
        if line.kind == "boilerplate":
            doubled_or_boilerplate = True
        elif line.kind == "caption" and line.caption is not None:
            key = caption_key(line.caption)
            doubled_or_boilerplate |= key in seen_captions
            seen_captions.add(key)
        elif line.kind in ("related", "byline"):
            return None
    return None


def _repeated_headline_article(lines: Sequence[Line], start: int, repeat: int, end: int) -> Article:
    article = Article(headline=lines[start].text)
    header_texts = [line.text for line in lines[start + 1 : repeat] if line.kind == "text"]
    if header_texts:
        article.subtitle = header_texts[0]
    _collect(article, lines[start + 1 : repeat])
    _fill_body(article, lines[repeat + 1 : end])
    return _finish(article)


def _single_article(lines: Sequence[Line]) -> Article | None:
    """A page without the repeated-headline pattern: first text line is the headline."""
    texts = [number for number, line in enumerate(lines) if line.kind == "text"]
    if not texts:
        return None
    first = texts[0]
    article = Article(headline=lines[first].text)
    _collect(article, lines[:first])
    rest = lines[first + 1 :]
    if len(texts) >= 3:
        candidate = lines[texts[1]]
        words = len(candidate.text.split())
        if words <= cues()["subtitle_max_words"] and not candidate.text.rstrip().endswith((".", "…")):
            article.subtitle = candidate.text
            rest = [line for line in rest if line is not candidate]
    _fill_body(article, rest)
    return _finish(article)


def _collect(article: Article, lines: Sequence[Line]) -> None:
    """Captions (each once) and bylines from lines outside the body text."""
    for line in lines:
        if line.kind == "caption" and line.caption is not None:
            _add_caption(article, line.caption)
        elif line.kind == "byline" and line.byline is not None:
            article.bylines.append(line.byline)


def _add_caption(article: Article, caption: Caption) -> None:
    key = caption_key(caption)
    if all(caption_key(seen) != key for seen in article.captions):
        article.captions.append(replace(caption))  # lines are shared between copies; records are not


def _fill_body(article: Article, lines: Sequence[Line]) -> None:
    body: list[str] = []
    for position, line in enumerate(lines):
        if line.kind == "related":
            article.related.extend(parse_teasers(lines[position + 1 :]))
            break
        if line.kind == "text":
            if line.text != article.headline and line.text != article.subtitle:
                body.append(line.text)
        else:
            _collect(article, [line])
    article.blocks = blocks_from_texts([(_block_kind(body, n), text) for n, text in enumerate(body)])


def _block_kind(body: Sequence[str], number: int) -> Literal["paragraph", "subheading"]:
    """A short unpunctuated line between two paragraphs is a subheading: «أرمينيا»."""
    text = body[number]
    if number == 0 or number == len(body) - 1:
        return "paragraph"
    if len(text.split()) > cues()["subheading_max_words"] or ends_with_terminal_punctuation(text):
        return "paragraph"
    following = body[number + 1]
    if len(following.split()) <= cues()["subheading_max_words"] and not ends_with_terminal_punctuation(
        following
    ):
        return "paragraph"
    return "subheading"


def parse_teasers(lines: Sequence[Line]) -> list[Teaser]:
    """Teasers of a related-articles block; each closes with its byline.

    Within a teaser the caption carries the section as its first words («أوروبا الرئيس الروسي …
    (أ.ف.ب)»), and the title may be printed before the caption as well as after it.
    """
    groups: list[list[Line]] = [[]]
    for line in lines:
        if line.kind == "boilerplate":
            continue
        groups[-1].append(line)
        if line.kind == "byline":
            groups.append([])
    teasers = [teaser for teaser in (_teaser(group) for group in groups) if teaser is not None]
    _assign_sections(teasers)
    return teasers


def _teaser(group: Sequence[Line]) -> Teaser | None:
    caption = next((replace(line.caption) for line in group if line.caption is not None), None)
    byline = next((line.byline for line in group if line.byline is not None), None)
    caption_at = next((n for n, line in enumerate(group) if line.kind == "caption"), None)
    texts_before = [line.text for line in group[: caption_at or 0] if line.kind == "text"]
    texts_after = [
        line.text
        for line in group[(caption_at + 1 if caption_at is not None else 0) :]
        if line.kind == "text"
    ]
    texts = texts_after or texts_before
    if texts_after and texts_before and texts_before[-1] != texts_after[0]:
        texts = texts_before + texts_after
    if not texts:
        return None
    summary = " ".join(texts[1:]) or None
    return Teaser(title=texts[0], summary=summary, caption=caption, byline=byline)


def _assign_sections(teasers: list[Teaser]) -> None:
    """Move the section name off the front of each teaser caption."""
    captions = [t.caption for t in teasers if t.caption is not None]
    shared_first_word = None
    first_words = {c.text.split()[0] for c in captions if c.text.split()}
    if len(captions) >= 2 and len(first_words) == 1:
        shared_first_word = first_words.pop()
    for teaser in teasers:
        caption = teaser.caption
        if caption is None:
            continue
        section = next((s for s in sections_by_length() if caption.text.startswith(s + " ")), None)
        section = section or shared_first_word
        if section and caption.text.startswith(section + " "):
            teaser.section = section
            caption.text = caption.text[len(section) :].strip()


def _finish(article: Article) -> Article:
    for caption in article.captions:
        caption.date = caption_date(caption.text)
    for teaser in article.related:
        if teaser.caption is not None:
            teaser.caption.date = caption_date(teaser.caption.text)
    article.published = infer_published(article)
    return article
