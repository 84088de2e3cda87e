"""Learned confidence for events and for quotes' speakers: a logistic regression over features of
the extraction and its sentence, trained on hand-judged SaudiNewsNet rows (``bench/train_confidence.py``).

The rules decide what an event or a speaker is; this step only says how likely that reading is to be
right. A speaker under the quote model's threshold is left empty (the quote stays, unattributed):
on judged rows the model separates right speakers from wrong ones well enough (a person merely
named before «وقال», a fragment taken for a name) to buy precision with a little recall. Events
get the model's probability as their confidence but are not cut by it (it separates them too
weakly and would drop real attacks); what removes events is a plainer signal the judged rows
showed: an article with almost no words of public affairs (a job notice, a match, a phone model)
has no political events, whatever its «استقبل» or «دعا» say.

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

from khabar.records import Article, Event, Mention, Quote
from khabar.understand.sentences import fold
from khabar.understand.states import as_state

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
    min_public_share: float = 0.0

    def probability(self, features: dict[str, float]) -> float:
        total = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


@cache
def scorer(kind: str) -> Scorer | None:
    """The trained scorer of ``kind`` («events» or «quotes»), or None when no model is shipped."""
    try:
        raw = resources.files(f"khabar.data.{kind}").joinpath("confidence.json").read_text("utf-8")
    except FileNotFoundError:
        return None
    data = json.loads(raw)
    return Scorer(
        weights=data["weights"],
        bias=data["bias"],
        threshold=data["threshold"],
        min_public_share=data.get("min_public_share", 0.0),
    )


def _words(text: str) -> list[str]:
    return [fold(word) for word in _WORDS.findall(text)]


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return sum(value >= edge for edge in edges)


def _key_type(key: str, types: dict[str, str]) -> str:
    if key.startswith(_LOCAL):
        return key.split(":", 2)[1]
    return types.get(key, "LINKED")


# Words of public affairs (folded): their share of an article's words tells a political or security
# story from a job notice, a match, a product or a recipe, whose «استقبل» and «دعا» are no events.
_PUBLIC_AFFAIRS = frozenset(
    fold(word)
    for word in (
        "وزير الوزير وزارة الوزارة الوزراء رئيس الرئيس رئاسة الحكومة حكومة الدولة دولة الدول البرلمان"
        " مجلس المجلس النواب الشورى سفير السفير السفارة الأمم المتحدة الأمن الجيش القوات قوات الشرطة"
        " الأمير أمير الملك خادم الحرمين ولي العهد المعارضة الحزب حزب الانتخابات الرئاسية السياسية"
        " السياسي سياسي الدبلوماسية الخارجية الداخلية الدفاع العسكرية العسكري الحرب الاحتلال التحالف"
        " الحوثيين الحوثي داعش تنظيم الإرهاب الإرهابية الإرهابي المتمردين المسلحين مسلحين هجوم الهجوم"
        " الاتفاق اتفاق المفاوضات مفاوضات العقوبات القمة الاجتماع المحكمة القضاء الاحتجاجات المتظاهرين"
        " النظام الثورة اللاجئين الحدود الشرعية الانقلاب النووي الرئاسة المنطقة الشعب"
    ).split()
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
    at = text.find(trigger, event.start, event.end) if trigger else -1
    at = event.start if at < 0 else at
    before = _words(text[max(event.start, at - 40) : at])[-3:]
    after = _words(text[at + len(trigger) : min(event.end, at + len(trigger) + 40)])[:3]
    features += [f"before:{word}" for word in before]
    features += [f"after:{word}" for word in after]
    features += [f"word:{word}" for word in set(_words(text[event.start : event.end]))]
    local = [m for m in article.mentions if event.start <= m.start < event.end]
    for role, keys in (("actor", event.actors[:1]), ("recipient", event.recipients[:1])):
        for key in keys:
            place = _party_place(local, key)
            if place is None:
                features.append(f"{role}_side:unseen")
                continue
            side = "before" if place.end <= at else "after"
            distance = at - place.end if side == "before" else place.start - (at + len(trigger))
            features.append(f"{role}_side:{side}")
            features.append(f"{role}_side:{event.type}:{side}")
            features.append(f"{role}_distance:{_bucket(distance, (3, 15, 40))}")
    features.append(f"offset:{_bucket((event.start) / max(1, len(text)), (0.05, 0.25, 0.6))}")
    features.append(f"sentence_words:{_bucket((event.end - event.start) / 6, (12, 25, 50))}")
    features += context.features
    return dict.fromkeys(features, 1.0)


def _party_place(mentions: list[Mention], key: str) -> Mention | None:
    for mention in mentions:
        if mention.text == key or (
            mention.entity and (mention.entity == key or as_state(mention.entity) == key)
        ):
            return mention
    return None


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
    """Set each event's confidence from the model; drop every event of an article with too few words
    of public affairs, and those under the model's threshold (none, as shipped)."""
    model = scorer("events")
    if model is None or not article.events:
        return
    context = context or article_context(article)
    if context.public_share < model.min_public_share:
        article.events = []
        return
    kept = []
    for event in article.events:
        event.confidence = round(model.probability(event_features(article, event, context)), 3)
        if event.confidence >= model.threshold:
            kept.append(event)
    article.events = kept


def score_speakers(article: Article, context: ArticleContext | None = None) -> None:
    """Leave a quote's speaker empty when the model doubts it; the quote itself stays."""
    model = scorer("quotes")
    if model is None or not article.quotes:
        return
    context = context or article_context(article)
    for quote in article.quotes:
        if quote.speaker_text is None:
            continue
        if model.probability(quote_features(article, quote, context)) < model.threshold:
            quote.speaker = quote.speaker_text = None
            quote.speaker_start = quote.speaker_end = None
