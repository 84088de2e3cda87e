"""Events in the PLOVER ontology: type and mode, actors and recipients, place, time, factuality.

A trigger from ``data/events/triggers.json`` («زيارة», «هاجم», «دعا») opens an event in its
sentence; the sentence is the evidence span. Participants are read from the article's mentions
around the trigger (so the entity step must run first for them to be linked), the time from the
temporal expressions of the same sentence, and the factuality from cue words
(``data/events/factuality.json``) and from a date later than the publication date (planned).

«يجري الرئيس الروسي فلاديمير بوتين زيارة دولة إلى أذربيجان في 18 و19 أغسطس (آب) الحالي»
→ CONSULT/visit, actor بوتين, recipient أذربيجان, 2024-08-18 to 2024-08-19, planned.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khabar.records import Article, Event, Mention, TemporalExpression
from khabar.understand.sentences import WORD as _WORD
from khabar.understand.sentences import alternation, sentences, whole

# Participants are looked for this many characters around the trigger, inside its sentence.
WINDOW = 90


def _load(name: str) -> dict:
    return json.loads(resources.files("khabar.data.events").joinpath(name).read_text("utf-8"))


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    mode: str | None
    pos: str
    object_after: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    trigger: re.Pattern[str]
    trigger_of: dict[str, Trigger]
    refinements: list[tuple[str, str, re.Pattern[str]]]
    light_verb: re.Pattern[str]
    facing_verb: re.Pattern[str]
    anaphoric: re.Pattern[str]
    recipient_preposition: re.Pattern[str]
    place_preposition: re.Pattern[str]
    own_territory: re.Pattern[str]
    off_topic: re.Pattern[str]
    adjunct_before: re.Pattern[str]
    denied: re.Pattern[str]
    hypothetical: re.Pattern[str]
    planned_before: re.Pattern[str]
    planned_after: re.Pattern[str]


_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
_DIACRITICS = re.compile("[\u064b-\u0652]")


def _key(text: str) -> str:
    return " ".join(_DIACRITICS.sub("", text).translate(_FOLD).split())


@cache
def lexicon() -> Lexicon:
    data = _load("triggers.json")
    cues = _load("factuality.json")
    trigger_of: dict[str, Trigger] = {}
    for entry in data["triggers"]:
        for form in entry["forms"]:
            trigger_of.setdefault(
                _key(form),
                Trigger(entry["type"], entry["mode"], entry["pos"], entry.get("object_after", False)),
            )
    nouns = [form for entry in data["triggers"] if entry["pos"] == "noun" for form in entry["forms"]]
    verbs = [form for entry in data["triggers"] if entry["pos"] == "verb" for form in entry["forms"]]
    # Nouns take the proclitics و ف ب ل and the article; verbs only و ف and the future س.
    trigger = re.compile(
        rf"(?<!{_WORD})(?:[وف]?(?:[بل]|لل)?(?P<article>ال)?(?P<noun>{alternation(nouns)})"
        rf"|[وف]?س?(?P<verb>{alternation(verbs)}))"
        rf"(?P<suffix>ا|اً|ه|ها|هم|هما|ات)?(?!{_WORD})"
    )

    def words(items: list[str]) -> re.Pattern[str]:
        return re.compile(whole(alternation(items)))

    return Lexicon(
        trigger=trigger,
        trigger_of=trigger_of,
        refinements=[(r["type"], r["mode"], words(r["words"])) for r in data["mode_refinements"]],
        light_verb=words(data["light_verbs"]),
        facing_verb=words(data["facing_verbs"]),
        anaphoric=re.compile(rf"(?:{alternation(data['anaphoric'])})\s+$"),
        recipient_preposition=re.compile(rf"(?:{alternation(data['recipient_prepositions'])})\s*$"),
        place_preposition=re.compile(rf"(?:{alternation(data['place_prepositions'])})\s*$"),
        own_territory=words(data["own_territory"]),
        off_topic=words(data["off_topic"]),
        adjunct_before=re.compile(rf"(?<!{_WORD})(?:{alternation(data['adjunct_before'])})\s+$"),
        denied=words(cues["denied_before"]),
        hypothetical=words(cues["hypothetical_before"]),
        planned_before=words(cues["planned_before"]),
        planned_after=words(cues["planned_after"]),
    )


def annotate(article: Article) -> None:
    """Fill ``article.events``; reads ``mentions``, ``dates`` and ``published`` when present."""
    text = article.text
    article.events = []
    if not text:
        return
    lex = lexicon()
    mentions = sorted(article.mentions, key=lambda m: m.start)
    dates = sorted(article.dates, key=lambda d: d.start)
    published = article.published.date if article.published else None
    for start, end in sentences(text):
        sentence = text[start:end]
        if lex.off_topic.search(sentence):
            continue
        taken: list[tuple[int, int]] = []
        for match in lex.trigger.finditer(text, start, end):
            trigger = lex.trigger_of.get(_key(match.group("noun") or match.group("verb")))
            if trigger is None or any(a <= match.start() < b for a, b in taken):
                continue
            if trigger.pos == "noun" and lex.anaphoric.search(
                text, max(start, match.start() - 8), match.start()
            ):
                continue
            event = _event(text, start, end, match, trigger, mentions, dates, published)
            definite = match.group("article") or (match.group("noun") or "").startswith("ال")
            if trigger.pos == "noun" and definite and not event.actors and event.begin is None:
                continue  # «وتأتي الزيارة»: the visit already told, not a new event
            article.events.append(event)
            taken.append((match.start(), match.end()))


def _event(
    text: str,
    start: int,
    end: int,
    match: re.Match[str],
    trigger: Trigger,
    mentions: list[Mention],
    dates: list[TemporalExpression],
    published: str | None,
) -> Event:
    lex = lexicon()
    actor, recipient = _participants(text, start, end, match, trigger, mentions)
    mode = trigger.mode
    after = text[match.end() : min(end, match.end() + WINDOW)]
    for kind, refined, pattern in lex.refinements:
        if kind == trigger.type and pattern.search(after):
            mode = refined
            break
    place = _place(text, match.end(), end, mentions, recipient, trigger)
    when = _when(match, start, end, dates)
    begin, end_date = (
        (when.begin or when.value, when.end_date or when.begin or when.value) if when else (None, None)
    )
    factuality = _factuality(text, start, end, match, trigger, begin, published)
    confidence = 0.45 + (0.15 if trigger.pos == "verb" else 0.0)
    confidence += 0.15 if actor else 0.0
    confidence += 0.1 if recipient else 0.0
    confidence += 0.05 if when else 0.0
    return Event(
        type=trigger.type,
        start=start,
        end=end,
        text=text[start:end],
        mode=mode,
        trigger=text[match.start() : match.end()],
        actors=[_entity_key(actor)] if actor else [],
        recipients=[_entity_key(recipient)] if recipient else [],
        place=_entity_key(place) if place else None,
        begin=begin,
        end_date=end_date,
        factuality=factuality,  # type: ignore[arg-type]
        confidence=round(min(confidence, 0.95), 2),
    )


def _entity_key(mention: Mention) -> str:
    return mention.entity or mention.text


def _participants(
    text: str, start: int, end: int, match: re.Match[str], trigger: Trigger, mentions: list[Mention]
) -> tuple[Mention | None, Mention | None]:
    """Actor and recipient among the mentions of the trigger's sentence."""
    lex = lexicon()
    low = max(start, match.start() - WINDOW)
    high = min(end, match.end() + WINDOW)
    # Participants are people, organizations and linked places standing for states («روسيا»);
    # an unlinked town («أبها») is where things happen, not who does them.
    mentions = [m for m in mentions if m.type in ("PERS", "ORG") or (m.type == "LOC" and _linked(m))]
    before = [m for m in mentions if low <= m.start and m.end <= match.start()]
    after = [m for m in mentions if match.end() <= m.start and m.end <= high]
    # A comma between the trigger and a mention before it usually ends the actor's clause.
    before = [m for m in before if not re.search(r"[،,؛]", text[m.end : match.start()])]
    actor: Mention | None = None
    recipient: Mention | None = None
    facing = before and lex.facing_verb.search(text, max(low, before[-1].start - 20), before[-1].start)
    subjects = [m for m in before if not _preposition_before(text, m)]
    if trigger.pos == "noun" and lex.adjunct_before.search(
        text, max(start, match.start() - 8), match.start()
    ):
        subjects = []
    if trigger.object_after:  # «إقناع موسكو»: the one persuaded is the recipient
        recipient = after[0] if after and len(text[match.end() : after[0].start].split()) <= 1 else None
        return (subjects[-1] if subjects else None), recipient
    if trigger.type == "ASSAULT" and facing:
        recipient = before[-1]
        actor = next((m for m in after if not _preposition_before(text, m)), None)
        return actor, recipient
    first_after = next((m for m in after if not _preposition_before(text, m)), None)
    near_after = first_after is not None and len(text[match.end() : first_after.start].split()) <= 2
    if (
        trigger.pos == "verb"
        and first_after is not None
        and len(text[match.end() : first_after.start].split()) <= 4
    ):
        actor = first_after
    elif trigger.pos == "noun" and near_after:
        actor = first_after  # «هجوم كييف», «زيارة أجراها بوتين»
    elif subjects:
        actor = subjects[-1]
    for mention in after:
        if mention is actor:
            continue
        if _preposition_before(text, mention, lex.recipient_preposition) or (
            trigger.pos == "verb" and actor is not None and mention.start > actor.end
        ):
            recipient = mention
            break
    return actor, recipient


def _linked(mention: Mention) -> bool:
    return bool(mention.entity) and not mention.entity.startswith("local:")


def _preposition_before(text: str, mention: Mention, pattern: re.Pattern[str] | None = None) -> bool:
    lex = lexicon()
    pattern = pattern or lex.recipient_preposition
    window = text[max(0, mention.start - 6) : mention.start]
    return bool(pattern.search(window)) or bool(re.search(r"(?:^|\s)[بل]$", window))


def _place(
    text: str, position: int, end: int, mentions: list[Mention], recipient: Mention | None, trigger: Trigger
) -> Mention | None:
    lex = lexicon()
    if (
        recipient is not None
        and recipient.type == "LOC"
        and trigger.type == "CONSULT"
        and trigger.mode == "visit"
    ):
        return recipient
    if recipient is not None and lex.own_territory.search(text, position, min(end, position + WINDOW)):
        return recipient
    for mention in mentions:
        if position <= mention.start < min(end, position + WINDOW) and mention.type == "LOC":
            if lex.place_preposition.search(text[max(0, mention.start - 8) : mention.start]):
                return mention
    return None


def _when(
    match: re.Match[str], start: int, end: int, dates: list[TemporalExpression]
) -> TemporalExpression | None:
    """The temporal expression of the sentence nearest the trigger, preferring one after it."""
    inside = [d for d in dates if start <= d.start and d.end <= end]
    if not inside:
        return None
    after = [d for d in inside if d.start >= match.end()]
    if after:
        return after[0]
    return inside[-1]


def _factuality(
    text: str,
    start: int,
    end: int,
    match: re.Match[str],
    trigger: Trigger,
    begin: str | None,
    published: str | None,
) -> str:
    lex = lexicon()
    before = text[max(start, match.start() - 40) : match.start()]
    near = " ".join(before.split()[-2:])
    if lex.denied.search(near):
        return "denied"
    if lex.hypothetical.search(" ".join(before.split()[-5:])):
        return "hypothetical"
    if begin and published and begin[:10] > published[:10]:
        return "planned"
    if begin and published and begin[:10] <= published[:10]:
        return "happened"
    word = match.group()
    if trigger.pos == "verb" and re.match(r"[وف]?س[يتن]", word):
        return "planned"
    if lex.planned_before.search(" ".join(before.split()[-8:])):
        return "planned"
    if lex.planned_after.search(text, match.end(), min(end, match.end() + 40)):
        return "planned"
    return "happened"
