"""Stories: group the articles that report the same event, across outlets.

Near-duplicate detection (``near.py``) finds copies of one text; a story is wider: three outlets
writing their own report of one ministerial visit share few 5-grams but the same rare words
(names, places, the object of the visit). So:

1. each article becomes a TF-IDF vector over ``search_tokens`` of its headline (counted twice) and
   lead, stop words removed, plus its linked entity keys when the entities table has them;
2. candidates are pairs published within ``WINDOW_DAYS`` of each other (undated articles are only
   compared with undated ones);
3. pairs with cosine ≥ ``THRESHOLD`` are linked, strongest first, into groups (union-find) — but two
   groups only merge when their average-link similarity stays ≥ ``AVERAGE_LINK`` and their dates span at
   most ``MAX_SPAN_DAYS``, so a chain a~b~c~d of ever-drifting reports does not become one story.

Everything is a pure function of the input set: same articles → same stories, and a story's id is the
smallest article id in it. An article with no partner is in no story.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

import numpy as np
from scipy import sparse

from khabar.understand.normalize import search_tokens

WINDOW_DAYS = 2  # a story's reports appear within two days of each other
THRESHOLD = 0.4  # cosine that links two articles (calibrated on SaudiNewsNet, see bench_stories.py)
AVERAGE_LINK = 0.25  # mean similarity two groups must keep to merge (missing pairs count 0)
MAX_SPAN_DAYS = 4  # first to last report of one story
LEAD_CHARS = 600  # the lead says what happened; later paragraphs drift to background
HEADLINE_WEIGHT = 2
MIN_TERM_CHARS = 2
ENTITY_PREFIX = "@"  # entity keys live in the same vector space as words, never colliding with them


@dataclass(frozen=True, slots=True)
class StoryInput:
    """What clustering needs of one stored article."""

    id: int
    headline: str | None
    text: str
    published: str | None  # ISO date YYYY-MM-DD, or None when undated
    outlet: str | None = None
    entities: tuple[str, ...] = ()


@dataclass(slots=True)
class Story:
    """Articles reporting one story; ``id`` is the smallest article id, ``headline`` the earliest's."""

    id: int
    article_ids: list[int]
    headline: str | None
    first_published: str | None
    last_published: str | None
    size: int
    outlets: int
    members: list[StoryInput] = field(default_factory=list, repr=False)


@cache
def stop_words() -> frozenset[str]:
    """The stop list (``data/stories/stopwords.txt``), normalized like the terms it filters."""
    raw = resources.files("khabar").joinpath("data", "stories", "stopwords.txt").read_text(encoding="utf-8")
    words: set[str] = set()
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            words.update(search_tokens(line))
    return frozenset(words)


def story_terms(headline: str | None, text: str | None, entities: Iterable[str] = ()) -> list[str]:
    """Terms of an article for story matching: «زيارة وزير الخارجية إلى موسكو» → headline terms
    twice, lead terms once, stop words and digits dropped, entity keys as «@Q…» terms."""
    stops = stop_words()

    def keep(tokens: list[str]) -> list[str]:
        return [t for t in tokens if len(t) >= MIN_TERM_CHARS and t not in stops and not t.isdigit()]

    terms = keep(search_tokens(headline or "")) * HEADLINE_WEIGHT
    terms += keep(search_tokens((text or "")[:LEAD_CHARS]))
    terms += [ENTITY_PREFIX + key for key in entities if key]
    return terms


def vectorize(items: Sequence[StoryInput]) -> sparse.csr_matrix:
    """Rows of L2-normalized TF-IDF (sublinear tf, smoothed idf) in input order."""
    vocabulary: dict[str, int] = {}
    rows: list[Counter[int]] = []
    for item in items:
        counts: Counter[int] = Counter()
        for term in story_terms(item.headline, item.text, item.entities):
            counts[vocabulary.setdefault(term, len(vocabulary))] += 1
        rows.append(counts)
    df = np.zeros(len(vocabulary))
    for counts in rows:
        for column in counts:
            df[column] += 1
    idf = np.log((1 + len(items)) / (1 + df)) + 1
    indptr, indices, data = [0], [], []
    for counts in rows:
        columns = sorted(counts)
        weights = np.array([(1 + math.log(counts[c])) * idf[c] for c in columns])
        norm = float(np.linalg.norm(weights)) or 1.0
        indices.extend(columns)
        data.extend((weights / norm).tolist())
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (
            np.array(data, dtype=np.float64),
            np.array(indices, dtype=np.int64),
            np.array(indptr, dtype=np.int64),
        ),
        shape=(len(items), max(1, len(vocabulary))),
    )


def _day(published: str | None) -> int | None:
    try:
        return date.fromisoformat((published or "")[:10]).toordinal()
    except ValueError:
        return None


def similar_pairs(items: Sequence[StoryInput], floor: float) -> list[tuple[float, int, int]]:
    """(cosine, i, j) for every pair of item indexes i < j within the date window with cosine ≥ floor."""
    if len(items) < 2:
        return []
    matrix = vectorize(items)
    days = [_day(item.published) for item in items]
    by_day: dict[int | None, list[int]] = defaultdict(list)
    for index, day in enumerate(days):
        by_day[day].append(index)
    pairs: list[tuple[float, int, int]] = []
    for day, rows in sorted(by_day.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
        # Each pair is seen once: from the earlier day (or, within a day, from the lower index).
        if day is None:
            columns = rows
        else:
            columns = [i for d in range(day, day + WINDOW_DAYS + 1) for i in by_day.get(d, ())]
        block = (matrix[rows] @ matrix[columns].T).tocoo()
        for r, c, value in zip(block.row, block.col, block.data, strict=True):
            i, j = rows[r], columns[c]
            if value >= floor and (days[j] != days[i] or i < j):
                pairs.append((float(value), min(i, j), max(i, j)))
    return pairs


def cluster(items: Sequence[StoryInput], *, threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups (two articles or more) of item indexes, each sorted, ordered by their first index."""
    floor = min(threshold, AVERAGE_LINK)
    pairs = similar_pairs(items, floor)
    neighbours: dict[int, dict[int, float]] = defaultdict(dict)
    for value, i, j in pairs:
        neighbours[i][j] = value
        neighbours[j][i] = value
    parent = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    span: dict[int, tuple[int, int] | None] = {}
    for index, item in enumerate(items):
        day = _day(item.published)
        span[index] = None if day is None else (day, day)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Strongest links first, ties broken by ids: the result never depends on input order of pairs.
    for value, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if value < threshold:
            break
        a, b = find(i), find(j)
        if a == b:
            continue
        small, large = sorted((a, b), key=lambda root: (len(members[root]), root))
        total = sum(
            value for k in members[small] for other, value in neighbours[k].items() if find(other) == large
        )
        if total / (len(members[small]) * len(members[large])) < AVERAGE_LINK:
            continue
        merged_span = _merge_span(span[a], span[b])
        if merged_span is not None and merged_span[1] - merged_span[0] > MAX_SPAN_DAYS:
            continue
        root, child = min(a, b), max(a, b)
        parent[child] = root
        members[root].extend(members.pop(child))
        span[root] = merged_span
    groups = [sorted(group) for group in members.values() if len(group) > 1]
    return sorted(groups, key=lambda group: group[0])


def _merge_span(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def build_stories(items: Sequence[StoryInput], *, threshold: float = THRESHOLD) -> list[Story]:
    """Stories of the input articles, ordered by id (the smallest article id of each)."""
    items = sorted(items, key=lambda item: item.id)  # input order must not change the result
    stories: list[Story] = []
    for group in cluster(items, threshold=threshold):
        chosen = [items[i] for i in group]
        chosen.sort(key=lambda item: item.id)
        dated = sorted((item.published, item.id) for item in chosen if item.published)
        earliest = next(item for item in chosen if item.id == dated[0][1]) if dated else chosen[0]
        stories.append(
            Story(
                id=chosen[0].id,
                article_ids=[item.id for item in chosen],
                headline=earliest.headline,
                first_published=dated[0][0] if dated else None,
                last_published=dated[-1][0] if dated else None,
                size=len(chosen),
                outlets=len({item.outlet for item in chosen if item.outlet}),
                members=chosen,
            )
        )
    return sorted(stories, key=lambda story: story.id)
