"""The entities step: names in ``Article.text`` as mentions, grouped into canonical entities.

Recognition (CRF + alias table) → linking (Wikidata QID, ISO code, GeoNames ID) → coreference
within the article (surnames join full names, roles join the person they were given to).
Every mention is a span with ``article.text[m.start:m.end] == m.text``.
"""

from __future__ import annotations

import itertools
import logging
from bisect import bisect_left, bisect_right, insort

from khabar.records import Article, Entity, Mention, TemporalExpression
from khabar.understand.ner.aliases import CanonicalEntity, load_aliases
from khabar.understand.ner.coref import local_key, role_before, shorter_forms
from khabar.understand.ner.linking import link
from khabar.understand.ner.recognize import recognize
from khabar.understand.ner.tokens import Token, tokenize
from khabar.understand.normalize import normalize, normalize_word

log = logging.getLogger(__name__)


def annotate(article: Article) -> None:
    """Fill ``article.mentions`` and ``article.entities``; a failure leaves them empty."""
    article.mentions, article.entities = [], []
    text = article.text
    if not text.strip():
        return
    try:
        mentions, entities = find_entities(text)
    except Exception:  # recognition must never cost the article its other annotations
        log.exception("entity recognition failed")
        return
    article.mentions, article.entities = _outside_dates(mentions, entities, article.dates)


def _outside_dates(
    mentions: list[Mention], entities: list[Entity], dates: list[TemporalExpression]
) -> tuple[list[Mention], list[Entity]]:
    """A month name inside a date («أبريل (نيسان) المقبل», «تموز») is not a name: drop it."""
    if not dates:
        return mentions, entities
    ordered = sorted(dates, key=lambda d: d.start)
    starts = [d.start for d in ordered]
    reach = list(itertools.accumulate((d.end for d in ordered), max))  # furthest end so far
    kept = []
    for m in mentions:
        k = bisect_right(starts, m.start)  # the dates starting at or before the mention
        if not (k and reach[k - 1] >= m.end):
            kept.append(m)
    keys = {m.entity for m in kept}
    return kept, [e for e in entities if e.key in keys]


def find_entities(text: str) -> tuple[list[Mention], list[Entity]]:
    tokens = tokenize(text)
    spans = recognize(text, tokens)
    linked: list[CanonicalEntity | None] = []
    for span in spans:
        canonical = link(text[span.start : span.end], span.type)
        linked.append(canonical)
        if canonical is not None:
            span.type = canonical.type
    keys = _keys(text, spans, linked)
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    for span, canonical, key in zip(spans, linked, keys, strict=True):
        surface = text[span.start : span.end]
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = _entity(key, span.type, surface, canonical)
        elif canonical is None and len(surface) > len(entity.name) and not entity.wikidata:
            entity.name = surface  # the fullest spelling names an unlinked entity
        role = None
        if span.type == "PERS":
            found = role_before(tokens, text, span.start)
            if found:
                role = found[1]
                if role not in entity.roles:
                    entity.roles.append(role)
        mentions.append(Mention(span.start, span.end, surface, span.type, key, role))  # type: ignore[arg-type]
    mentions.extend(_role_mentions(text, tokens, mentions, entities))
    mentions.sort(key=lambda m: m.start)
    return mentions, list(entities.values())


def _keys(text: str, spans: list, linked: list[CanonicalEntity | None]) -> list[str]:
    """Entity key per mention: the QID when linked; a person's surname takes its full name's key."""
    names = [normalize(text[s.start : s.end]) for s in spans]
    # Each person's name under each of its shorter endings: «بوتين» finds «فلاديمير بوتين» at once.
    by_ending: dict[tuple[str, ...], list[int]] = {}
    for j, s in enumerate(spans):
        if s.type == "PERS":
            for form in shorter_forms(names[j]):
                by_ending.setdefault(form, []).append(j)
    keys: list[str] = []
    for i, span in enumerate(spans):
        if linked[i] is not None:
            keys.append(linked[i].key)
            continue
        key = local_key(span.type, text[span.start : span.end])
        if span.type == "PERS":
            longer = by_ending.get(tuple(names[i].split()), [])
            if longer:
                j = max(longer, key=lambda j: (linked[j] is not None, len(names[j])))
                key = (
                    linked[j].key
                    if linked[j] is not None
                    else local_key("PERS", text[spans[j].start : spans[j].end])
                )
        keys.append(key)
    return keys


def _entity(key: str, kind: str, surface: str, canonical: CanonicalEntity | None) -> Entity:
    if canonical is None:
        return Entity(key=key, type=kind, name=surface)  # type: ignore[arg-type]
    return Entity(
        key=key,
        type=canonical.type,  # type: ignore[arg-type]
        name=canonical.name,
        name_en=canonical.name_en,
        wikidata=canonical.wikidata,
        iso=canonical.iso,
        geonames=canonical.geonames,
    )


def _role_mentions(
    text: str, tokens: list[Token], mentions: list[Mention], entities: dict[str, Entity]
) -> list[Mention]:
    """A bare role («الرئيس الروسي» with no name after it) as a mention of the one person holding it."""
    holders: dict[tuple[str, ...], set[str]] = {}
    by_role = load_aliases().by_role
    for role, candidates in by_role.items():
        for candidate in candidates:
            if candidate.key in entities:
                holders.setdefault(tuple(role.split()), set()).add(candidate.key)
    for entity in entities.values():
        for role in entity.roles:
            holders.setdefault(tuple(normalize(role).split()), set()).add(entity.key)
    by_first: dict[str, list[tuple[tuple[str, ...], set[str]]]] = {}
    for role, keys in holders.items():
        if len(keys) == 1 and role:
            by_first.setdefault(role[0], []).append((role, keys))
    if not by_first:
        return []
    covered = sorted((m.start, m.end) for m in mentions)
    norms = [normalize_word(t.text) for t in tokens]
    found: list[Mention] = []
    for i, norm in enumerate(norms):
        first = norm if norm in by_first else norm[1:] if norm[:1] in "وفل" and norm[1:] in by_first else None
        if first is None:
            continue
        for role, keys in by_first[first]:
            n = len(role)
            if tuple(norms[i + 1 : i + n]) != role[1:]:
                continue
            start = tokens[i].end - len(first)
            end = tokens[i + n - 1].end
            nxt = tokens[i + n].start if i + n < len(tokens) else None
            if _overlaps(covered, start, end) or _starts_at(covered, nxt):
                continue  # overlaps a name, or is the title right before one
            key = next(iter(keys))
            found.append(Mention(start, end, text[start:end], "PERS", key, text[start:end]))
            insort(covered, (start, end))
    return found


def _overlaps(covered: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) meets one of ``covered`` (sorted, non-overlapping spans)."""
    k = bisect_left(covered, (end,))  # spans starting before ``end``
    return k > 0 and covered[k - 1][1] > start


def _starts_at(covered: list[tuple[int, int]], offset: int | None) -> bool:
    k = bisect_left(covered, (offset,)) if offset is not None else len(covered)
    return k < len(covered) and covered[k][0] == offset
