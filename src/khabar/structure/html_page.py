"""HTML news pages → articles: main content, headings, captions with credits, bylines and
datelines, section, publication date, related-article teasers kept apart, several articles apart.

Parser: selectolax on lexbor. lexbor is a spec-compliant HTML5 parser in C (broken markup is
repaired as browsers do) and parses several times faster than lxml; CSS selectors cover every
lookup here, so lxml's XPath is not needed. The page is reduced to lines (``html_lines``) and the
text structurer's line classes (captions, bylines, boilerplate, «مقالات ذات صلة» blocks) and
teaser parser do the rest, so HTML and text dumps give the same articles.

Steps: metadata → drop scripts/forms → cut related-article blocks out (teasers) → drop boilerplate
(nav, footer, comments, weather, share) → one container per ``<article>`` or the densest paragraph
container → captions, bylines, subtitle out of it → body lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from khabar.records import Article, Byline, Caption, Published, Teaser, blocks_from_texts
from khabar.structure.agencies import normalize_agency
from khabar.structure.bylines import parse_byline
from khabar.structure.captions import caption_key, parse_caption
from khabar.structure.cues import is_related_header, sections_by_length
from khabar.structure.html_hints import has_hint, hints, tag_set
from khabar.structure.html_lines import HtmlLine, html_lines
from khabar.structure.html_meta import PageMeta, clean_inline, document_title, page_meta
from khabar.structure.text_page import classify, parse_teasers

# «دمشق، سوريا (CNN) -- …»: a wire-style dateline opening the first paragraph.
_DATELINE = re.compile(r"^(?P<place>[^()\n.:]{2,40}?)\s*\((?P<credit>[^()]{2,30})\)\s*(?:--|—|–|-|:)\s*")
_SPACES = re.compile(r"\s+")
_INVISIBLE = " \ufeff\u200b\u200c\u200d\u200e\u200f\u00a0"
_MAX_BYLINE_WORDS = 12
_MAX_SUBTITLE_WORDS = 40


@dataclass(slots=True)
class _RelatedBlock:
    teasers: list[Teaser]
    article_id: int | None  # mem_id of the <article> holding the block, if any


@dataclass(slots=True)
class _Container:
    node: LexborNode
    related: list[Teaser] = field(default_factory=list)


def structure_html(html: str, url: str | None = None) -> list[Article]:
    """All articles of an HTML page, in page order; an empty list when it holds no article text.

    >>> [article] = structure_html("<html><body><article><h1>قمة في باكو</h1>"
    ...     "<p>يصل الرئيس الروسي إلى باكو اليوم في زيارة دولة تستمر يومين ويلتقي خلالها نظيره.</p>"
    ...     "<p>وتتناول المحادثات التعاون في مجالات الطاقة والنقل والأمن الإقليمي.</p></article></body></html>")
    >>> article.headline, len(article.paragraphs)
    ('قمة في باكو', 2)
    """
    if not html or not html.strip():
        return []
    tree = LexborHTMLParser(html)
    body = tree.body
    if body is None:
        return []
    meta = page_meta(tree, url)
    h1_texts = [clean_inline(node.text()) for node in body.css("h1")]
    _drop_tags(body)
    related = _cut_related(body)
    _drop_boilerplate(body)
    containers = _containers(body)
    for block in related:
        owner = next(
            (c for c in containers if c.node.mem_id == block.article_id),
            containers[0] if containers else None,
        )
        if owner is not None:
            owner.related.extend(block.teasers)
    articles: list[Article] = []
    for number, container in enumerate(containers):
        article = _article(
            container, meta, h1_texts if len(containers) == 1 else [], first=number == 0, tree=tree
        )
        if article is not None:
            articles.append(article)
    return articles


def _drop_tags(body: LexborNode) -> None:
    for tag in hints()["drop_tags"]:
        for node in body.css(tag):
            node.decompose()


def _cut_related(body: LexborNode) -> list[_RelatedBlock]:
    """Related-article blocks (by class/id hint or by a «مقالات ذات صلة» header) → teasers; the
    blocks are removed so no teaser text reaches a body."""
    blocks: list[_RelatedBlock] = []
    candidates = [
        node for node in body.css("section, div, aside, ul, ol, footer") if has_hint(node, "related_hints")
    ]
    for header in body.css("h2, h3, h4, h5, h6, header, strong, span, div, p"):
        if len(header.text()) < 40 and is_related_header(header.text()):
            parent = header.parent
            if (
                parent is not None
                and parent.tag not in ("article", "body", "main")
                and len(parent.text()) < 4000
            ):
                candidates.append(parent)
    cut: set[int] = set()
    for node in candidates:
        if node.mem_id in cut or _inside(node, cut):
            continue
        owner = _enclosing_article(node)
        blocks.append(_RelatedBlock(_teasers(node), owner))
        cut.add(node.mem_id)
    for node in [n for n in candidates if n.mem_id in cut]:
        node.decompose()
    return blocks


def _inside(node: LexborNode, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def _enclosing_article(node: LexborNode) -> int | None:
    parent = node.parent
    while parent is not None:
        if parent.tag == "article":
            return parent.mem_id
        parent = parent.parent
    return None


def _teasers(block: LexborNode) -> list[Teaser]:
    """One teaser per item (``<article>``/``<li>`` or child element), through the text structurer's
    teaser parser; a section label in its own element becomes the teaser's section."""
    items = [node for node in block.css("article, li") if not _has_item_ancestor(node, block)]
    if not items:
        items = [child for child in block.iter() if child.tag not in ("h2", "h3", "h4", "header")]
    teasers: list[Teaser] = []
    for item in items:
        sections = [clean_inline(node.text()) for node in item.css("*") if has_hint(node, "section_hints")]
        lines = [line.text for line in html_lines(item) if not is_related_header(line.text)]
        section = next((s for s in sections if s and len(s.split()) <= 4), None)
        if section is None and lines and lines[0] in sections_by_length():
            section = lines[0]
        lines = [line for line in lines if line != section]
        found = parse_teasers([classify(line) for line in lines])
        for teaser in found:
            teaser.section = teaser.section or section
        teasers.extend(found)
    return teasers


def _has_item_ancestor(node: LexborNode, block: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != block.mem_id:
        if parent.tag in ("article", "li"):
            return True
        parent = parent.parent
    return False


def _drop_boilerplate(body: LexborNode) -> None:
    """Nav, footer, comments, weather and share widgets — unless the element holds most of the
    page's paragraph text (a wrapper named «page-with-sidebar» is not boilerplate)."""
    total = _paragraph_chars(body)
    boilerplate_tags = tag_set("boilerplate_tags")
    keep_words = hints()["keep_despite_hints"]
    doomed = []
    for node in body.css("*"):
        tag = node.tag
        if tag in ("article", "main", "h1"):
            continue
        if tag in boilerplate_tags or has_hint(node, "boilerplate_hints"):
            names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}".lower()
            if any(word in names for word in keep_words):
                continue
            if total and _paragraph_chars(node) > total / 2:
                continue
            doomed.append(node)
    ids: set[int] = set()
    for node in doomed:
        if not _inside(node, ids):
            ids.add(node.mem_id)
    for node in doomed:
        if node.mem_id in ids:
            node.decompose()


def _paragraph_chars(node: LexborNode) -> int:
    return sum(len(p.text()) for p in node.css("p"))


def _containers(body: LexborNode) -> list[_Container]:
    """Each top-level ``<article>`` with enough text is an article; otherwise the element that
    holds the most paragraph text (its paragraphs' parent, half-counted for the grandparent)."""
    minimum = hints()["min_article_chars"]
    articles = [
        node
        for node in body.css("article")
        if _enclosing_article(node) is None and len(_SPACES.sub(" ", node.text())) >= minimum
    ]
    if articles:
        return [_Container(node) for node in articles]
    scores: dict[int, tuple[float, LexborNode]] = {}
    for paragraph in body.css("p, pre, blockquote, td"):
        length = len(paragraph.text().strip())
        if length < 25:
            continue
        parent = paragraph.parent
        weight = 1.0
        while parent is not None and weight >= 0.25:
            score, _ = scores.get(parent.mem_id, (0.0, parent))
            scores[parent.mem_id] = (score + length * weight, parent)
            parent = parent.parent
            weight /= 2
    if not scores:
        return [_Container(body)] if len(body.text().strip()) >= minimum else []
    best = max(scores.values(), key=lambda item: item[0])[1]
    return [_Container(best)]


def _article(
    container: _Container, meta: PageMeta, h1_texts: list[str], *, first: bool, tree: LexborHTMLParser
) -> Article | None:
    node = container.node
    article = Article(related=container.related, section=meta.section, outlet=meta.site)
    article.headline = _headline(node, meta, h1_texts, first=first, tree=tree)
    article.captions = _captions(node)
    article.bylines = _bylines(node)
    article.subtitle = _subtitle(node)
    if article.section is None:
        article.section = _section(node)
    if first and meta.published is not None:
        article.published = meta.published
    else:
        article.published = _own_published(node) or (meta.published or Published())
    _fill_body(article, html_lines(node))
    if not article.bylines and first and meta.authors:
        article.bylines = parse_byline(meta.authors[0])
    if not article.blocks and not article.headline:
        return None
    if not article.blocks and not article.captions:
        return None
    return article


def _headline(
    node: LexborNode, meta: PageMeta, h1_texts: list[str], *, first: bool, tree: LexborHTMLParser
) -> str | None:
    own = node.css_first("h1") or (node.css_first("h2, h3") if node.tag == "article" else None)
    titles = [t for t in (meta.title, document_title(tree)) if t] if first else []
    keys = {_key(t) for t in titles}
    for text in h1_texts:
        if _key(text) in keys:
            return text
    if own is not None:
        text = clean_inline(own.text())
        own.decompose()
        if text:
            return text
    return titles[0] if titles else None


def _key(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _captions(node: LexborNode) -> list[Caption]:
    captions: list[Caption] = []
    for caption_node in node.css("figcaption, [class*=caption], [class*=Caption]"):
        if caption_node.parent is None:
            continue
        text = _SPACES.sub(" ", caption_node.text(separator=" ")).strip()
        caption_node.decompose()
        if not text:
            continue
        caption = parse_caption(text) or Caption(text=text)
        if all(caption_key(seen) != caption_key(caption) for seen in captions):
            captions.append(caption)
    return captions


def _bylines(node: LexborNode) -> list[Byline]:
    bylines: list[Byline] = []
    for byline_node in node.css("*"):
        if byline_node.tag in ("article", "p") or not has_hint(byline_node, "byline_hints"):
            continue
        text = _SPACES.sub(" ", byline_node.text(separator=" ")).strip()
        if not text or len(text.split()) > _MAX_BYLINE_WORDS:
            continue
        byline_node.decompose()
        for byline in parse_byline(text):
            if byline not in bylines:
                bylines.append(byline)
    return bylines


def _subtitle(node: LexborNode) -> str | None:
    for subtitle_node in node.css("*"):
        if has_hint(subtitle_node, "subtitle_hints"):
            text = _SPACES.sub(" ", subtitle_node.text()).strip()
            if text and len(text.split()) <= _MAX_SUBTITLE_WORDS:
                subtitle_node.decompose()
                return text
    return None


def _section(node: LexborNode) -> str | None:
    for section_node in node.css("*"):
        if has_hint(section_node, "section_hints"):
            text = _SPACES.sub(" ", section_node.text()).strip()
            if text and len(text.split()) <= 4:
                section_node.decompose()
                return text
    return None


def _own_published(node: LexborNode) -> Published | None:
    from khabar.structure.html_meta import iso_date

    for time_node in node.css("time[datetime]"):
        date = iso_date(time_node.attributes.get("datetime"))
        if date:
            return Published(date=date, how="<time> attribute")
    return None


def _fill_body(article: Article, lines: list[HtmlLine]) -> None:
    """Lines through the text structurer's classes: captions and bylines out, boilerplate dropped,
    a «مقالات ذات صلة» header ends the body and its lines become teasers."""
    heading_tags = tag_set("heading_tags")
    skip = {_key(t) for t in (article.headline, article.subtitle) if t}
    items: list[tuple[str, str]] = []
    for position, line in enumerate(lines):
        if _key(line.text) in skip:
            continue
        if line.link_density > 0.6 and len(line.text) < 120:
            continue  # menus, tag lists, "read more" links
        if _is_site_notice(line.text):
            continue
        classified = classify(line.text)
        if classified.kind == "related":
            article.related.extend(parse_teasers([classify(rest.text) for rest in lines[position + 1 :]]))
            break
        if classified.kind == "boilerplate":
            continue
        if classified.kind == "caption" and classified.caption is not None:
            if all(caption_key(seen) != caption_key(classified.caption) for seen in article.captions):
                article.captions.append(classified.caption)
            continue
        if classified.kind == "byline" and classified.byline is not None and not items:
            article.bylines.append(classified.byline)
            continue
        kind = "subheading" if line.tag in heading_tags and len(line.text.split()) <= 15 else "paragraph"
        items.append((kind, line.text))
    if items:
        items[0] = (items[0][0], _take_dateline(article, items[0][1]))
        if not items[0][1]:
            items.pop(0)
    while items and items[-1][0] == "subheading":
        items.pop()
    article.blocks = blocks_from_texts(items)


def _is_site_notice(text: str) -> bool:
    """Comment policies and copyright notices: «الآراء الواردة أدناه لا تعبر عن رأي الموقع»."""
    if not text.strip(_INVISIBLE):
        return True
    if len(text.split()) > hints()["boilerplate_phrase_max_words"]:
        return False
    return any(phrase in text for phrase in hints()["boilerplate_phrases"])


def _take_dateline(article: Article, text: str) -> str:
    """«دمشق، سوريا (CNN) -- أكدت …» → byline (CNN, دمشق، سوريا), text from «أكدت»."""
    match = _DATELINE.match(text)
    if not match or normalize_agency(match["credit"]) is None:
        return text
    byline = Byline(author=match["credit"].strip(), dateline=match["place"].strip(" ،,"))
    if byline not in article.bylines:
        article.bylines.append(byline)
    return text[match.end() :].strip()
