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
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from khabar.records import Article, Event, Mention, TemporalExpression
from khabar.understand.ner.features import load_triggers
from khabar.understand.normalize import normalize
from khabar.understand.quotes import lexicon as quote_lexicon
from khabar.understand.sentences import WORD as _WORD
from khabar.understand.sentences import alternation, fold, sentences, starting_in, whole
from khabar.understand.states import as_state, gentilic_after, states, with_state_phrases

# Participants are looked for this many characters around the trigger, inside its sentence.
WINDOW = 90
# A date after a noun trigger belongs to it only this close («زيارة دولة إلى أذربيجان في 18 أغسطس»).
NOUN_PHRASE_WORDS = 6
_QUOTE_MARKS = re.compile('[«»“”"]')
# «سفير مملكة البحرين»: the ambassador of the state named next.
_AMBASSADOR_OF = re.compile(r"(?<!\S)(?:ال)?سفير(?:\s+(?:ال)?(?:مملكة|دولة|جمهورية|سلطنة|إمارة))?\s+$")
_CLAUSE_BREAK = re.compile(r"[،,؛]\s*(?:و|ف|كما|ثم)|؛")


def _load(name: str) -> dict:
    return json.loads(resources.files("khabar.data.events").joinpath(name).read_text("utf-8"))


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    mode: str | None
    pos: str
    object_after: bool = False
    needs_frame: bool = False
    needs_party: bool = False
    next_definite: bool = False
    needs_scene: bool = False
    needs_actor: bool = False
    needs_complement: str | None = None


@dataclass(frozen=True, slots=True)
class Lexicon:
    trigger: re.Pattern[str]
    trigger_of: dict[str, Trigger]
    refinements: list[tuple[str, str, re.Pattern[str]]]
    speech_types: frozenset[str]
    sense_shifts: list[tuple[frozenset[str], Trigger, re.Pattern[str]]]
    light_verb: re.Pattern[str]
    carries_date: re.Pattern[str]
    frame_verb: re.Pattern[str]
    facing_verb: re.Pattern[str]
    anaphoric: re.Pattern[str]
    recipient_preposition: re.Pattern[str]
    place_preposition: re.Pattern[str]
    own_territory: re.Pattern[str]
    host_scene: re.Pattern[str]
    off_topic: re.Pattern[str]
    off_topic_by_type: dict[str, re.Pattern[str]]
    relative: re.Pattern[str]
    relative_word: re.Pattern[str]
    masdar_before: re.Pattern[str]
    not_subject: re.Pattern[str]
    adjunct_before: re.Pattern[str]
    deputy_before: re.Pattern[str]
    title_before: re.Pattern[str]
    place_head_before: re.Pattern[str]
    resumptive: re.Pattern[str]
    denied: re.Pattern[str]
    denied_far: re.Pattern[str]
    hypothetical: re.Pattern[str]
    hypothetical_present: re.Pattern[str]
    past_with_ta: re.Pattern[str]
    jussive: re.Pattern[str]
    planned_before: re.Pattern[str]
    planned_after: re.Pattern[str]
    planned_today: re.Pattern[str]
    subjunctive: frozenset[str]
    subjunctive_narrative_before: frozenset[str]
    decided_before: frozenset[str]
    purpose_types: frozenset[str]
    complement: dict[str, re.Pattern[str]]
    complement_words: dict[str, int]
    sense_blockers: list[tuple[frozenset[str], frozenset[str], frozenset[str], int, int]]
    relative_pronoun: frozenset[str]
    # Single-word tables are folded sets, looked up word by word: cheaper than more regexes.
    violation_before: frozenset[str]
    object_head: frozenset[str]
    accusative_adverb: frozenset[str]
    not_time_before: frozenset[str]
    duration_unit: frozenset[str]
    until_before: frozenset[str]
    alternative_before: re.Pattern[str]
    demanded_words: int
    relative_ma_before: frozenset[str]
    title_word: frozenset[str]
    subject_body: frozenset[str]
    envoy_word: frozenset[str]
    courtesy_form: frozenset[str]
    courtesy_object: frozenset[str]
    courtesy_words: int
    not_imperfect: frozenset[str]
    verbal_attack_forms: frozenset[str]
    media_word: re.Pattern[str]
    in_public: re.Pattern[str]
    place_head: frozenset[str]
    subject_honorific: frozenset[str]
    subject_adverb: frozenset[str]


@lru_cache(maxsize=1 << 16)
def _key(text: str) -> str:
    return " ".join(fold(text).split())


@cache
def lexicon() -> Lexicon:
    data = _load("triggers.json")
    cues = _load("factuality.json")
    trigger_of: dict[str, Trigger] = {}
    for entry in data["triggers"]:
        for form in entry["forms"]:
            trigger_of.setdefault(
                _key(form),
                Trigger(
                    entry["type"],
                    entry["mode"],
                    entry["pos"],
                    entry.get("object_after", False),
                    entry.get("needs_frame", False),
                    entry.get("needs_party", False),
                    entry.get("next_definite", False),
                    entry.get("needs_scene", False),
                    entry.get("needs_actor", False),
                    entry.get("needs_complement"),
                ),
            )
    nouns = [form for entry in data["triggers"] if entry["pos"] == "noun" for form in entry["forms"]]
    verbs = [form for entry in data["triggers"] if entry["pos"] == "verb" for form in entry["forms"]]
    # Nouns take the proclitics و ف ب ل, the article and case or plural endings; verbs only و ف,
    # the future س and object pronouns: «طالبا» (students, or «demanding») is not the verb «طالب».
    trigger = re.compile(
        rf"(?<!{_WORD})(?:[وف]?(?:[بل]|لل)?(?P<article>ال)?(?P<noun>{alternation(nouns)})"
        rf"(?:ا|اً|ه|ها|هم|هما|ات)?"
        rf"|[وف]?س?(?P<verb>{alternation(verbs)})(?:ه|ها|هم|هما)?)(?!{_WORD})"
    )

    def words(items: list[str]) -> re.Pattern[str]:
        return re.compile(whole(alternation(items)))

    return Lexicon(
        trigger=trigger,
        trigger_of=trigger_of,
        refinements=[(r["type"], r["mode"], words(r["words"])) for r in data["mode_refinements"]],
        speech_types=frozenset(data["speech_types"]),
        sense_shifts=[
            (
                frozenset(_key(form) for form in shift["forms"]),
                Trigger(shift["type"], shift["mode"], shift["pos"]),
                words(shift["cues"]),
            )
            for shift in data["sense_shifts"]
        ],
        light_verb=re.compile(rf"(?<!{_WORD})[وف]?(?:{alternation(data['light_verbs'])})(?!{_WORD})"),
        carries_date=re.compile(
            rf"(?<!{_WORD})[وف]?(?:{alternation(data['light_verbs'] + data['casualty_verbs'])})(?!{_WORD})"
        ),
        facing_verb=words(data["facing_verbs"]),
        frame_verb=re.compile(rf"(?<!{_WORD})[وف]?(?:{alternation(data['frame_verbs'])})(?!{_WORD})"),
        anaphoric=re.compile(rf"(?:{alternation(data['anaphoric'])})\s+$"),
        # «توغل الحوثيين»: the ل ending «توغل» is no preposition.
        recipient_preposition=re.compile(
            rf"(?<!{_WORD})(?:{alternation(data['recipient_prepositions'])})\s*$"
        ),
        place_preposition=re.compile(rf"(?<!{_WORD})(?:{alternation(data['place_prepositions'])})\s*$"),
        own_territory=words(data["own_territory"]),
        host_scene=words(data["host_scene"]),
        off_topic=words(data["off_topic"]),
        off_topic_by_type={kind: words(items) for kind, items in data["off_topic_by_type"].items()},
        relative=re.compile(rf"(?<!{_WORD})(?:{alternation(data['relative_pronouns'])})\s+$"),
        relative_word=words(data["relative_pronouns"]),
        masdar_before=re.compile(rf"(?<!{_WORD})[وف]?(?:{alternation(data['masdar_before'])})\s+$"),
        not_subject=words(data["not_subject_words"]),
        adjunct_before=re.compile(rf"(?<!{_WORD})(?:{alternation(data['adjunct_before'])})\s+$"),
        # «ابن وشقيق الملا عمر»: a relative acts no more for the one named than a deputy does.
        deputy_before=re.compile(
            rf"(?<!{_WORD})[وف]?(?:{alternation(data['deputy_words'] + data['kin_words'])})\s+$"
        ),
        place_head_before=re.compile(
            rf"(?<!{_WORD})[وفبل]?(?:ال)?(?:{alternation(data['place_heads'])})\s+$"
        ),
        resumptive=re.compile(rf"(?:{alternation(data['resumptive'])})"),
        title_before=re.compile(rf"(?<!{_WORD})(?:{alternation(data['title_words'])})\s+(?:لـ\s*|ل)$"),
        denied=words(cues["denied_before"]),
        denied_far=words(cues["denied_far"]),
        hypothetical=words(cues["hypothetical_before"]),
        hypothetical_present=words(cues["hypothetical_present"]),
        past_with_ta=words(cues["past_with_ta"]),
        jussive=words(cues["jussive_before"]),
        # «وتعقد»، «فيعتزم»: the cue verbs take the conjunctions.
        planned_before=re.compile(rf"(?<!{_WORD})[وف]?(?:{alternation(cues['planned_before'])})(?!{_WORD})"),
        planned_after=words(cues["planned_after"]),
        planned_today=re.compile(rf"(?<!{_WORD})[وف]?(?:{alternation(cues['planned_today'])})(?!{_WORD})"),
        subjunctive=frozenset(cues["subjunctive"]),
        subjunctive_narrative_before=frozenset(cues["subjunctive_narrative_before"]),
        decided_before=_folded(cues["decided_before"]),
        purpose_types=frozenset(cues["purpose_types"]),
        complement={kind: _complement(items) for kind, items in data["complements"].items()},
        complement_words=data["complement_words"],
        relative_pronoun=_folded(data["relative_pronouns"]),
        sense_blockers=[
            (
                frozenset(_key(form) for form in entry["forms"]),
                _folded(entry["before"]),
                _folded(entry["after"]),
                entry.get("reach_before", 0),
                entry.get("reach", 3),
            )
            for entry in data["sense_blockers"]
        ],
        violation_before=_folded(data["violation_before"]),
        object_head=_folded(data["object_heads"]),
        accusative_adverb=_folded(data["accusative_adverbs"]),
        not_time_before=_folded(data["not_time_before"]),
        duration_unit=_folded(data["duration_units"]),
        until_before=_folded(data["until_before"]),
        alternative_before=words(cues["alternative_before"]),
        demanded_words=cues["demanded_words"],
        relative_ma_before=frozenset(cues["relative_ma_before"]),
        subject_body=_folded(data["subject_bodies"]),
        envoy_word=_folded(data["envoy_words"]),
        courtesy_form=_folded(data["courtesy_forms"]),
        courtesy_object=_folded(data["courtesy_objects"]),
        courtesy_words=data["courtesy_words"],
        not_imperfect=_folded(data["not_imperfect"]),
        verbal_attack_forms=_folded(data["verbal_attack"]["forms"]),
        media_word=words(data["verbal_attack"]["media"]),
        in_public=words(data["verbal_attack"]["in_public"]),
        place_head=_folded(data["place_heads"]) | _folded("ال" + word for word in data["place_heads"]),
        subject_honorific=_folded(data["subject_honorifics"]),
        subject_adverb=_folded(data["subject_adverbs"]),
        title_word=_folded(word for title in data["title_words"] for word in title.split()[:1]),
    )


def _folded(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_key(word) for word in words)


def _last_words(text: str, start: int, end: int, count: int) -> list[str]:
    return [_key(word) for word in text[max(start, end - 24 * count) : end].split()[-count:]]


def _complement(items: list[str]) -> re.Pattern[str]:
    """Whole words, and «ب*»-style prefixes that open a longer word («بالإفراج»)."""
    words = [item for item in items if not item.endswith("*")]
    prefixes = "|".join(re.escape(item[:-1]) for item in items if item.endswith("*"))
    prefixed = rf"|(?:{prefixes}){_WORD}{{3}}" if prefixes else ""
    return re.compile(rf"(?<!{_WORD})(?:(?:{alternation(words)})(?!{_WORD}){prefixed})")


def annotate(article: Article) -> None:
    """Fill ``article.events``; reads ``mentions``, ``dates`` and ``published`` when present."""
    text = article.text
    article.events = []
    if not text:
        return
    lex = lexicon()
    mentions = sorted(article.mentions, key=lambda m: m.start)
    # «وليدة اليوم» (nothing new): a date word in an idiom is no time.
    dates = [
        d
        for d in sorted(article.dates, key=lambda d: d.start)
        if not set(_last_words(text, 0, d.start, 1)) & lex.not_time_before and not _in_aside(text, d)
    ]
    published = article.published.date if article.published else None
    # «القوات الأوكرانية»: a state named by a body and an adjective stands in for the names inside.
    mentions = with_state_phrases(text, mentions, 0, len(text))
    # One scan for triggers over the whole text: most sentences have none, and only those with
    # one are read for sport words and participants.
    every = [
        (match, trigger)
        for match in lex.trigger.finditer(text)
        if (trigger := lex.trigger_of.get(_key(match.group("noun") or match.group("verb"))))
    ]
    trigger_starts = [match.start() for match, _ in every]
    for start, end in sentences(text):
        found = [
            item
            for item in every[bisect_left(trigger_starts, start) : bisect_left(trigger_starts, end)]
            if item[0].end() <= end
        ]
        if not found or lex.off_topic.search(text, start, end):
            continue
        local = starting_in(mentions, start, end)
        taken: list[tuple[int, int]] = []
        for match, trigger in found:
            if any(a <= match.start() < b for a, b in taken):
                continue
            trigger = _sense(text, match, trigger, local, end)
            if _blocked(text, match, start, end):
                continue  # «الأمر الذي دعا»، «ودّعت جموع جثامين الشهداء»، «الدراسة التي استهدفت»
            if trigger.needs_complement and not _governs(text, match, trigger.needs_complement, end, local):
                continue  # «طالب السنة الثالثة»: a student, no demand made
            if trigger.type == "AGREE" and (match.group("verb") or "").startswith("أ"):
                continue  # «لا أتفق معه»: a writer's own view, no agreement between parties
            if trigger.type == "SUPPORT" and _courtesy(text, match, end, local):
                continue  # «رحب بالحضور»: courtesy to guests, no support for a policy
            if trigger.pos == "verb" and _after_imperfect(text, start, match, local):
                continue  # «وسيمنع رفض الاتفاق أوباما»: a verbal noun, the subject of a verb
            if any(m.start <= match.start() < m.end and m.type in ("PERS", "ORG") for m in local):
                continue  # «لقاء» in a person's name, «إغاثة» in an organization's
            if trigger.pos == "verb" and lex.masdar_before.search(
                text, max(start, match.start() - 8), match.start()
            ):
                continue  # «أن رفض الاتفاق سيمنح»: a verbal noun, not a verb
            if trigger.needs_frame and not _framed(text, start, match):
                continue  # «أن الاتفاق لا يعني»: the deal as a thing, not its making
            if any(e.type == trigger.type and e.start == start for e in article.events):
                continue  # one event of a type per sentence: «الهجوم الذي استهدف» is one attack
            if trigger.type == "ASSAULT" and _verbal_told(article.events, start, match):
                continue  # «هجوم هيكل ... هيكل يهاجم السعودية»: the same attack in words, told twice
            off_type = lex.off_topic_by_type.get(trigger.type)
            if off_type and off_type.search(text, start, end):
                continue
            if trigger.next_definite and not re.match(r"\s+(?:ال|لل)", text[match.end() : end]):
                continue  # «مقاطعة هوبي» is a province; a boycott is of something definite
            if trigger.pos == "noun" and lex.anaphoric.search(
                text, max(start, match.start() - 8), match.start()
            ):
                continue
            event = _event(text, start, end, match, trigger, local, dates, published, found)
            if trigger.needs_actor and not event.actors:
                continue  # «التهديد المستمر الذي يمثله متطرفون»: a danger, no threat made
            if trigger.needs_party and not (event.actors or event.recipients):
                continue
            if trigger.needs_scene and not (event.actors or event.recipients or event.place):
                continue  # «أكثر معارك تقرير الوجود جدية»: a figure of speech
            if not (event.actors or event.recipients or event.begin or event.end_date) and not _told(
                match, trigger
            ):
                continue  # «وتفجيرات»، «يدعو»: a general statement, no specific event
            definite = match.group("article") or (match.group("noun") or "").startswith("ال")
            if trigger.pos == "noun" and definite and not event.actors and event.begin is None:
                continue  # «وتأتي الزيارة»: the visit already told, not a new event
            article.events.append(event)
            taken.append((match.start(), match.end()))


def _sense(text: str, match: re.Match[str], trigger: Trigger, mentions: list[Mention], end: int) -> Trigger:
    """«وهاجم جوردون فكرة أن»، «هاجموا أورين علناً»: an attack on a person or an idea is criticism."""
    key = _key(match.group("noun") or match.group("verb"))
    for forms, shifted, cues in lexicon().sense_shifts:
        if key not in forms or shifted.pos != trigger.pos:
            continue
        following = text[match.end() : end].split()[:3]
        if trigger.pos == "noun":  # «للهجوم على الحزب الديمقراطي»
            if following[:1] in (["على"], ["علي"]) and cues.search(" ".join(following[1:])):
                return shifted
            continue
        if cues.search(" ".join(following)):
            return shifted
        close = match.end() + len(" ".join(following[:2])) + 1
        if any(m.type == "PERS" and match.end() <= m.start <= close for m in mentions):
            return shifted
    return trigger


def _in_aside(text: str, date: TemporalExpression) -> bool:
    """«بندر بن سلطان، السفير (بين العامين 1981 و2005)»: a date in a parenthesis with other words
    qualifies a name; «ثورة فبراير» in guillemets is a name. Neither is when the event happened."""
    for opening, closing, short in (("(", ")", False), ("«", "»", True)):
        before = text.rfind(opening, max(0, date.start - 40), date.start)
        if before < 0 or text.find(closing, before, date.start) >= 0:
            continue
        after = text.find(closing, date.end, date.end + 40)
        if after < 0:
            continue
        inside = text[before + 1 : after]
        if short and len(inside.split()) <= 4:
            return True
        if not short and text[before + 1 : date.start].strip() + text[date.end : after].strip():
            return True
    return False


def _blocked(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """A trigger form next to the words of one of its other senses (``sense_blockers``): the one or
    two words before it, a relative pronoun in between allowed («الدراسة التي استهدفت»), or any of
    the three words after it."""
    lex = lexicon()
    key = _key(match.group("noun") or match.group("verb"))
    for forms, before, after, reach_before, reach in lex.sense_blockers:
        if key not in forms:
            continue
        if before:
            words = _last_words(text, start, match.start(), max(3, reach_before))
            heads = {" ".join(words[-2:]), *words[-1:]}
            if words and words[-1] in lex.relative_pronoun:
                heads |= {" ".join(words[-3:-1]), *words[-2:-1]}
            heads |= set(words[-reach_before:]) if reach_before else set()
            if (heads | {head[1:] for head in heads if head[:1] in "وف"}) & before:
                return True
        if after and any(_key(word) in after for word in text[match.end() : end].split()[:reach]):
            return True
    return False


def _after_imperfect(text: str, start: int, match: re.Match[str], mentions: list[Mention]) -> bool:
    """A past-tense form right after a present-tense verb is that verb's verbal noun: two finite
    verbs do not stand side by side («يجب رفض»، «وسيمنع رفض الاتفاق»)."""
    verb = match.group("verb") or ""
    if match.start("verb") > match.start() or re.match(r"[يتنس]", verb):
        return False
    previous = [_key(word) for word in text[max(start, match.start() - 20) : match.start()].split()[-1:]]
    if not previous or previous[0] in lexicon().not_imperfect:
        return False
    # «يورو»، «ويستفول»: a name or noun opening with «ي» is no verb.
    if any(m.start < match.start() <= m.end + 1 for m in mentions):
        return False
    return bool(re.fullmatch(r"[وف]?س?ي\S{3,}", previous[0]))


def _courtesy(text: str, match: re.Match[str], end: int, mentions: list[Mention]) -> bool:
    """«رحب بالحضور»، «رحب خادم الحرمين برئيس الوزراء اللبناني والوفد المرافق له»: a welcome of
    people present is courtesy; the first word with «ب» after the welcome says whom or what."""
    lex = lexicon()
    if _key(match.group("noun") or match.group("verb")) not in lex.courtesy_form:
        return False
    for word in re.finditer(r"\S+", text[match.end() : end][:200]):
        if word.start() > 0 and "." in text[match.end() : match.end() + word.start()]:
            return False  # «ورحب الدكتور فلان، في كلمته، بالحضور»: an aside between commas is allowed
        if len(text[match.end() : match.end() + word.start()].split()) >= lex.courtesy_words:
            return False
        token = re.sub(r"[^\w]", "", word.group())
        if not token.startswith("ب"):
            continue
        key = _key(token)
        if key in lex.courtesy_object:
            return True
        rest = key[3:] if key.startswith("بال") else key[1:]
        if (
            load_triggers().get(normalize(rest)) == "TITLE"
            or load_triggers().get(normalize("ال" + rest)) == "TITLE"
        ):
            return True
        at = match.end() + word.start() + 1
        return any(m.type == "PERS" and at <= m.start <= at + 3 for m in mentions)
    return False


def _governs(text: str, match: re.Match[str], kind: str, end: int, mentions: list[Mention]) -> bool:
    """«طالب بالإفراج»، «دعا إلى»، «حث على»: a demand verb's complement within a few words; a
    «ب» that opens a name («مدرسة بلير») is not one."""
    lex = lexicon()
    reach = re.match(rf"(?:\s*\S+){{0,{lex.complement_words[kind]}}}", text[match.end() : end])
    high = match.end() + (reach.end() if reach else 0)
    for found in lex.complement[kind].finditer(text, match.end(), high):
        if not any(m.start <= found.start() < m.end for m in mentions):
            return True
    return False


def _framed(text: str, start: int, match: re.Match[str]) -> bool:
    """«وقّعت الدولتان اتفاقاً»: a frame verb within the few words before the noun."""
    window = text[start : match.start()].split()[-5:]
    return bool(lexicon().frame_verb.search(" ".join(window)))


def _told(match: re.Match[str], trigger: Trigger) -> bool:
    """With no participant and no date, only a future («سيزور») or a negated or possible verb
    («لم يقصف»، «قد تفرض») still tells one event; anything else is a general statement."""
    if trigger.pos != "verb":
        return False
    if re.match(r"[وف]?س", match.group()) and not _key(match.group("verb")).startswith("س"):
        return True
    text = match.string
    near = " ".join(text[max(0, match.start() - 20) : match.start()].split()[-1:])
    return bool(lexicon().jussive.search(near))


def _event(
    text: str,
    start: int,
    end: int,
    match: re.Match[str],
    trigger: Trigger,
    mentions: list[Mention],
    dates: list[TemporalExpression],
    published: str | None,
    found: list[tuple[re.Match[str], Trigger]],
) -> Event:
    lex = lexicon()
    actor, recipient = _participants(text, start, end, match, trigger, mentions)
    if trigger.type == "ASSAULT" and _verbal_attack(text, start, match, actor, mentions):
        trigger = Trigger("ACCUSE", "disapprove", trigger.pos)
    mode = trigger.mode
    after = text[match.end() : min(end, match.end() + WINDOW)]
    for kind, refined, pattern in lex.refinements:
        if kind == trigger.type and pattern.search(after):
            mode = refined
            break
    place = _place(text, match.end(), end, mentions, recipient, trigger)
    if (
        actor is not None
        and recipient is not None
        and (recipient.entity == actor.entity or recipient.text in actor.text or actor.text in recipient.text)
    ):
        recipient = None  # «محمد بن سلمان بن عبدالعزيز ... محمد بن سلمان»: one person twice
    co_actor = _co_actor(text, actor, mentions) if actor is not None and actor.start > match.start() else None
    if co_actor is not None and recipient is co_actor:
        recipient = None  # «دعت بريطانيا وفرنسا دولاً أخرى»: France calls too, it is not called on
    when = _when(text, match, trigger, start, end, dates, found)
    begin, end_date = _span(text, start, match, trigger, when, published)
    factuality = _factuality(text, start, end, match, trigger, begin, published, found)
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
        actors=[_party_key(m) for m in (actor, co_actor) if m is not None],
        recipients=[_party_key(recipient)] if recipient else [],
        place=_entity_key(place) if place else None,
        begin=begin,
        end_date=end_date,
        factuality=factuality,  # type: ignore[arg-type]
        confidence=round(min(confidence, 0.95), 2),
    )


def _verbal_told(told: list[Event], start: int, match: re.Match[str]) -> bool:
    lex = lexicon()
    if _key(match.group("noun") or match.group("verb")) not in lex.verbal_attack_forms:
        return False
    return any(
        e.start == start
        and e.type == "ACCUSE"
        and _key(e.trigger or "").lstrip("وف") in lex.verbal_attack_forms
        for e in told
    )


def _verbal_attack(
    text: str, start: int, match: re.Match[str], actor: Mention | None, mentions: list[Mention]
) -> bool:
    """«هيكل يهاجم السعودية»، «هجوم هيكل»، «شن التلفزيون والصحافة هجوماً ضد إيران»، «بالهجوم على
    الأمم المتحدة في العلن»: an attack by one person, by the press, or in public is in words."""
    lex = lexicon()
    key = _key(match.group("noun") or match.group("verb"))
    if key not in lex.verbal_attack_forms:
        return False

    def person(mention: Mention) -> bool:
        # «هجوم دام»: a one-word name the tagger guessed is no evidence of a person.
        return mention.type == "PERS" and (
            _linked(mention) or len((mention.entity or mention.text).split()) > 1
        )

    if actor is not None and person(actor):
        return True
    low = max(start, match.start() - 60)
    before = text[low : match.start()]
    light = lex.light_verb.search(before)
    if light and any(person(m) and low + light.end() <= m.start < match.start() for m in mentions):
        return True  # «شنت هيلاري كلينتون مساء أول من أمس هجوماً على منافسها»
    after = text[match.end() : match.end() + 50]
    # «وكالة الصحافة الفرنسية» is a news agency reporting an attack, not the press attacking.
    media = [
        m for m in lex.media_word.finditer(before) if "وكال" not in before[max(0, m.start() - 8) : m.start()]
    ]
    # «أشارت وسائل الإعلام إلى هجمات»: the press reports; only «شن الإعلام هجوماً» is its own attack.
    return bool((media and lex.light_verb.search(before)) or lex.in_public.search(after))


def _co_actor(text: str, actor: Mention, mentions: list[Mention]) -> Mention | None:
    """A party joined to the actor by «و» acts with it («دعت بريطانيا وفرنسا»)."""
    for mention in mentions:
        if mention.start < actor.end or mention is actor:
            continue
        joined = text[actor.end : mention.start].strip() == "و"
        party = mention.type in ("PERS", "ORG") or (mention.type == "LOC" and _linked(mention))
        return mention if joined and party and mention.entity != actor.entity else None
    return None


def _span(
    text: str,
    start: int,
    match: re.Match[str],
    trigger: Trigger,
    when: TemporalExpression | None,
    published: str | None,
) -> tuple[str | None, str | None]:
    """The event's first and last day from its temporal expression.

    «منذ أربعة أشهر» is a span reaching to the report: it gives a begin, the report's day the end.
    «حتى 31 يناير» ends a span: no begin. A year-less day after the report for an event that
    something followed («إثر هجمات الحادي عشر من سبتمبر») is an anniversary, not this year's day.
    """
    if when is None:
        return None, None
    lex = lexicon()
    begin = when.begin or when.value
    last = when.end_date or when.begin or when.value
    before = _last_words(text, start, when.start, 2)
    if (
        set(before[-1:]) & lex.until_before
        or " ".join(before) in lex.until_before
        or re.match(r"(?:حتى|لغاية)\s", when.text)
    ):
        return None, last
    if re.match(r"منذ\s", when.text) and _key(when.text.split()[-1]) in lex.duration_unit:
        return begin, published[:10] if published else None
    if (
        trigger.pos == "noun"
        and when.relative
        and published
        and begin[:10] > published[:10]
        and not re.search(r"\d{4}", when.text)
        and lex.adjunct_before.search(text, max(start, match.start() - 8), match.start())
    ):
        return None, None
    return begin, last


def _entity_key(mention: Mention) -> str:
    return mention.entity or mention.text


def _party_key(mention: Mention) -> str:
    """A capital acting or acted upon stands for its state («دعت كييف موسكو»)."""
    return as_state(mention.entity) if mention.entity else mention.text


def _participants(
    text: str, start: int, end: int, match: re.Match[str], trigger: Trigger, mentions: list[Mention]
) -> tuple[Mention | None, Mention | None]:
    """Actor and recipient among the mentions of the trigger's sentence.

    When the grammar does not say who acted, the actor is left empty rather than guessed: a verb
    takes its subject right after it (VSO) or right before it (SVO); a noun takes a genitive or
    adjective right after it («هجوم كييف»، «هجوماً أوكرانياً») or the subject of a light verb
    («يجري بوتين زيارة»، «هجوم باشرته القوات الأوكرانية»); a verb in a relative clause
    («الهجوم الذي استهدف مسجداً») has its subject outside the sentence's mentions.
    """
    lex = lexicon()
    if any(
        w in lex.violation_before or w[1:] in lex.violation_before
        for w in _last_words(text, start, match.start(), 1)
    ):
        return None, None  # «قام الحوثيون باختراق الهدنة»: the one breaking it is not its party
    low = max(start, match.start() - WINDOW)
    high = min(end, match.end() + WINDOW)
    # Participants are people, organizations and linked places standing for states («روسيا»);
    # an unlinked town («أبها») is where things happen, not who does them.
    mentions = [m for m in mentions if m.type in ("PERS", "ORG") or (m.type == "LOC" and _linked(m))]
    # «منظمة “»: a mention cut at a quote mark is a tagging slip, not a party.
    mentions = [m for m in mentions if not _QUOTE_MARKS.search(m.text)]
    # «مملكة البحرين» tagged as «مملكة» (read as Saudi Arabia) and «البحرين»: the head is no state.
    heads = {"مملكة", "جمهورية", "دولة", "إمارة", "سلطنة"}
    mentions = [
        m
        for m, following in zip(mentions, [*mentions[1:], None], strict=False)
        if not (m.text in heads and following is not None and following.start - m.end <= 1)
    ]
    before = [m for m in mentions if low <= m.start and m.end <= match.start()]
    after = [m for m in mentions if match.end() <= m.start and m.end <= high]
    # «نائب خادم الحرمين الشريفين»: the one named is not the one acting.
    before = [m for m in before if not lex.deputy_before.search(text, max(start, m.start - 12), m.start)]
    after = [
        m
        for m in after
        if not lex.deputy_before.search(text, max(start, m.start - 12), m.start)
        and not lex.place_head_before.search(text, max(start, m.start - 12), m.start)
        and not _adjective_state(text, match.end(), m)
    ]
    # A comma between the trigger and a mention before it usually ends the actor's clause.
    before = [m for m in before if not re.search(r"[،,؛]", text[m.end : match.start()])]
    subjects = [m for m in before if not _preposition_before(text, m)]
    bare_after = [m for m in after if not _preposition_before(text, m)]
    relative = bool(lex.relative.search(text, max(start, match.start() - 12), match.start()))
    if trigger.pos == "noun" and lex.adjunct_before.search(
        text, max(start, match.start() - 8), match.start()
    ):
        subjects = []
    if trigger.type == "SANCTION" and trigger.pos == "verb" and "للتشاور" in text[match.end() : end]:
        recalled = _recalled(text, match, after)
        if recalled is not None:
            return recalled
    if trigger.object_after:  # «إقناع موسكو»: the one persuaded is the recipient
        recipient = after[0] if after and _words(text, match.end(), after[0].start) <= 1 else None
        # «يهدف إلى إقناع موسكو»، «لإقناع»: a purpose shares the subject of its clause.
        purpose = re.search(r"(?:إلى|الى)\s*«?$", text[max(start, match.start() - 6) : match.start()])
        if purpose or match.group().startswith(("ل", "لل")):
            actor = subjects[-1] if subjects else None
        else:
            actor = _light_subject(text, subjects, match)
        return actor, recipient
    if trigger.type == "ASSAULT" and before:
        facing = lex.facing_verb.search(text, max(low, before[-1].start - 20), before[-1].start)
        if facing:  # «تواجه روسيا هجوماً»: the one facing it is the target
            actor = (
                bare_after[0] if bare_after and _words(text, match.end(), bare_after[0].start) <= 3 else None
            )
            return actor or gentilic_after(text, match.end(), end), before[-1]
    actor: Mention | None = None
    conjoined = trigger.pos == "verb" and match.start("verb") > match.start()
    # A verb before its subject is singular: after «هاجموا» the name is the one attacked.
    plural = trigger.pos == "verb" and _key(match.group("verb")).endswith("وا")
    office = _office_of(text, match, after)
    if relative:
        # «الاستفتاء الذي دعا إليه تسيبراس»: after a resumptive pronoun the name is the subject.
        actor = None
        if trigger.pos == "verb" and bare_after:
            between = text[match.end() : bare_after[0].start].split()
            if len(between) == 1 and lex.resumptive.fullmatch(between[0]):
                actor = bare_after[0]
            elif not between and match.end("verb") < match.end():
                actor = bare_after[0]  # «التحالف الذي رفضته الولايات المتحدة»: the pronoun is the object
    elif office is not None:
        actor = office  # «رحب الأمين العام لجامعة الدول العربية»: the League welcomes
    elif (
        trigger.pos == "verb"
        and subjects
        and not conjoined
        and re.fullmatch(r"\s*[وفل]?قد\s*", text[subjects[-1].end : match.start()])
    ):
        actor = subjects[-1]  # «وكان إردوغان قد انتقد نتنياهو»: the subject stands before «قد»
    elif trigger.pos == "verb" and (kana := _subject_after_kana(text, start, match)) >= 0:
        # «وكانت المحكمة الجنائية الدولية اتهمت الرئيس الكيني»: the subject sits between «كان» and
        # the verb («وكانت ماي استقبلت»), so a name after the verb is its object.
        actor = subjects[-1] if subjects and subjects[-1].start >= kana else None
    elif trigger.pos == "verb":
        first = bare_after[0] if bare_after else None
        between = text[match.end() : first.start] if first is not None else ""
        # «قصفت مدرسة الحسين التي يتخذها الحوثيون»: a preposition, a relative clause or a comma
        # in between shows the mention is not the subject.
        if (
            first is not None
            and not plural
            and len(between.split()) <= 4
            and not lex.not_subject.search(between)
            # «المدير الإقليمي للحملة الوطنية السعودية»: the name sits in a genitive phrase
            and not re.search(rf"(?<!{_WORD})(?:لل|بال|لـ)", between)
            and not lex.relative_word.search(between)
            and not re.search(r"[،,؛]", between)
            and not _object_between(between)
            # «التقى بوزير الخارجية السعودي عادل الجبير»: the one met, not the one meeting
            and not _title_object(between)
            # «انتقد تصرفات نوري المالكي»، «أشاد بتعهد الخرطوم»: a name inside the object
            and _subject_lead(between)
        ):
            actor = first
        elif subjects and _words(text, subjects[-1].end, match.start()) <= 1 and not conjoined:
            actor = subjects[-1]  # «روسيا تهاجم»; in «قتلوا الإعلامي فلان واعتقلوا» the name is an object
    else:
        definite = bool(match.group("article") or (match.group("noun") or "").startswith("ال"))
        actor = _light_subject(text, subjects, match) or _genitive_after(text, match, after, end, definite)
        if (
            trigger.type == "CONSULT"
            and actor is not None
            and actor.start > match.start()
            and (actor.entity or "") in states().country_of_capital
        ):
            actor = None  # «مفاوضات فيينا»، «محادثات الدوحة»: where the talks are held
    recipient: Mention | None = None
    if actor is not None and trigger.mode == "visit" and actor.type == "LOC" and actor.start > match.start():
        actor, recipient = None, actor  # «زيارة إسرائيل»: a place after a visit is where it goes
        return actor, recipient
    anchor = actor.end if actor is not None and actor.start > match.start() else match.end()
    # «التقى محمد بن زايد ولي عهد أبوظبي …»: a place in the title after the one meeting is his own.
    own_title = trigger.type == "CONSULT" and actor is not None and actor.start > match.start()
    if own_title and trigger.mode == "host":
        # «استقبل الأمير فلان أمير منطقة الرياض في مكتبه أمس سفير باكستان»: the guest comes after
        # where and when; before them is the host's own title, never his guest.
        scenes = list(lex.host_scene.finditer(text, anchor, min(high, anchor + 80)))
        if scenes:
            anchor, own_title = scenes[-1].end(), False
    for mention in after:
        if mention is actor or mention.start < anchor or (actor and mention.entity == actor.entity):
            continue
        if own_title and mention.type == "LOC" and _starts_with_title(text[anchor : mention.start]):
            continue  # «استقبل الأمير فلان أمير منطقة الرياض»: the place of his office, not his guest
        if (
            actor is not None
            and actor.start > match.start()
            and mention.type == "PERS"
            and (actor.type == "PERS" or actor is office)
            and not text[actor.end : mention.start].strip()
        ):
            continue  # «الأمين العام لجامعة الدول العربية نبيل العربي»: the actor named again
        if (
            actor is not None
            and actor.start > match.start()
            and _starts_with_title(text[anchor : mention.start])
            and (mention.type != "PERS" or _preposition_before(text, mention))
        ):
            continue  # «هاجم فلان الأمين العام المساعد لحزب الاتحاد»: the actor's own party
        if _in_title(text, anchor, mention):
            continue  # «المبعوث الدولي إلى اليمن»، «سفير باكستان لدى المملكة»: part of an envoy's title
        # «مبعوث الأمم المتحدة إلى سوريا» after a comma is another clause; a noun's recipient sits
        # in its own phrase («زيارة دولة إلى أذربيجان»), not after the next verb («حملة مقاطعة
        # المنتجات تضر بنتنياهو»).
        reach = 4 if trigger.pos == "verb" else 2
        if re.search(r"[،,؛]", text[anchor : mention.start]) or _words(text, anchor, mention.start) > reach:
            break
        if _preposition_before(text, mention, lex.recipient_preposition):
            after_from = re.search(r"(?<!\S)من\s*$", text[max(0, mention.start - 5) : mention.start])
            if trigger.type == "CONSULT" and after_from:
                break  # «زيارة وفد من جامعة واشنطن»: where the visitors come from
            target = after_from and _object_between(" ".join(_last_words(text, anchor, mention.start, 2)[:1]))
            if after_from and trigger.type not in ("REQUEST", "RETREAT") and not target:
                # «انتقد إردوغان من جاكرتا»: where he spoke from, not whom he criticized; with no
                # actor, «قوبل بانتقادات من الأسقف»، «يجب رفضه من الكونغرس» name who does it.
                by = trigger.pos == "noun" or match.end("verb") < match.end()
                if actor is None and mention.type in ("PERS", "ORG") and by:
                    return mention, None
                break
            if trigger.type == "REQUEST" and trigger.pos == "verb" and not after_from:
                break  # «دعا إلى تمديد الهدنة في اليمن»: what is asked for; the one asked is the object
            recipient = mention
            break
        if (
            trigger.pos == "verb"
            and _words(text, anchor, mention.start) <= 2
            and not lex.not_subject.search(text, anchor, mention.start)
        ):
            recipient = mention  # «استهدف ... مسجداً في الكويت»: the direct object
            break
    if (
        trigger.mode == "accuse"
        and trigger.pos == "verb"
        and actor is not None
        and actor.start > match.start()
        and recipient is None
        and re.match(r"\s*ب\S{3}", text[actor.end : end])
    ):
        return None, actor  # «ويتهم بايانجوك بالعمل على تجنيد»: with one name and its charge, he is accused
    if (
        trigger.mode == "host"
        and actor is not None
        and actor.type == "LOC"
        and not (recipient and recipient.type == "PERS")
    ):
        return (
            None,
            recipient,
        )  # «استقبلت إسبانيا 6.7 مليون سائح»، «استقبلت القاعدة أرتالا»: a place receives things
    return actor, recipient


def _recalled(
    text: str, match: re.Match[str], after: list[Mention]
) -> tuple[Mention | None, Mention | None] | None:
    """«استدعت وزارة الخارجية سفير مملكة البحرين لدى إيران للتشاور»: an ambassador recalled for
    consultations is his own state's; it acts, and the state he leaves is the recipient."""
    own = next(
        (m for m in after[:3] if _AMBASSADOR_OF.search(text[max(0, m.start - 25) : m.start])),
        None,
    )
    if own is None:
        return None
    post = next(
        (
            m
            for m in after
            if m.start > own.end
            and m.entity != own.entity
            and re.search(r"(?<!\S)(?:لدى|في)\s+$", text[max(0, m.start - 6) : m.start])
        ),
        None,
    )
    return own, post


def _in_title(text: str, anchor: int, mention: Mention) -> bool:
    """An envoy's or ambassador's word a few words before a name behind «إلى» or «لدى» makes
    the name where he serves, not whom the event is aimed at."""
    if not re.search(r"(?<!\S)(?:إلى|الى|لدى)\s*$", text[max(anchor, mention.start - 6) : mention.start]):
        return False
    near = _last_words(text, anchor, mention.start, 4)
    return any(word.lstrip("وف") in lexicon().envoy_word for word in near)


def _object_between(between: str) -> bool:
    """«قصفت وبدقة هدفًا تخريبيًا لحركة حماس»، «قصفت موقع (عيسى البطران)»: an object's head or an
    indefinite accusative between a verb and a name makes the name part of the object."""
    lex = lexicon()
    if any(
        _key(word).lstrip("وف") in lex.object_head or _key(word) in lex.object_head
        for word in between.split()
    ):
        return True
    return any(
        re.search("(?:\u064bا|ا\u064b)$", word) and _key(word) not in lex.accusative_adverb
        for word in between.split()
    )


def _subject_after_kana(text: str, start: int, match: re.Match[str]) -> int:
    """«وكانت المحكمة اتهمت»: where «كان» stands a few words before a past verb with words other
    than «قد» between them (the subject); -1 when it does not."""
    low = max(start, match.start() - 60)
    for kana in re.finditer(r"(?<!\S)[وف]?كان(?:ت)?(?!\S)", text[low : match.start()]):
        rest = [
            w for w in text[low + kana.end() : match.start()].split() if _key(w) not in ("قد", "لقد", "فقد")
        ]
        clause = not re.search(r"[،,؛.]", text[low + kana.end() : match.start()])
        if clause and rest and len(rest) <= 5 and not lexicon().not_subject.fullmatch(rest[0]):
            return low + kana.end()
    return -1


def _subject_lead(between: str) -> bool:
    """What may stand between a verb and its subject's name: a title or honorific («الأمير»،
    «صاحب السمو»، «وزير الخارجية السعودي»), a body («شركة جوجل»، «قوات»), an adverb («أمس»), or a
    short description («المغرد»، «السناتور الجمهوري»). Not a noun with a preposition glued to it
    («بتعهد الخرطوم»), a plural of things («تصرفات المالكي»), nor a longer phrase that opens
    with neither title nor body («مسلحو الحوثي الصحافي والأديب فلان»): there the name is in the object."""
    lex = lexicon()
    words = between.split()
    if words and lex.resumptive.fullmatch(words[0]):
        words = words[1:]  # «دعا إليه رئيس بلديتها فلان»: the pronoun is the verb's, the name its subject
    if not words:
        return True
    if any(_key(word).lstrip("وفبل") in lex.place_head or _key(word) in lex.place_head for word in words):
        return False  # «زار الوفد مطار الملك سلمان»: the name of a building
    first = _key(words[0])
    if _leads(first):
        return True
    if re.match(r"[بل]\S{3}", first) and not first.startswith("ال"):
        return False
    if first.endswith("ات"):
        return False
    # «الزميل رئيس التحرير فلان»: a longer phrase still leads to the subject through a title.
    return len(words) < 3 or any(_leads(_key(word)) for word in words[1:])


def _leads(key: str) -> bool:
    lex = lexicon()
    forms = {key, key[1:]} if key[:1] in "وف" and len(key) > 3 else {key}
    if forms & (lex.subject_adverb | lex.accusative_adverb | lex.subject_body | lex.subject_honorific):
        return True
    return any(load_triggers().get(normalize(form)) in ("TITLE", "ORG_HEAD") for form in forms)


def _starts_with_title(between: str) -> bool:
    """«أمير منطقة»، «ولي عهد»: an office right after a name is that person's own (an apposition)."""
    words = between.split()
    return bool(words) and load_triggers().get(normalize(words[0])) == "TITLE"


def _title_object(between: str) -> bool:
    """«بوزير الخارجية»، «للرئيس»: an office after a preposition is who is met or addressed."""
    titles = lexicon().title_word
    for word in between.split():
        key = _key(word)
        if (key[:1] in "بل" and key[1:] in titles) or (key.startswith("لل") and "ال" + key[2:] in titles):
            return True
    return False


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _light_subject(text: str, subjects: list[Mention], match: re.Match[str]) -> Mention | None:
    """«يجري الرئيس بوتين زيارة»: the subject of a light verb carrying the noun."""
    if not subjects:
        return None
    subject = subjects[-1]
    if _words(text, subject.end, match.start()) > 2:
        return None
    light = lexicon().light_verb.search(text, max(0, subject.start - 20), subject.start)
    return subject if light else None


def _genitive_after(
    text: str, match: re.Match[str], after: list[Mention], end: int, definite: bool
) -> Mention | None:
    """«هجوم كييف» (genitive), «هجوم باشرته القوات الأوكرانية» (resumptive light verb),
    «هجوماً أوكرانياً» (nationality adjective). A noun with the article takes no genitive:
    in «المساعدات هي المنصورة» the name after it is a predicate."""
    lex = lexicon()
    for mention in after:
        if _preposition_before(text, mention):
            return None
        between = text[match.end() : mention.start].split()
        if not between:
            return None if definite else mention
        resumptive = [w for w in between if not lex.relative.search(w + " ")]
        if len(resumptive) == 1 and lex.light_verb.fullmatch(resumptive[0]):
            return mention
        break
    return gentilic_after(text, match.end(), end)


def _office_of(text: str, match: re.Match[str], after: list[Mention]) -> Mention | None:
    """«الأمين العام لجامعة الدول العربية» right after a verb: the organization whose office acts."""
    lex = lexicon()
    for mention in after[:1]:
        if (
            _words(text, match.end(), mention.start) <= 4
            and lex.title_before.search(text, max(match.end(), mention.start - 40), mention.start)
            # «قصف المقر الرئيس لمنظمة التحرير»: a building's «الرئيس» is no office
            and not _object_between(text[match.end() : mention.start])
        ):
            return mention
    return None


def _adjective_state(text: str, position: int, mention: Mention) -> bool:
    """«قناة "الإخبارية" السعودية»: a country name written as an adjective after a noun describes
    that noun; only right after the trigger («أعلنت السعودية») is it the state itself."""
    if mention.type != "LOC" or not mention.text.startswith("ال"):
        return False
    if not text[position : mention.start].strip():
        return False
    if not states().gentilic.fullmatch(mention.text):
        return False
    previous = text[position : mention.start].split()[-1]
    return not lexicon().not_subject.fullmatch(previous)


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
    text: str,
    match: re.Match[str],
    trigger: Trigger,
    start: int,
    end: int,
    dates: list[TemporalExpression],
    found: list[tuple[re.Match[str], Trigger]],
) -> TemporalExpression | None:
    """The temporal expression of the trigger's own clause, preferring one after it.

    A date belongs to the nearest event or reporting verb: in «رحب ... بما أعلن في قمة كامب ديفيد
    في 14 مايو» the date is the summit's, and in «أعلن الكرملين أمس أن بوتين سيزور» the
    announcement's. A noun takes a date before it only through its light verb («شنت القوات أمس
    هجوماً») or a casualty verb («أصيب ضابطان أمس إثر تفجير»): in «فرضتها في بداية يوليو إثر
    الهجوم» the date is of the main verb. A speech act
    (a demand, an accusation) is made when it is said, so its report's date is its own.
    """
    # A date far from the trigger in a long sentence belongs to another clause («قرار صدر عام 2005»).
    low, high = max(start, match.start() - WINDOW), min(end, match.end() + WINDOW)
    inside = [d for d in dates if low <= d.start and d.end <= high]
    if not inside:
        return None
    lex = lexicon()
    speech = trigger.type in lex.speech_types
    barriers = [other.start() for other, kind in found if kind.type != trigger.type]
    if not speech:  # «قال أمس إن القوات اقتحمت»: the report and its «إن» keep their date
        speaking = quote_lexicon()
        barriers += [verb.start() for verb in speaking.verb.finditer(text, low, high)]
        barriers += [that.start() for that in speaking.complementizer.finditer(text, low, high)]

    def open_between(a: int, b: int) -> bool:
        return not any(a <= point < b for point in barriers)

    after = [
        d
        for d in inside
        if d.start >= match.end()
        and open_between(match.end(), d.start)
        and not _CLAUSE_BREAK.search(text, match.end(), d.start)
    ]
    if trigger.pos == "noun":  # «التفجير وانتشرت صوره منذ يومين»: past the noun phrase
        # «الهجوم الذي وقع في سوروتش في 20 يوليو»: a relative clause still tells of the noun.
        head = " ".join(text[match.end() : end].split()[:3])
        reach = 2 * NOUN_PHRASE_WORDS if lex.relative_word.search(head) else NOUN_PHRASE_WORDS
        after = [d for d in after if _words(text, match.end(), d.start) <= reach]
    if after:
        return after[0]
    # «قمة كامب ديفيد في 14 مايو، كما رحب»: a date before a new clause is the earlier clause's;
    # the «و» of «وإطلاق النار» is the trigger's own.
    core = match.start("noun") if match.group("noun") else match.start("verb")
    before = [d for d in inside if d.end <= match.start() and not _CLAUSE_BREAK.search(text, d.end, core + 1)]
    if not speech:
        before = [d for d in before if open_between(d.end, match.start())]
    if not before:
        return None
    if trigger.pos == "noun":
        window = max(start, before[-1].start - 60)
        carried = lex.carries_date.search(text, window, before[-1].start)
        # «أعلن ... الجمعة أن هدفه إقناع موسكو»: a demand made in a statement is dated by it.
        said = speech and quote_lexicon().verb.search(text, window, before[-1].start)
        if not (carried or said):
            return None
    return before[-1]


def _demanded(
    text: str, start: int, match: re.Match[str], found: list[tuple[re.Match[str], Trigger]]
) -> bool:
    """«طالبت الجامعة بتشكيل لجنة للقيام بزيارة الأراضي»: what a demand asks for has not happened."""
    lex = lexicon()
    for other, kind in found:
        if kind.type != "REQUEST" or kind.pos != "verb" or not start <= other.start() < match.start():
            continue
        if _words(text, other.end(), match.start()) <= lex.demanded_words and not _CLAUSE_BREAK.search(
            text, other.end(), match.start()
        ):
            return True
    return False


def _may(words: list[str]) -> bool:
    """«قد» right before a present-tense verb."""
    lex = lexicon()
    for word, following in zip(words, words[1:], strict=False):
        if lex.hypothetical_present.fullmatch(word) and re.match(r"[يتن]", following):
            return not lex.past_with_ta.fullmatch(following)
    return False


def _factuality(
    text: str,
    start: int,
    end: int,
    match: re.Match[str],
    trigger: Trigger,
    begin: str | None,
    published: str | None,
    found: list[tuple[re.Match[str], Trigger]],
) -> str:
    lex = lexicon()
    before = text[max(start, match.start() - 40) : match.start()]
    # «ولم يتهم بلاتر»: the negation carries the conjunction.
    near = [re.sub(r"^[وف](?=(?:لم|لن|لا|ليس|ليست|عدم|دون|نفى|نفت)$)", "", w) for w in before.split()[-3:]]
    # «وهو ما لقي ترحيب»: «ما» after a pronoun is relative, no negation
    relative = [i for i, w in enumerate(near[1:], 1) if w == "ما" and near[i - 1] in lex.relative_ma_before]
    # «هو كل لا يتجزأ ورفض البلدين»: a trigger carrying «و» opens its own clause; a negation
    # before it is the previous clause's.
    core = match.start("noun") if match.group("noun") else match.start("verb")
    if core > match.start() and text[match.start()] in "وف":
        near = []
    # «ولم تكن اتهامات المالكي وليدة اليوم»: «لم تكن» before a noun negates what is said of it.
    copula = trigger.pos == "noun" and near[-1:] in (["يكن"], ["تكن"])
    if not relative and not copula and lex.denied.search(" ".join(near[-2:])):
        return "denied"
    if lex.denied_far.search(" ".join(before.split()[-6:])):
        return "denied"  # «حالت التهمة دون قيام الرئيس بزيارة كينيا»
    if lex.hypothetical.search(" ".join(before.split()[-5:])):
        return "hypothetical"
    if lex.alternative_before.fullmatch("".join(before.split()[-1:])):
        return "hypothetical"  # «لقبول الاتفاق أو رفضه»: one of two outcomes, not yet decided
    if trigger.pos == "noun" and _demanded(text, start, match, found):
        return "hypothetical"
    if _may(before.split()[-5:] + [match.group()]):
        return "hypothetical"  # «قد تفرض»; «قد غرد» is past and done
    if trigger.pos == "noun" and trigger.type in lex.purpose_types and _purpose(match):
        return "hypothetical"  # «حملة لإقناع الكونجرس»: the aim, not what was achieved
    word = match.group()
    cue = bool(
        (trigger.pos == "verb" and re.match(r"[وف]?س[يتن]", word))
        or lex.planned_before.search(" ".join(before.split()[-8:]))
        or lex.planned_after.search(text, match.end(), min(end, match.end() + 40))
    )
    wished = _subjunctive(before.split()[-4:], match, trigger)
    if wished and not cue:
        return wished
    if begin and published:
        if begin[:10] > published[:10]:
            return "planned"
        # «تعقد اليوم اجتماعاً»: on the publication day a planned cue decides, and a present-tense
        # light verb is one there (with no day named, «يجري محادثات» is under way).
        if begin[:10] == published[:10] or published[:10].startswith(begin[:10]):
            today = lex.planned_today.search(" ".join(before.split()[-8:]))
            return "planned" if cue or today else "happened"
        return "happened"
    return "planned" if cue else "happened"


def _purpose(match: re.Match[str]) -> bool:
    """«لإقناع»، «للتوصل»: the purpose «لـ» glued to a noun trigger."""
    return bool(match.group("noun")) and bool(
        re.match(r"[وف]?ل", match.group()[: match.start("noun") - match.start()])
    )


def _subjunctive(words: list[str], match: re.Match[str], trigger: Trigger) -> str | None:
    """«بأن يزور محققون اليمن»، «اتفقنا أن تبدأ الأردن المشاورات»: «أن» and a present-tense verb
    (the trigger, or the light verb before a noun trigger) name an event wished or agreed on."""
    lex = lexicon()
    verb_first = trigger.pos == "verb" and re.match(r"[وف]?[يتن]", match.group("verb") or "")
    for index, word in enumerate(words):
        if word not in lex.subjunctive:
            continue
        following = words[index + 1 : index + 2]
        if following and not re.match(r"[يتن]\S{2}", following[0]):
            continue
        if not following and not verb_first:
            continue
        if not following and trigger.pos != "verb":
            continue
        if following and (trigger.pos == "verb" or not lex.light_verb.fullmatch(following[0])):
            continue  # «أن تفسر السلطات زيارة أوباما»: the noun is another verb's object
        earlier = [_key(re.sub(r"[^\w]", "", w)) for w in words[:index]][-3:]
        if set(earlier) & lex.subjunctive_narrative_before:
            return None  # «قبل أن يغادر»: before he left, a past narrative
        if set(earlier) & lex.decided_before or any(w.lstrip("و") in lex.decided_before for w in earlier):
            return "planned"
        return "hypothetical"
    return None
