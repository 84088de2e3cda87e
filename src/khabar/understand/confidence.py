"""Learned confidence for quotes' speakers and for events: logistic regressions over features of the
extraction, its sentence and its article, trained on hand-judged SaudiNewsNet rows
(``bench/train_confidence.py``).

The rules decide what a speaker or an event is; this step says how likely each reading is to be
right and keeps only the ones it trusts. Hand rules had stopped improving precision on fresh samples
and their hand-set confidence did not separate right from wrong; a few hundred judged rows per
question are enough to learn which shapes go wrong.

- A speaker the model doubts is left empty (the quote stays, unattributed): a person merely named
  before «وقال», a fragment taken for a name.
- An event is dropped when its article has almost no words of public affairs (a job notice, a
  match, a phone model), when the event model doubts it is a real political event of its type, or
  when the factuality model doubts its happened/planned/denied/hypothetical.
- A party or a begin date its field model doubts is left empty: the arrested man read as the
  arrester, the place of a meeting read as its counterpart, a date from another clause.

The weights live as data (``data/events/confidence.json``, ``data/quotes/confidence.json``) and are
read with the standard library only: scoring is a dictionary sum, no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khabar.records import Article, Event, Mention, Quote, TemporalExpression
from khabar.understand.sentences import fold
from khabar.understand.states import as_state, with_state_phrases

_WORDS = re.compile(r"[\u0621-\u064a\u0660-\u0669\w]+")
_SENTENCE_END = re.compile(r"[.!؟?](?=\s|$)|\n")
# The alphabetic folders of an article's address («/sports/», «/Economy/News_Detail.aspx»).
_SECTION = re.compile(r"(?<=/)([a-z]{3,})(?=/|_)")
# A name given as «local:PERS:...» is known only from the article; a Wikidata id is linked.
_LOCAL = "local:"


@dataclass(frozen=True, slots=True)
class Scorer:
    """A logistic regression as data: ``weights`` by feature name, ``bias`` and the ``threshold``
    under which a reading is dropped."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        total = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    @classmethod
    def from_json(cls, data: dict) -> Scorer:
        return cls(weights=data["weights"], bias=data["bias"], threshold=data["threshold"])


@dataclass(frozen=True, slots=True)
class EventModels:
    """The event model (a real political event of its type), the factuality model (its happened,
    planned, denied or hypothetical is right), one model per field, and the share of words of
    public affairs under which an article has no events."""

    event: Scorer
    factuality: Scorer
    fields: dict[str, Scorer]
    min_public_share: float


def _read(kind: str) -> dict | None:
    try:
        raw = resources.files(f"khabar.data.{kind}").joinpath("confidence.json").read_text("utf-8")
    except FileNotFoundError:
        return None
    return json.loads(raw)


@cache
def scorer() -> Scorer | None:
    """The trained speaker scorer, or None when no model is shipped."""
    data = _read("quotes")
    return Scorer.from_json(data) if data else None


@cache
def event_models() -> EventModels | None:
    """The trained event and field scorers, or None when no model is shipped."""
    data = _read("events")
    if not data:
        return None
    return EventModels(
        event=Scorer.from_json(data["event"]),
        factuality=Scorer.from_json(data["factuality"]),
        fields={name: Scorer.from_json(model) for name, model in data["fields"].items()},
        min_public_share=data["min_public_share"],
    )


# ``sentences.fold`` without the tatweel it removes (short vowels never occur inside a word here).
_TATWEEL = "\u0640"
_LETTER_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})


def _words(text: str) -> list[str]:
    if _TATWEEL not in text:
        # Then ``fold`` only swaps letters for letters: the short vowels it drops are no word
        # letters (they split words either way) and word edges stay put, so the text is folded
        # at once instead of word by word.
        return _WORDS.findall(text.translate(_LETTER_FOLD))
    return [fold(word) for word in _WORDS.findall(text)]


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return sum(value >= edge for edge in edges)


def _key_type(key: str, types: dict[str, str]) -> str:
    if key.startswith(_LOCAL):
        return key.split(":", 2)[1]
    return types.get(key, "LINKED")


# Words of public affairs (``data/events/public_affairs.json``, folded): their share of an article's
# words tells a political or security story from a job notice, a match, a product or a recipe.
_PUBLIC_AFFAIRS = frozenset(
    fold(word)
    for word in json.loads(
        resources.files("khabar.data.events").joinpath("public_affairs.json").read_text("utf-8")
    )["words"]
)


def public_share(text: str) -> float:
    """Per cent of the words of ``text`` that are words of public affairs."""
    words = _words(text)
    return 100 * sum(1 for word in words if word in _PUBLIC_AFFAIRS) / max(1, len(words))


def _article_features(article: Article, share: float) -> Iterator[str]:
    """What the article is about, roughly: how many names of each type it gives, how long it is."""
    yield f"art:public:{_bucket(share, (0.5, 1, 2, 3, 5))}"
    counts = {"PERS": 0, "LOC": 0, "ORG": 0, "MISC": 0}
    for mention in article.mentions:
        counts[mention.type] = counts.get(mention.type, 0) + 1
    words = max(1, len(article.text) // 6)
    for kind, count in counts.items():
        yield f"art:{kind}:{_bucket(1000 * count / words, (2, 8, 20, 40))}"
    yield f"art:len:{_bucket(words, (100, 250, 500, 1000))}"
    # States and office holders: the article is about public affairs, not a job notice or a match.
    yield f"art:states:{_bucket(sum(1 for e in article.entities if e.iso), (1, 2, 4))}"
    yield f"art:roles:{_bucket(sum(1 for e in article.entities if e.roles), (1, 2, 4))}"
    yield f"art:events:{_bucket(len(article.events), (2, 4, 8))}"
    # Where it was published: an economic daily, a sports or culture section.
    if article.outlet:
        yield f"art:outlet:{article.outlet.lower()}"
    for part in _SECTION.findall((article.url or "").lower())[:3]:
        yield f"art:section:{part}"
    if article.section:
        yield f"art:section:{article.section.lower()}"
    for word in set(_words(article.headline or "")):
        yield f"head:{word}"


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What every reading of one article shares, computed once: entity types and article features."""

    types: dict[str, str]
    features: tuple[str, ...]
    public_share: float


def article_context(article: Article) -> ArticleContext:
    share = public_share(article.text)
    return ArticleContext(
        types={e.key: e.type for e in article.entities},
        features=tuple(_article_features(article, share)),
        public_share=share,
    )


def event_features(article: Article, event: Event, context: ArticleContext | None = None) -> dict[str, float]:
    """Features of one event: its type, trigger and fields, the words of its sentence and of the
    trigger's neighbourhood, and the article's make-up."""
    context = context or article_context(article)
    types = context.types
    text = article.text
    features: list[str] = [
        f"type:{event.type}",
        f"mode:{event.type}:{event.mode or ''}",
        f"fact:{event.factuality}",
        f"fact:{event.type}:{event.factuality}",
        f"actor:{len(event.actors) > 0}",
        f"recipient:{len(event.recipients) > 0}",
        f"begin:{event.begin is not None}",
        f"place:{event.place is not None}",
    ]
    trigger = event.trigger or ""
    trigger_key = fold(trigger.removeprefix("و").removeprefix("ف"))
    features.append(f"trigger:{trigger_key}")
    features += [f"actor_type:{_key_type(key, types)}" for key in event.actors[:1]]
    features += [f"recipient_type:{_key_type(key, types)}" for key in event.recipients[:1]]
    features += [f"actor_linked:{not key.startswith(_LOCAL)}" for key in event.actors[:1]]
    features += [f"recipient_linked:{not key.startswith(_LOCAL)}" for key in event.recipients[:1]]
    at = _trigger_at(text, event)
    before = _words(text[max(event.start, at - 40) : at])[-3:]
    after = _words(text[at + len(trigger) : min(event.end, at + len(trigger) + 40)])[:3]
    features += [f"before:{word}" for word in before]
    features += [f"after:{word}" for word in after]
    features += [f"word:{word}" for word in set(_words(text[event.start : event.end]))]
    local = _sentence_mentions(article, event)
    for role, keys in (("actor", event.actors[:1]), ("recipient", event.recipients[:1])):
        for key in keys:
            place = _party_place(local, key, at)
            if place is None:
                features.append(f"{role}_side:unseen")
                continue
            side, low, high = _against(place.start, place.end, at, len(trigger))
            distance = high - low
            features.append(f"{role}_side:{side}")
            features.append(f"{role}_side:{event.type}:{side}")
            features.append(f"{role}_distance:{_bucket(distance, (3, 15, 40))}")
    features.append(f"offset:{_bucket((event.start) / max(1, len(text)), (0.05, 0.25, 0.6))}")
    features.append(f"sentence_words:{_bucket((event.end - event.start) / 6, (12, 25, 50))}")
    features += context.features
    return dict.fromkeys(features, 1.0)


# The fields of an event that the confidence step may leave empty when it doubts them.
FIELDS = ("actors", "recipients", "begin", "mode")
_PREPOSITION = re.compile(r"(?:^|\s)(في|على|الى|إلى|مع|من|ل|ب|عن|لدى|بين)\s*$")


def field_features(
    article: Article,
    event: Event,
    field: str,
    context: ArticleContext | None = None,
    base: dict[str, float] | None = None,
) -> dict[str, float]:
    """The event's features plus what tells whether one of its fields is right: for a party, the
    words and breaks between it and the trigger, the preposition before it, its length; for the
    begin date, the date expression it came from, how far from the trigger and on which side."""
    context = context or article_context(article)
    # ``base``: the event's own features, when the caller has them already.
    features = dict(base) if base is not None else event_features(article, event, context)
    text = article.text
    trigger = event.trigger or ""
    at = _trigger_at(text, event)
    bare = fold(trigger)
    # «استهدفته», «اتهمتهما»: an object pronoun on the verb, so the name after it is the subject.
    extra: list[str] = [f"f:trigger_end:{bare[-2:]}", f"f:trigger_start:{bare[:1]}"]
    if field in ("actors", "recipients"):
        keys = event.actors if field == "actors" else event.recipients
        local = _sentence_mentions(article, event)
        place = _party_place(local, keys[0], at) if keys else None
        extra.append(f"f:count:{min(len(keys), 2)}")
        if place is not None:
            side, low, high = _against(place.start, place.end, at, len(trigger))
            between = text[low:high]
            extra.append(f"f:comma:{'،' in between or ',' in between}")
            extra.append(
                f"f:names_between:{min(sum(1 for m in local if low <= m.start and m.end <= high), 2)}"
            )
            extra.append(f"f:name_words:{min(len(place.text.split()), 4)}")
            extra.append(f"f:mention_type:{place.type}")
            preposition = _PREPOSITION.search(text, max(0, place.start - 6), place.start)
            extra.append(f"f:preposition:{preposition.group(1) if preposition else ''}")
            extra += [f"f:between:{word}" for word in _words(between)[:3] + _words(between)[-3:]]
            extra += [
                f"f:before_name:{word}" for word in _words(text[max(0, place.start - 25) : place.start])[-2:]
            ]
            extra += [f"f:after_name:{word}" for word in _words(text[place.end : place.end + 25])[:1]]
            extra.append(f"f:side:{side}")
            extra.append(f"f:role:{place.role is not None}")
            extra.append(f"f:state_phrase:{all(place is not m for m in article.mentions)}")
            if keys[0].startswith(_LOCAL):
                extra.append(f"f:local_words:{min(len(keys[0].split(':', 2)[2].split()), 3)}")
    elif field == "begin" and event.begin:
        inside = [d for d in article.dates if event.start <= d.start < event.end]
        extra.append(f"f:dates_in_sentence:{min(len(inside), 3)}")
        found = [d for d in inside if _covers(d, event.begin)]
        if not found:
            extra.append("f:date:outside")
        else:
            date = min(found, key=lambda d: abs(d.start - at))
            side, low, high = _against(date.start, date.end, at, len(trigger))
            extra.append(f"f:date_side:{side}")
            extra.append(f"f:date_distance:{_bucket(high - low, (5, 20, 60, 120))}")
            extra.append(f"f:date_granularity:{date.granularity}")
            extra.append(f"f:date_relative:{date.relative}")
            extra.append(f"f:date_comma:{'،' in text[low:high] or ',' in text[low:high]}")
            extra += [f"f:date_word:{word}" for word in _words(date.text)[:2]]
        published = article.published.date if article.published else None
        if published:
            extra.append(f"f:date_year_gap:{min(abs(int(published[:4]) - int(event.begin[:4])), 3)}")
            extra.append(f"f:date_after_published:{event.begin[:10] > published[:10]}")
    elif field == "mode":
        extra.append(f"f:mode:{event.type}:{event.mode}:{fold(trigger)}")
    features.update(dict.fromkeys(extra, 1.0))
    return features


def _covers(date: TemporalExpression, begin: str) -> bool:
    return (date.begin or date.value or "")[: len(begin)] == begin or (date.value or "").startswith(begin)


def _sentence_mentions(article: Article, event: Event) -> list[Mention]:
    """The mentions of the event's sentence as the events step saw them."""
    inside = [m for m in article.mentions if event.start <= m.start < event.end]
    return with_state_phrases(article.text, inside, event.start, event.end)


def _trigger_at(text: str, event: Event) -> int:
    """Where the event's trigger stands in its sentence (the sentence's start if not found)."""
    at = text.find(event.trigger, event.start, event.end) if event.trigger else -1
    return event.start if at < 0 else at


def _against(start: int, end: int, at: int, length: int) -> tuple[str, int, int]:
    """Which side of the trigger (at ``at``, ``length`` long) the span [start, end) stands on, and
    the gap between them as [low, high)."""
    if end <= at:
        return "before", end, at
    return "after", at + length, start


def _party_place(mentions: list[Mention], key: str, at: int) -> Mention | None:
    """The mention of the party ``key`` nearest to the trigger at ``at``."""
    found = [
        m for m in mentions if m.text == key or (m.entity and (m.entity == key or as_state(m.entity) == key))
    ]
    return min(found, key=lambda m: abs(m.start - at)) if found else None


def quote_features(article: Article, quote: Quote, context: ArticleContext | None = None) -> dict[str, float]:
    """Features of one quote's speaker: how it was found (where the name stands against the verb and
    the quote, what lies between), what it is (linked, its type, its first word) and the verb."""
    context = context or article_context(article)
    types = context.types
    text = article.text
    speaker_text = quote.speaker_text or ""
    speaker_words = _words(speaker_text)
    features: list[str] = [
        f"kind:{quote.kind}",
        f"verb:{fold((quote.verb or '').removeprefix('و'))}",
        f"medium:{quote.medium is not None}",
        f"linked:{quote.speaker is not None and not quote.speaker.startswith(_LOCAL)}",
        f"local:{quote.speaker is not None and quote.speaker.startswith(_LOCAL)}",
        f"speaker_type:{_key_type(quote.speaker, types) if quote.speaker else 'NONE'}",
        f"speaker_words:{min(len(speaker_words), 5)}",
    ]
    if speaker_words:
        features.append(f"first:{speaker_words[0]}")
        features.append(f"last:{speaker_words[-1]}")
        features.append(f"definite:{speaker_words[0].startswith('ال')}")
    start, end = quote.speaker_start, quote.speaker_end
    if start is None or end is None:
        features.append("place:none")
    else:
        if end <= quote.start:
            gap = text[end : quote.start]
            features.append("place:before")
        elif start >= quote.end:
            gap = text[quote.end : start]
            features.append("place:after")
        else:
            gap = ""
            features.append("place:inside")
        features.append(f"gap:{_bucket(len(gap), (5, 20, 60, 150, 400))}")
        breaks = len(_SENTENCE_END.findall(gap))
        features.append(f"breaks:{min(breaks, 3)}")
        features += [f"gap_word:{word}" for word in set(_words(gap[:60])) | set(_words(gap[-60:]))]
        features.append(f"paragraphs:{min(gap.count(chr(10)), 2)}")
        between = [m for m in article.mentions if _between(m, end, quote.start, start, quote.end)]
        features.append(f"names_between:{min(sum(1 for m in between if m.type == 'PERS'), 3)}")
        features.append(f"bodies_between:{min(sum(1 for m in between if m.type == 'ORG'), 3)}")
        # A speaker that is no name the tagger found: a title, a noun phrase, sometimes a fragment.
        named = any(m.start <= start < m.end or start <= m.start < end for m in article.mentions)
        features.append(f"named:{named}")
        before = _words(text[max(0, start - 30) : start])[-2:]
        features += [f"speaker_before:{word}" for word in before]
    features += context.features
    return dict.fromkeys(features, 1.0)


def _between(
    mention: Mention, speaker_end: int, quote_start: int, speaker_start: int, quote_end: int
) -> bool:
    if speaker_end <= quote_start:
        return speaker_end <= mention.start and mention.end <= quote_start
    return quote_end <= mention.start and mention.end <= speaker_start


def annotate(article: Article) -> None:
    """The confidence step: runs after quotes and events, which it reads and trims."""
    if not (article.quotes or article.events):
        return
    context = article_context(article)
    score_speakers(article, context)
    score_events(article, context)


def score_events(article: Article, context: ArticleContext | None = None) -> None:
    """Set each event's confidence (that it is a real political event of its type); drop the events
    of an article with too few words of public affairs and those whose reality or factuality the
    models doubt; leave empty each field its model doubts."""
    models = event_models()
    if models is None or not article.events:
        return
    context = context or article_context(article)
    if context.public_share < models.min_public_share:
        article.events = []
        return
    kept = []
    for event in article.events:
        features = event_features(article, event, context)
        event.confidence = round(models.event.probability(features), 3)
        if event.confidence < models.event.threshold:
            continue
        if models.factuality.probability(features) < models.factuality.threshold:
            continue  # a «happened» that was only announced misleads more than a missing event
        doubted = [
            name
            for name, model in models.fields.items()
            if _filled(event, name)
            and model.probability(field_features(article, event, name, context, features)) < model.threshold
        ]
        for name in doubted:  # decided on the event as the rules made it, then emptied together
            _empty(event, name)
        kept.append(event)
    article.events = kept


def _filled(event: Event, name: str) -> bool:
    return bool(getattr(event, name))


def _empty(event: Event, name: str) -> None:
    if name in ("actors", "recipients"):
        setattr(event, name, [])
    elif name == "begin":
        event.begin = event.end_date = None  # a range whose start is doubted is no range
    else:
        setattr(event, name, None)


def score_speakers(article: Article, context: ArticleContext | None = None) -> None:
    """Leave a quote's speaker empty when the model doubts it; the quote itself stays."""
    model = scorer()
    if model is None or not article.quotes:
        return
    context = context or article_context(article)
    for quote in article.quotes:
        if quote.speaker_text is None:
            continue
        if model.probability(quote_features(article, quote, context)) < model.threshold:
            quote.speaker = quote.speaker_text = None
            quote.speaker_start = quote.speaker_end = None
