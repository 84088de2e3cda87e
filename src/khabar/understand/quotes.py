"""Quotes: reported speech with its speaker, reporting verb and medium.

Three frames are read, each anchored on a reporting verb from ``data/quotes/verbs.json``:

- direct:   «وقال مساعد الرئيس، ميخايلو بودولياك، على منصة «إكس»: «...»»
- indirect: «أعلن أحد مساعدي الرئيس ...، الجمعة، أن ...» (mixed when it carries quoted words)
- source frame: «...، على ما أعلن «الكرملين»» — the clause before the frame is the quote.

A guillemet span on its own is never a quote: «الكرملين» and «كوب 29» are names, and scare
quotes have no speaker. Speakers are linked to the article's mentions when the entity step ran;
an unnamed speaker («أحد مساعدي الرئيس») is resolved to a named one with the same role
(«مساعد الرئيس، ميخايلو بودولياك»), and a verb with no subject («وأضاف أن») continues the
previous speaker.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khabar.records import Article, Mention, Quote
from khabar.understand.sentences import WORD as _WORD
from khabar.understand.sentences import alternation, quoted_spans, sentences, starting_in, whole
from khabar.understand.sentences import fold as _key
from khabar.understand.sentences import trim as _trim

# Quote marks that open and close spans (guillemets, straight and curly double quotes).
QUOTE_PAIRS = {"«": "»", '"': '"', "“": "”"}
MAX_SPEAKER_WORDS = 12
# A verb with no subject of its own takes a name only this close to the start of its sentence.
SUBJECT_REACH = 3
# A guillemet span of this many words or fewer, with no reporting verb, is a name or a scare quote.
NAME_MAX_WORDS = 3


def _event_words(name: str) -> list[str]:
    data = json.loads(resources.files("khabar.data.events").joinpath("triggers.json").read_text("utf-8"))
    return data[name]


def _kin_words() -> list[str]:
    return [word for word in _event_words("kin_words") if word not in ("ابن", "بن")]


def _load(name: str) -> dict:
    return json.loads(resources.files("khabar.data.quotes").joinpath(name).read_text("utf-8"))


@dataclass(frozen=True, slots=True)
class Lexicon:
    verb: re.Pattern[str]
    lemma_of: dict[str, str]
    prepositions: dict[str, list[str]]
    frame: re.Pattern[str]
    complementizer: re.Pattern[str]
    unnamed_heads: frozenset[str]
    time_words: re.Pattern[str]
    prepositional: re.Pattern[str]
    not_speakers: re.Pattern[str]
    sacred: re.Pattern[str]
    phrase_stops: re.Pattern[str]
    media_noun: re.Pattern[str]
    media: list[tuple[re.Pattern[str], str | None]]
    speaker_stop: re.Pattern[str]
    participles: frozenset[str]
    subject_opener: re.Pattern[str]
    subject_closer: re.Pattern[str]
    idiom_object: re.Pattern[str]
    not_reporting_before: re.Pattern[str]
    kunya_before: re.Pattern[str]
    bare_agency: re.Pattern[str]
    deputy_before: re.Pattern[str]
    outlet_noun_before: re.Pattern[str]
    honorific: re.Pattern[str]
    honorific_title: dict[str, re.Pattern[str]]
    opening_verb: re.Pattern[str]
    place_head_before: re.Pattern[str]
    place_head_opening: re.Pattern[str]
    circumstantial: re.Pattern[str]
    clause_opener_before: re.Pattern[str]
    addressee: re.Pattern[str]
    name_breakers: frozenset[str]
    anonymous: re.Pattern[str]
    anonymous_end: re.Pattern[str]
    pronoun_addressee: re.Pattern[str]


@cache
def lexicon() -> Lexicon:
    data = _load("verbs.json")
    lemma_of: dict[str, str] = {}
    prepositions: dict[str, list[str]] = {}
    for lemma, entry in data["verbs"].items():
        for form in entry["forms"]:
            lemma_of[_key(form)] = lemma
        prepositions[lemma] = entry.get("prepositions", [])
    verb = re.compile(rf"(?<!{_WORD})(?P<proclitic>[وف]?)(?P<verb>{alternation(list(lemma_of))})(?!{_WORD})")
    frame = re.compile(rf"(?<!{_WORD})[وف]?(?:{alternation(data['frames'])})\s+$")
    complementizer = re.compile(whole(alternation(data["complementizers"])))
    time_words = re.compile(whole(alternation(data["time_words"])))
    media_data = _load("media.json")
    agencies = alternation(media_data["agencies"])
    # «لفرانس برس» after a speaker is who was told: a medium, never part of the speaker.
    media = [(re.compile(rf"(?:لـ\s*|ل)(?P<name>{agencies})(?!{_WORD})"), None)]
    media += [(re.compile(cue["pattern"]), cue["medium"]) for cue in media_data["cues"]]
    outlets = alternation(media_data["outlet_nouns"])
    speaker_stop = re.compile(
        _SPEAKER_STOP.pattern
        + rf"|\s(?=(?:لـ\s*|ل)(?:{agencies})(?!{_WORD}))"
        + rf"|\s(?=(?:{outlets})\s)"
        # «قال الوزير له إن»، «قال والد الضحية للصحافيين إن»: the hearer ends the speaker («به»
        # does not: «وكشف الاستطلاع الذي قامت به الشركة أن»).
        + rf"|\s(?=(?:{alternation([w for w in data['addressees'] if w not in ('به', 'بها')] + data['hearers'])})(?!{_WORD}))"
    )
    return Lexicon(
        verb=verb,
        lemma_of=lemma_of,
        prepositions=prepositions,
        frame=frame,
        complementizer=complementizer,
        unnamed_heads=frozenset(_key(word) for word in data["unnamed_heads"]),
        time_words=time_words,
        prepositional=re.compile(whole(alternation(data["prepositional"]))),
        not_speakers=re.compile(whole(alternation(data["not_speakers"]))),
        sacred=re.compile(rf"\s*{whole(alternation(data['sacred']))}"),
        phrase_stops=re.compile(whole(alternation(data["phrase_stops"]))),
        media_noun=re.compile(rf"(?:{alternation(data['media_nouns'])})\s*$"),
        media=media,
        speaker_stop=speaker_stop,
        participles=frozenset(_key(word) for word in data["participles"]),
        subject_opener=re.compile(rf"(?:{alternation(data['subject_openers'])})\s+"),
        subject_closer=re.compile(rf"\s+(?:{alternation(data['subject_closers'])})$"),
        idiom_object=re.compile(rf"\s*{whole(alternation(data['idiom_objects']))}"),
        not_reporting_before=re.compile(rf"{whole(alternation(data['not_reporting_before']))}\s+$"),
        kunya_before=re.compile(rf"{whole(alternation(data['kunya']))}\s+$"),
        # The events lexicon keeps the deputy words; a deputy speaks for himself, not his principal.
        # So do kin named right before: in «وقالت ابنة فلان» the daughter speaks, while «والد الشهيد
        # علي عسيري» is the father's own name. «ابن» is left out: it is part of names («ابن كثير»).
        deputy_before=re.compile(
            rf"(?<!{_WORD})[وف]?(?:(?:{alternation(_event_words('deputy_words'))})(?:\s+[^\s،,]+){{0,2}}"
            rf"|{alternation(_kin_words())})\s+$"
        ),
        bare_agency=re.compile(rf"\s(?:{agencies})(?!{_WORD})"),
        outlet_noun_before=re.compile(rf"(?:{outlets})$"),
        honorific=re.compile(rf"[وف]?(?:{alternation(list(data['honorifics']))})"),
        honorific_title={
            _key(word): re.compile(whole(alternation(titles))) for word, titles in data["honorifics"].items()
        },
        opening_verb=re.compile(rf"[وف]?(?:{alternation(data['opening_verbs'])})\s+"),
        # «ملعب الأمير عبدالله الفيصل»: a name after a building's noun names the building.
        place_head_before=re.compile(
            rf"(?<!{_WORD})[وفبل]?(?:ال)?(?:{alternation(_event_words('place_heads'))})(?:\s+\S+)?\s+$"
        ),
        place_head_opening=re.compile(
            rf"[وف]?(?:ال)?(?:{alternation(_event_words('place_heads'))})(?:\s+(?:الملك|الأمير|الشيخ|الإمام))?\s+"
        ),
        circumstantial=re.compile(whole(alternation(data["circumstantial"]))),
        clause_opener_before=re.compile(rf"{whole(alternation(data['clause_openers']))}\s+$"),
        # «قال له»، «قالت لوالديها»، «أكد للصحفيين»: the hearer. «ل» + a noun with a possessive
        # pronoun, or «لل» + a noun; a name that merely starts with ل («لافروف») has neither shape.
        addressee=re.compile(
            rf"(?:{alternation(data['addressees'])}|لل{_WORD}{{2,}}|ل{_WORD}{{2,}}(?:ه|ها|هم|هما|هن|كم|نا))"
            rf"(?!{_WORD})"
        ),
        name_breakers=frozenset(_key(word) for word in data["name_breakers"]),
        anonymous=re.compile(whole(alternation(data["anonymous"]))),
        anonymous_end=re.compile(rf"(?<!{_WORD})(?:{alternation(data['anonymous'])})$"),
        pronoun_addressee=re.compile(alternation(data["addressees"])),
    )


# --- the extractor ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Speaker:
    start: int
    end: int
    mention: Mention | None = None
    unnamed_head: str | None = None
    tail: int = 0  # where the phrase ended in the text, before guillemets were trimmed off
    head_end: int = 0  # where the phrase ended before an apposition («...، مستشار الرئيس ...،»)
    pronoun: bool = False  # «معاليه»: refers back, names nobody
    plural: bool = False  # «وأكدوا» with no subject: several people, never one named before


def annotate(article: Article) -> None:
    """Fill ``article.quotes``; never raises on odd text (it only finds fewer quotes)."""
    text = article.text
    if not text:
        article.quotes = []
        return
    # «ه»: a one-letter mention is a slip of the tagger and names nobody.
    mentions = sorted((m for m in article.mentions if len(m.text.strip()) > 1), key=lambda m: m.start)
    quotes: list[Quote] = []
    speakers: list[_Speaker | None] = []
    spans = sentences(text)
    for start, end in spans:
        for quote, speaker in _sentence_quotes(text, start, end, mentions):
            quotes.append(quote)
            speakers.append(speaker)
    _resolve_unnamed(text, quotes, speakers)
    _resolve_honorifics(text, quotes, speakers, mentions)
    plural = {
        id(quote) for quote, speaker in zip(quotes, speakers, strict=True) if speaker and speaker.plural
    }
    _continue_speakers(quotes, _new_subjects(text, spans, mentions), plural)
    article.quotes = quotes


def _sentence_quotes(
    text: str, start: int, end: int, mentions: list[Mention]
) -> list[tuple[Quote, _Speaker | None]]:
    lex = lexicon()
    found: list[tuple[Quote, _Speaker | None]] = []
    quoted = [(a + start, b + start) for a, b in quoted_spans(text[start:end])]
    taken_until = start
    verbs = [m for m in lex.verb.finditer(text, start, end) if not _inside(m.start(), quoted)]
    for index, match in enumerate(verbs):
        if match.start() < taken_until:
            continue
        lemma = lex.lemma_of.get(_key(match.group("verb")))
        if lemma is None:
            continue
        if lex.not_reporting_before.search(text, max(start, match.start() - 8), match.start()):
            continue  # «طلب عدم كشف اسمه»
        if lemma == "بيّن" and not _explains(text, start, match):
            continue  # «بين الجانبين»، «ما بين»: the preposition
        if lemma == "أوضح" and _elative(text, start, match):
            continue  # «رسالة أوضح، بأن»: «clearer», an adjective
        limit = verbs[index + 1].start() if index + 1 < len(verbs) else end
        before = text[start : match.start()]
        frame = lex.frame.search(before)
        if frame and not before[: frame.start()].strip(" ،,") == "":
            framed = _framed(text, start, start + frame.start(), match, lemma, end, mentions)
            if framed:
                found.append(framed)
                taken_until = framed[0].speaker_end or match.end()
            continue
        result = _forward(text, match, lemma, start, end, limit, quoted, mentions, bool(found))
        if result:
            quote, head = result
            if head is None and quote.speaker_text is None and _key(match.group("verb")).endswith("وا"):
                head = _Speaker(match.start(), match.end(), pronoun=True, plural=True)
            found.append((quote, head))
            taken_until = quote.end
    return found


_BETWEEN = re.compile(rf"(?<!{_WORD})بين(?!{_WORD})")


def _explains(text: str, sentence_start: int, verb: re.Match[str]) -> bool:
    """Is this «بين» the verb «بيّن» (explained) and not the preposition (between)? Written with
    its shadda, or as another form («بينت»، «مبينا»), it is the verb; bare, only where a clause
    opens: «وبين الوزير أن»، «، بين أن»، «الذي بين أن» — never «تربط بين البلدين»، «ما بين»."""
    word = verb.group("verb")
    if "\u0651" in word or _key(word) != "بين":
        return True
    if verb.group("proclitic"):
        # «بين الأول وبين الثاني»: the second «بين» of a pair is the preposition too.
        return not _BETWEEN.search(text, max(sentence_start, verb.start() - 60), verb.start())
    before = text[sentence_start : verb.start()].rstrip()
    if not before or before[-1] in ".،,:؛!؟)-–—":
        return True
    return bool(
        lexicon().clause_opener_before.search(text, max(sentence_start, verb.start() - 12), verb.start())
    )


def _elative(text: str, sentence_start: int, verb: re.Match[str]) -> bool:
    """«رسالة أوضح من ...»: bare «أوضح» after a noun and before a comma or «من» is the adjective
    «clearer», not the verb «explained»."""
    if verb.group("proclitic") or _key(verb.group("verb")) != _key("أوضح"):
        return False
    before = text[max(sentence_start, verb.start() - 20) : verb.start()].rstrip()
    if not before or before[-1] in ".،,:؛!؟)-–—" or lexicon().clause_opener_before.search(before + " "):
        return False
    return bool(re.match(r"\s*(?:[،,.]|من\s)", text[verb.end() : verb.end() + 5]))


def _inside(position: int, quoted: list[tuple[int, int]]) -> bool:
    return any(open_ < position < close for open_, close in quoted)


def _framed(
    text: str,
    start: int,
    frame_start: int,
    verb: re.Match[str],
    lemma: str,
    end: int,
    mentions: list[Mention],
) -> tuple[Quote, _Speaker] | None:
    """«يجري بوتين زيارة ...، على ما أعلن «الكرملين».» → the clause before the frame."""
    clause_start, clause_end = _trim(text, start, frame_start)
    while clause_end > clause_start and text[clause_end - 1] in "،,":
        clause_end -= 1
    if len(text[clause_start:clause_end].split()) <= NAME_MAX_WORDS:
        return None
    # «بحسب ما أفاد به مسؤول»: the object pronoun, or a hearer, before the speaker.
    speaker = _speaker_phrase(text, _skip_addressee(text, verb.end(), end, mentions), end, mentions)
    if speaker is None:
        return None
    return _quote(text, clause_start, clause_end, "indirect", lemma, speaker, None), speaker


def _forward(
    text: str,
    verb: re.Match[str],
    lemma: str,
    sentence_start: int,
    end: int,
    limit: int,
    quoted: list[tuple[int, int]],
    mentions: list[Mention],
    follows_quote: bool = False,
) -> tuple[Quote, _Speaker | None] | None:
    """A verb followed by its speaker, medium and then «: «...»» or «أن ...»."""
    lex = lexicon()
    if lex.sacred.match(text, verb.end()):
        return None  # «قال تعالى: ...» cites scripture
    early_medium, cursor = _skip_interjections(text, verb.end(), end)
    idiom = lex.idiom_object.match(text, cursor)
    cursor = idiom.end() if idiom else cursor  # «لافتاً الانتباه إلى أن»
    cursor = _skip_prepositional(text, cursor, end)
    cursor = _skip_addressee(text, cursor, end, mentions)
    # «كان يؤكد دائماً أن»، «فقال مبتسمًا:»، «وقال، ...، متوجهاً إلى مصر، إن»: an accusative with
    # tanwin is an adverb or a حال, never the subject; it and its phrase are skipped.
    adverb = _CIRCUMSTANTIAL.match(text, cursor) or lex.circumstantial.match(text, cursor)
    if adverb and not lex.verb.match(text, cursor):  # «مشيراً إلى أن» is the next frame, not skipped
        cursor = _skip_adverbial(text, adverb.end(), end)
    # «كان قد اعتبر مشروع إيران ...»: after «قد» the subject was named before the verb, and the
    # words after it are the verb's object.
    perfect = lex.subject_closer.search(text, max(sentence_start, verb.start() - 6), verb.start() - 1)
    speaker = None if perfect else _speaker_phrase(text, cursor, end, mentions)
    cursor = _skip_addressee(text, speaker.tail, end, mentions) if speaker else cursor
    by_saying = lex.idiom_object.match(text, cursor) if speaker else None
    cursor = by_saying.end() if by_saying else cursor  # «وأكد ذلك مصدر ... بقول: إن»
    participle = _key(verb.group("verb")) in lex.participles
    # «كما تحدث صديقه سعد المطيري حيث قال:»: after «حيث» a verb in the masculine singular has the
    # clause's subject, a person named in it, as a participle has; «حيث قالوا» and «حيث أفادت» are
    # others (a plural, an institution).
    where = (
        not participle
        and _WHERE_BEFORE.search(text, max(sentence_start, verb.start() - 6), verb.start()) is not None
        and not _key(verb.group("verb")).endswith(("ت", "وا", "ا"))
    )
    if speaker is None and not participle and not where:
        speaker = _subject_before(text, sentence_start, verb.start(), mentions)
    # «وأشارت مصادر إلى أن ...، مشيرة إلى أن»: a participle after a quote of its sentence goes on
    # with that quote's speaker.
    if speaker is None and verb.start() > sentence_start + 5 and not (participle and follows_quote):
        speaker = _sentence_subject(text, sentence_start, verb.start(), mentions, participle or where, where)
    medium, cursor = _skip_interjections(text, cursor, end)
    medium = medium or early_medium
    rest = text[cursor:end]
    stripped = rest.lstrip(" ،,")
    offset = cursor + len(rest) - len(stripped)
    for preposition in lex.prepositions.get(lemma, []):
        if stripped.startswith(preposition):
            after = stripped[len(preposition) :]
            if preposition == "ب" or after[:1].isspace():
                offset += len(stripped) - len(after.lstrip())
                stripped = after.lstrip()
            break
    if stripped.startswith(":"):
        after = stripped[1:].lstrip()
        open_ = offset + len(stripped) - len(after)
        if after[:1] in QUOTE_PAIRS:
            close = _closing(quoted, open_)
            if close is None:
                return None
            quote = _quote(text, open_ + 1, close, "direct", lemma, speaker, medium)
            return quote, speaker
        # «قال: إن ...» and «قال: سنواصل ...»: the words after the colon, to the sentence end.
        body_start = open_
        body_start = _after_complementizer(text, body_start, end)
        body_end = _clause_end(text, body_start, end, limit)
        if body_end - body_start < 2:
            return None
        quote = _quote(
            text, body_start, body_end, _kind(text, body_start, body_end, quoted), lemma, speaker, medium
        )
        return quote, speaker
    complement = lex.complementizer.match(text, offset)
    if complement:
        body_start = complement.end()
        while body_start < end and text[body_start].isspace():
            body_start += 1
        body_end = _clause_end(text, body_start, end, limit)
        if body_end - body_start < 2:
            return None
        kind = _kind(text, body_start, body_end, quoted)
        quote = _quote(text, body_start, body_end, kind, lemma, speaker, medium)
        return quote, speaker
    if stripped[:1] in QUOTE_PAIRS:
        close = _closing(quoted, offset)
        if close is not None and len(text[offset + 1 : close].split()) > NAME_MAX_WORDS:
            quote = _quote(text, offset + 1, close, "direct", lemma, speaker, medium)
            return quote, speaker
    return None


_CLAUSE_MARK = re.compile(r"[،,:]")  # a comma or colon closes a clause
_BULLET = re.compile(r"[•●▪■*\-–]\s*")
_HEARER_TAIL = re.compile(rf"\s+((?:و?لل|ول|ال){_WORD}+)")


_WHERE_BEFORE = re.compile(rf"(?<!{_WORD})(?:حيث|إذ)\s+$")


def _skip_addressee(text: str, position: int, end: int, mentions: list[Mention]) -> int:
    """«وقالت لوالديها إنها ...»، «قال له الوزير إن ...»: the one spoken to, right after the verb, is
    not the speaker; the speaker, if any, follows it. A name the entity step found there stays."""
    while position < end and text[position].isspace():
        position += 1
    lex = lexicon()
    hearer = lex.addressee.match(text, position, end)
    if hearer is None or starting_in(mentions, position, position + 1):
        return position
    if lex.pronoun_addressee.fullmatch(hearer.group()):
        return hearer.end()  # «قال له الوزير»: the subject may follow a pronoun
    # «للصحفيين الأجانب»، «لسعادتكم وللقراء الكرام»: the hearer's adjectives and other hearers.
    position = hearer.end()
    while (more := _HEARER_TAIL.match(text, position, end)) and not lex.time_words.match(text, more.start(1)):
        position = more.end()  # «اليوم» after the hearer is the time, skipped with the medium
    return position


def _skip_adverbial(text: str, position: int, end: int) -> int:
    """The rest of an adverbial phrase («متوجها إلى مصر،»، «مستشهدا بالأبيات:»): up to the comma, the
    colon or the complementizer that ends it, when one comes soon; else only the adverb."""
    window_end = min(end, position + 80)
    stop = _CLAUSE_MARK.search(text, position, window_end)
    complement = lexicon().complementizer.search(text, position, window_end)
    if complement and (stop is None or complement.start() < stop.start()):
        return complement.start()
    if stop is None:
        return position
    return stop.start() if text[stop.start()] == ":" else stop.end()


def _skip_prepositional(text: str, position: int, end: int) -> int:
    """«قال أثناء زيارة للعراق إن ...»: a phrase of place or time before the complement is skipped
    (the speaker is then the previous one); one closed by a comma is skipped and the speaker follows."""
    lex = lexicon()
    if not lex.prepositional.match(text, position):
        return position
    window_end = min(end, position + 80)
    complement = lex.complementizer.search(text, position + 1, window_end)
    comma = _CLAUSE_MARK.search(text, position, window_end)
    if complement and (comma is None or complement.start() < comma.start()):
        return complement.start()
    if comma and text[comma.start()] != ":":
        return comma.end()
    return position


def _closing(quoted: list[tuple[int, int]], open_: int) -> int | None:
    for start, close in quoted:
        if start == open_:
            return close
    return None


def _after_complementizer(text: str, position: int, end: int) -> int:
    match = lexicon().complementizer.match(text, position)
    if not match:
        return position
    position = match.end()
    while position < end and text[position].isspace():
        position += 1
    return position


def _clause_end(text: str, start: int, end: int, limit: int) -> int:
    """The reported words run to the sentence end, or to the next reporting frame («، مضيفا أن»)."""
    stop = end
    if limit < end:
        # Only cut at the next verb when it opens a new frame (after a comma or «و»).
        tail = text[start:limit].rstrip()
        if tail.endswith(("،", ",")) or text[limit] in "وف":
            stop = limit
    stop_start, stop_end = _trim(text, start, stop)
    while stop_end > stop_start and text[stop_end - 1] in "،,.:؛":
        stop_end -= 1
    return stop_end


def _kind(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> str:
    """Indirect speech that carries someone's own words («...») is mixed."""
    for open_, close in quoted:
        if start <= open_ and close < end and len(text[open_ + 1 : close].split()) > NAME_MAX_WORDS:
            return "mixed"
        if open_ < start <= close:  # the reported words begin inside a quotation
            return "mixed"
    return "indirect"


_SPEAKER_STOP = re.compile(
    r"[،,:؛(«\"“]|\s(?=[وف]?(?:في|على|عبر|خلال|عن)\s|لـ|ل[«\"“]|ل(?:ل?صحيفة|ل?وكالة|ل?قناة|ل?شبكة|ل?تلفزيون|ل?إذاعة|ل?موقع|ل?جريدة|ل?مجلة)(?:\s|$))"
)


def _speaker_phrase(text: str, position: int, end: int, mentions: list[Mention]) -> _Speaker | None:
    """The noun phrase after the verb, up to a comma, colon, complementizer or medium.

    «مساعد الرئيس، ميخايلو بودولياك،» keeps its apposition: a comma followed by a person's name
    (a PERS mention, or two to four words that are neither time nor medium) and another comma.
    """
    lex = lexicon()
    start = position
    while start < end and text[start].isspace():
        start += 1
    if start >= end or text[start] in ":،,":
        return None
    complement = lex.complementizer.match(text, start)
    if complement or lex.time_words.match(text, start) or lex.prepositional.match(text, start):
        return None
    if lex.anonymous.match(text, start):
        return _anonymous(start, lex.anonymous.match(text, start).end())  # type: ignore[union-attr]
    if (
        lex.not_speakers.match(text, start)
        or (
            text[start] in "وف" and lex.not_speakers.match(text[start + 1 : start + 24])
        )  # «فقالوا وما العيب أن»
        or lex.verb.match(text, start)
    ):
        return None  # «وأردف يقول»: the next verb carries the quote
    honorific = lex.honorific.match(text, start)
    if honorific and not re.match(_WORD, text[honorific.end() : honorific.end() + 1]):
        # «وأشار معاليه»: a pronoun; the previous speaker goes on
        return _Speaker(start, honorific.end(), tail=honorific.end(), head_end=honorific.end(), pronoun=True)
    search_from = start
    if text[start] in QUOTE_PAIRS:  # «الكرملين» names the speaker
        close = text.find(QUOTE_PAIRS[text[start]], start + 1, min(end, start + 40))
        if close < 0:
            return None  # «قال "على أعداء أميركا أن ...»: a long quotation opens, not a name
        search_from = close + 1
    stop = lex.speaker_stop.search(text, search_from, end)
    if stop and text[stop.start()] in QUOTE_PAIRS and lex.media_noun.search(text, start, stop.start()):
        close = text.find(QUOTE_PAIRS[text[stop.start()]], stop.start() + 1, min(end, stop.start() + 40))
        if close > 0:  # «صحيفة «ذا تايمز أوف إنديا»» is one speaker
            stop = lex.speaker_stop.search(text, close + 1, end)
    phrase_end = stop.start() if stop else end
    if stop:
        phrase_end = _named_after_place(text, stop.start(), end, mentions) or phrase_end
    # «أفادت وزارة الصحة فرانس برس»: an agency after the speaker is who was told, unless an
    # outlet noun opens it («وكالة الأناضول»).
    for agency in lex.bare_agency.finditer(text, start, phrase_end):
        if not lex.outlet_noun_before.search(text, start, agency.start()):
            phrase_end = agency.start()
            break
    for pattern in (lex.complementizer, lex.time_words, lex.phrase_stops):
        inner = pattern.search(text, start, phrase_end)
        if inner:
            phrase_end = inner.start()
    # «أشار التقرير إلى أن»: the verb's own preposition closes the phrase.
    trailing = re.compile(r"\s+(?:إلى|الى|على|عن|بـ)\s*$").search(text, start, phrase_end)
    if trailing:
        phrase_end = trailing.start()
    words = text[start:phrase_end].split()
    if len(words) > MAX_SPEAKER_WORDS or not words:
        return None
    phrase_end = _trim(text, start, phrase_end)[1]
    while phrase_end > start and text[phrase_end - 1] in ".!؟?":
        phrase_end -= 1
    if not re.search("[\u0621-\u064a]", text[start:phrase_end]) or text.startswith("لل", start):
        return None
    apposition_end = _apposition(text, phrase_end, end, mentions)
    speaker = _Speaker(
        start, apposition_end or phrase_end, tail=apposition_end or phrase_end, head_end=phrase_end
    )
    # After the verb the phrase is the subject alone («قال فهد بارباع أن»): a cut name may run on.
    _link(text, speaker, mentions, has_apposition=apposition_end is not None, run_on=True)
    return speaker


_CIRCUMSTANTIAL = re.compile(rf"[\u0621-\u064a]{{3,}}(?:\u064b\u0627|\u0627\u064b)(?!{_WORD})")


def _anonymous(start: int, end: int) -> _Speaker:
    """«هناك من يقول»، «ويرى البعض»: someone unnamed speaks; the quote gets no speaker, and is not
    handed the previous quote's."""
    return _Speaker(start, end, tail=end, head_end=end, pronoun=True, plural=True)


def _named_after_place(text: str, position: int, end: int, mentions: list[Mention]) -> int | None:
    """«المتحدث باسم المقاومة في أبين محمد عقيل بأن»: an office in a place followed by the person's
    name and the complementizer is one speaker; the phrase runs to the complementizer."""
    lex = lexicon()
    place = re.compile(r"\s+في\s").match(text, position, end)
    if not place or any(pattern.match(text, position + 1) for pattern, _ in lex.media):
        return None
    window = min(end, place.end() + 80)
    complement = lex.complementizer.search(text, place.end(), window)
    colon = text.find(":", place.end(), window)
    stops = [p for p in (complement.start() if complement else -1, colon) if p >= 0]
    if not stops:
        return None
    stop = min(stops)
    # «في مكتب التحقيقات الفيدرالي، ايد رينولد:»: one comma may set off the name itself.
    names = [m for m in starting_in(mentions, place.end(), stop) if m.type == "PERS"]
    inner = text[place.end() : stop]
    comma = re.search(r"[،,]", inner)
    if comma and not (
        names and place.end() + comma.end() <= names[-1].start and inner.count("،") + inner.count(",") == 1
    ):
        return None
    if re.search(r"[:؛«\"“]", inner) or len(inner.split()) > 7:
        return None
    if lex.time_words.search(text, place.end(), stop):
        return None
    return _trim(text, place.end(), stop)[1] if names else None


def _subject_before(text: str, start: int, verb_start: int, mentions: list[Mention]) -> _Speaker | None:
    """«الرئيس الأوكراني فولوديمير زيلينسكي قال إن ...»: a short subject opening the sentence."""
    phrase_start, phrase_end = _trim(text, start, verb_start)
    # «إلا أن رئيس اللجنة في مجلس النواب، مايكل ماكول، قال إن»: the name right before the verb.
    for mention in starting_in(mentions, phrase_start, phrase_end + 1):
        if mention.type == "PERS" and mention.end <= phrase_end:
            if not text[mention.end : phrase_end].strip(" ،,") and not _object_of_preposition(
                text, start, mention
            ):
                speaker = _Speaker(mention.start, mention.end, mention=mention, tail=verb_start)
                return _kunya(text, speaker)
    topic = re.compile(r"(?:و)?أما\s+([^،,]{2,60})[،,]").match(text, phrase_start, phrase_end)
    if topic:  # «أما جيو جان، ...، فترى أن»: the topic is the speaker
        phrase_start, phrase_end = topic.start(1), topic.end(1)
    else:  # «وعلى الرغم من أن الاتفاق ينص على ذلك، فإن لافروف قال»: the main clause's subject
        main = re.compile(r".*[،,]\s*(?=(?:فإن|فان|إلا أن|الا ان)\s)", re.S).match(
            text, phrase_start, phrase_end
        )
        if main:
            phrase_start = main.end()
    lex = lexicon()
    bullet = _BULLET.match(text, phrase_start, phrase_end)
    if bullet:  # «• هناك من يرى»: a list's bullet
        phrase_start = bullet.end()
    # «فإن لافروف قال إنه»: the particles before a subject are not part of it.
    opener = re.compile(r"(?:ولكن|لكن|إلا أن|الا ان|فإن|فان|وإن|لأن|إن|أن|و|ف)\s+").match(
        text, phrase_start, phrase_end
    )
    if opener:
        phrase_start = opener.end()
    # «وكان المتحدث باسم الحكومة راجح بادي قد قال»: the auxiliary and «قد» frame the subject.
    auxiliary = lex.subject_opener.match(text, phrase_start, phrase_end)
    if auxiliary:
        phrase_start = auxiliary.end()
    opening = lex.opening_verb.match(text, phrase_start, phrase_end)
    if opening:  # «واستدرك الفهيد مؤكداً»: the verb opening the sentence is not its subject
        phrase_start = opening.end()
    closer = lex.subject_closer.search(text, phrase_start, phrase_end)
    if closer:
        phrase_end = closer.start()
    phrase = text[phrase_start:phrase_end]
    if not phrase or any(mark in phrase for mark in '،,:«»"') or not 1 <= len(phrase.split()) <= 8:
        return None
    bare = phrase[1:] if phrase[:1] in "وف" else phrase
    if lex.subject_opener.fullmatch(phrase + " "):
        return None  # «وكان يؤكد»: the auxiliary alone, no subject
    # «بل وحتى أن هناك من يرى أن»: the unnamed subject ends the phrase, right before the verb.
    if lex.anonymous.match(phrase) or lex.anonymous.match(bare) or lex.anonymous_end.search(phrase):
        return _anonymous(phrase_start, phrase_end)
    if lex.complementizer.search(phrase) or lex.not_speakers.match(phrase) or lex.not_speakers.match(bare):
        return None  # «والدليل هو أنه كان قد اعتبر»: a clause; «هناك من يقول»: nobody in particular
    # «وعن رسالته للأندية قال:»: a phrase opening on a preposition is the topic, not the subject.
    if (
        lex.prepositional.match(bare)
        or lex.verb.fullmatch(phrase)
        or len(lex.prepositional.findall(phrase)) >= 2
    ):
        return None  # «وأردف يقول»; «فركت الطاسة من بقايا العجين»: a clause, not a subject
    if lexicon().time_words.match(phrase):
        return None
    speaker = _Speaker(phrase_start, phrase_end, tail=verb_start)
    _link(text, speaker, mentions, has_apposition=False, run_to_end=True)
    return speaker


def _sentence_subject(
    text: str,
    start: int,
    verb_start: int,
    mentions: list[Mention],
    participle: bool = False,
    persons_only: bool = False,
) -> _Speaker | None:
    """«استنكر النائب منصور الظفيري العمل الإرهابي، مؤكداً أن ...»: a verb in mid-sentence with no
    subject of its own shares the sentence's first named person, else its first organization: in
    «يكشف كابتن فريق اتحاد الرياض السابق حسين العييد ... قائلاً» the club only qualifies the captain."""
    glued = _GLUED_STOP.search(text, start, verb_start)
    if glued:  # «... الجديد .وفي نهاية الجولة أشاد الحارثي»: a sentence the splitter left joined
        start = max(m.end() for m in _GLUED_STOP.finditer(text, start, verb_start))
    # «ومع أن عون حذر ...، إلا أن قائد الجيش رد ...، محذرا»: after a concession, the main clause.
    main = [m.end() for m in _MAIN_CLAUSE.finditer(text, start, verb_start)]
    if main:
        start = main[-1]
    quoted = quoted_spans(text[start:verb_start])
    candidates = [
        mention
        for mention in starting_in(mentions, start, verb_start + 1)
        if mention.end <= verb_start
        and mention.type in ("PERS", "ORG")
        and not _inside(mention.start - start, quoted)
        and not lexicon().place_head_before.search(text, max(start, mention.start - 24), mention.start)
        and not _object_of_preposition(text, start, mention)
        # «الموالية لتنظيم القاعدة»: a mention tagged from inside a word («ل» + name) is an object.
        and not (mention.start > 0 and re.match(_WORD, text[mention.start - 1]))
    ]
    if participle:
        persons = [mention for mention in candidates if mention.type == "PERS"]
        chosen = (persons or ([] if persons_only else candidates))[:1]
        # «وأعلنت وزارة الصحة ... الطبيب فلان ...، مؤكدة أن»: the participle's subject is the main
        # verb's, named at the clause's opening, not a person named further on.
        opening = [m for m in candidates[:1] if m.type == "ORG" and _words(text, start, m.start) <= 1]
        if opening and not persons_only and not _role_then_person(text, opening[0], candidates):
            chosen = opening
    else:
        # «وأدانت الهيئة دخول الوزير فلان ... وقالت»: a verb with no subject shares the subject of
        # the sentence's opening verb, named right after it, never a name further on.
        chosen = [m for m in candidates[:1] if _words(text, start, m.start) <= SUBJECT_REACH]
        # «مدرب مانشستر يونايتد، الهولندي لويس فان غال»: a club after a role qualifies the person
        # the phrase goes on to name.
        if chosen and chosen[0].type == "ORG" and _words(text, start, chosen[0].start) >= 1:
            person = [
                m for m in candidates[1:2] if m.type == "PERS" and _words(text, chosen[0].end, m.start) <= 2
            ]
            chosen = person or chosen
    if not chosen:
        return None
    return _kunya(text, _Speaker(chosen[0].start, chosen[0].end, mention=chosen[0], tail=verb_start))


# A sentence end glued to the next word («الجديد .وفي»، «الجديد.وفي»), not a title's «د.» («د.معاذ»).
_GLUED_STOP = re.compile(r"(?:(?<=\S\S)|(?<=\s))[.!؟](?=[^\W\d_])")


# Only «إلا أن» after a concession: «وبحسب فلان، فإن ...، مبينا» still has فلان as its subject.
_MAIN_CLAUSE = re.compile(r"[،,]\s*(?:إلا أن|إلا أنّ|الا ان|الا أن)\s+")


def _role_then_person(text: str, organization: Mention, candidates: list[Mention]) -> bool:
    """«وقال مدرب الهلال، البرتغالي جيسوس»: the club qualifies a person named next; «وأشادت
    الوزارة بجهود الطبيب فلان» names an object, after a word with ب."""
    after = [m for m in candidates if m.start >= organization.end][:1]
    if not after or after[0].type != "PERS":
        return False
    between = [word for word in text[organization.end : after[0].start].split() if word not in "،,"]
    return len(between) <= 2 and not any(word[:1] in "بل" for word in between)


def _object_of_preposition(text: str, start: int, mention: Mention) -> bool:
    """«اهتمامه بضم راموس، وأكد»: a name after a preposition, or after a word carrying ب or ل,
    is an object, not the subject of the next verb; so is one listed after «وهم»/«منهم»
    («فرضت عقوبات على ثلاثة من قادة الحزب، وهم فلان ...، مشيرا»)."""
    before = text[max(start, mention.start - 14) : mention.start]
    return bool(
        re.search(r"(?:^|\s)(?:[بل]\S{2,}|في|على|من|عن|مع|إلى|الى|و?هم|و?هما|و?منهم|بينهم)\s+$", before)
    )


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _kunya(text: str, speaker: _Speaker) -> _Speaker:
    """«أم محمد»: a name cut from its kunya gets it back, and loses the key made from the cut name."""
    kunya = lexicon().kunya_before.search(text, max(0, speaker.start - 5), speaker.start)
    if kunya and speaker.mention is not None:
        mention = speaker.mention
        entity = None if (mention.entity or "").startswith("local:") else mention.entity
        start = kunya.start()
        speaker.mention = Mention(start, mention.end, text[start : mention.end], mention.type, entity)
        speaker.start = start
    return speaker


def _apposition(text: str, position: int, end: int, mentions: list[Mention]) -> int | None:
    lex = lexicon()
    if position >= end or text[position] not in "،,":
        return None
    start = position + 1
    while start < end and text[start].isspace():
        start += 1
    close = _CLAUSE_MARK.search(text, start, end)
    if not close:
        return None
    candidate = text[start : close.start()].strip()
    if lex.time_words.match(candidate) or lex.complementizer.match(candidate):
        return None
    if any(pattern.match(candidate) for pattern, _ in lex.media):
        return None
    in_mention = any(m.type == "PERS" for m in starting_in(mentions, start, close.start()))
    if in_mention or (mentions == [] and 2 <= len(candidate.split()) <= 4):
        return _trim(text, start, close.start())[1]
    return None


def _link(
    text: str,
    speaker: _Speaker,
    mentions: list[Mention],
    has_apposition: bool,
    run_on: bool = False,
    run_to_end: bool = False,
) -> None:
    """Pick the mention that is the speaker: the last person («الرئيس الروسي فلاديمير بوتين»),
    else the first organization, else a place standing for its government («أعلنت روسيا»)."""
    # A mention starting inside a word («رانس برس» of «فرانس برس») is a tagging slip.
    inside = [
        m
        for m in starting_in(mentions, speaker.start, speaker.end + 2)
        if m.end <= speaker.end + 1 and not (m.start > 0 and re.match(_WORD, text[m.start - 1]))
    ]
    words = text[speaker.start : speaker.end].split() or [""]
    first_word = _key(words[0].strip("«»\"'“”"))
    first_word = (
        first_word[1:] if first_word[:1] in "وف" and first_word[1:] in lexicon().unnamed_heads else first_word
    )
    unnamed = first_word in lexicon().unnamed_heads
    # «نائب المستشارة الألمانية أنجيلا ميركل»: the one named is whose deputy speaks.
    persons = [
        m
        for m in inside
        if m.type == "PERS"
        # «معاون»، «الرئيس» tagged alone is a role, not a name
        and _key(m.text.strip()).removeprefix("ال") not in lexicon().name_breakers
        and not lexicon().deputy_before.search(text, max(0, m.start - 40), m.start)
        # «أعلن مركز كارتر»: a name right after the institution's noun opening the phrase names it.
        and not lexicon().place_head_opening.fullmatch(text, speaker.start, m.start)
    ]
    if unnamed and not has_apposition:
        persons = []
    organizations = [m for m in inside if m.type == "ORG"]
    places = [m for m in inside if m.type == "LOC" and m.start <= speaker.start + 1]
    # «اللواء جعفر محمد سعد، مستشار الرئيس عبد ربه منصور هادي،»: a person named before the
    # apposition is the speaker; the apposition's name is whom he serves.
    named_first = [m for m in persons if speaker.head_end and m.end <= speaker.head_end]
    if has_apposition and named_first:
        speaker.mention = named_first[-1]
    elif persons and len(text[speaker.start : persons[0].start].split()) == 0:
        speaker.mention = persons[0]  # «رأفت الصباغ المتحدث باسم مركز الملك سلمان»
    elif persons:
        speaker.mention = persons[-1]
    elif organizations and not unnamed:
        speaker.mention = organizations[0]
    elif places and not unnamed:
        speaker.mention = places[0]
    elif unnamed:
        head = words[1] if first_word in {"احد", "احدي"} and len(words) > 1 else words[0]
        speaker.unnamed_head = _role_stem(head)
    if (run_on or run_to_end) and speaker.mention is not None and speaker.mention.type == "PERS":
        speaker.mention = _whole_name(text, speaker.mention, speaker.head_end or speaker.end, run_to_end)
    if speaker.mention is None and not unnamed and text[speaker.start] in QUOTE_PAIRS:
        # With no entity step, keep the phrase without guillemets («الكرملين» → الكرملين).
        speaker.start += 1
        if speaker.end > speaker.start and text[speaker.end - 1] in '»"”':
            speaker.end -= 1


_NAME_WORD = re.compile(r"[\u0621-\u064a\u0651]{2,}")
_NEXT_WORD = re.compile(r"\s+(\S+)")
_NAME_PARTICLES = frozenset(_key(word) for word in ("آل", "بن", "ابن", "بنت", "أبو", "ابو", "أم", "عبد"))


def _name_ends(word: str) -> bool:
    """Does a person's name end before this word? A title («قائد»), an article («الشرطة»), a
    particle, a word with «و» («وانتقل») or with a possessive pronoun («بإنجازها») is no part of it."""
    if not _NAME_WORD.fullmatch(word):
        return True
    key = _key(word)
    breakers = lexicon().name_breakers
    return (
        key in breakers
        or (key[:1] in "وفبل" and key[1:] in breakers)
        or key.startswith(("ال", "وال", "بال", "لل", "فال", "و"))
        or key.endswith(("ها", "هم", "هما", "كم", "نا", "ته"))
    )


def _whole_name(text: str, mention: Mention, limit: int, to_end: bool = False) -> Mention:
    """«وأكد فهد بارباع أن»، «أفاد جون بلمار قائد الشرطة»: a speaker's name the entity step cut after
    its first word runs on over the next word or two of the speaker phrase, up to a title («قائد»),
    an article («الشرطة»), a particle or the phrase's end."""
    lex = lexicon()
    words = mention.text.split()
    # «مجدي آل» of «مجدي آل بركة»: a name cut after a particle takes the word the particle needs.
    cut_particle = len(words) > 1 and _key(words[-1]) in _NAME_PARTICLES
    if (len(words) > 1 and not cut_particle) or not words or _key(words[0]) in lex.name_breakers:
        return mention
    end = mention.end
    for _ in range(1 if cut_particle else 2):
        word = _NEXT_WORD.match(text, end, limit)
        if not word or _name_ends(word.group(1)):
            break
        end = word.end()
    after = _NEXT_WORD.match(text, end, limit)
    # The run must stop where a name can end: the phrase's end, a title, an article or a particle,
    # not inside a clause («اعترف أوباما باجتماع G7»).
    if end == mention.end or (after and not _name_ends(after.group(1))):
        return mention
    if to_end and text[end:limit].strip():
        return mention  # «وكان المتحدث راجح بادي قد قال»: before the verb, only a name ending the subject
    entity = None if (mention.entity or "").startswith("local:") else mention.entity
    return Mention(mention.start, end, text[mention.start : end], mention.type, entity)


def _role_stem(word: str) -> str:
    """«مساعدي» and «مساعد» share the role «مساعد»; «مستشاري» and «مستشار» likewise."""
    word = _key(word.strip("«»،,"))
    for suffix in ("ين", "ون", "ي"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_WORD_CHAR = re.compile(_WORD)


def _skip_interjections(text: str, position: int, end: int) -> tuple[str | None, int]:
    """Skip commas, time adverbs («الجمعة») and the medium («في بيان»), returning the medium."""
    lex = lexicon()
    medium: str | None = None
    while position < end:
        while position < end and (text[position].isspace() or text[position] in "،,"):
            position += 1
        time = lex.time_words.match(text, position)
        if time:
            position = time.end()
            paren = re.compile(r"\s*\([^)]{1,20}\)").match(text, position)
            if paren:
                position = paren.end()
            continue
        for pattern, fixed in lex.media:
            cue = pattern.match(text, position)
            if cue:
                name = cue.groupdict().get("name")
                medium = (name.strip("«» ") if name else fixed) or medium
                position = cue.end()
                # «في تصريحه»، «في بيانها»: the cue's word goes on with its pronoun.
                while position < end and _WORD_CHAR.match(text, position):
                    position += 1
                break
        else:
            return medium, position
    return medium, position


def _quote(
    text: str, start: int, end: int, kind: str, verb: str, speaker: _Speaker | None, medium: str | None
) -> Quote:
    quote = Quote(start=start, end=end, text=text[start:end], kind=kind, verb=verb, medium=medium)  # type: ignore[arg-type]
    if speaker is not None and not speaker.pronoun:
        span_start, span_end = (
            (speaker.mention.start, speaker.mention.end) if speaker.mention else (speaker.start, speaker.end)
        )
        entity = speaker.mention.entity if speaker.mention else None
        # «محمد عقيل بأن»: a name tagged with the complementizer after it loses that word, and
        # its made-up key with it.
        tail = re.compile(rf"\s+{whole(lexicon().complementizer.pattern)}$").search(
            text, span_start, span_end
        )
        if tail:
            span_end = tail.start()
            entity = None if entity and entity.startswith("local:") else entity
        # «واستدرك الفهيد»: a name tagged with the verb before it loses the verb, and its made-up key.
        lex = lexicon()
        head = lex.opening_verb.match(text, span_start, span_end)
        if (
            head is None
            and (said := lex.verb.match(text, span_start, span_end))
            and text[said.end() : said.end() + 1] == " "
        ):
            head = said
        if head is not None and text[head.end() : span_end].strip():
            span_start = (
                head.end() + len(text[head.end() : span_end]) - len(text[head.end() : span_end].lstrip())
            )
            entity = None if entity and entity.startswith("local:") else entity
        quote.speaker_start, quote.speaker_end = span_start, span_end
        quote.speaker_text = text[span_start:span_end]
        quote.speaker = entity
    return quote


def _resolve_unnamed(text: str, quotes: list[Quote], speakers: list[_Speaker | None]) -> None:
    """«أحد مساعدي الرئيس» → the «مساعد الرئيس، ميخايلو بودولياك» quoted elsewhere in the article:
    the entity key is shared, the span stays on the words of this sentence."""
    for quote, speaker in zip(quotes, speakers, strict=True):
        if speaker is None or speaker.unnamed_head is None:
            continue
        for _other, named in zip(quotes, speakers, strict=True):
            if named is None or named.mention is None or named.mention.entity is None:
                continue
            roles = {_role_stem(word) for word in text[named.start : named.mention.start].split()}
            if speaker.unnamed_head in roles:
                quote.speaker = named.mention.entity
                break


def _resolve_honorifics(
    text: str, quotes: list[Quote], speakers: list[_Speaker | None], mentions: list[Mention]
) -> None:
    """«وقال سموه» → the last person named with «سمو» before it («صاحب السمو الملكي الأمير محمد
    بن نايف»), not whoever a sentence opened on since."""
    lex = lexicon()
    for quote, speaker in zip(quotes, speakers, strict=True):
        if speaker is None or not speaker.pronoun or speaker.plural:
            continue
        word = _key(text[speaker.start : speaker.end])
        title = lex.honorific_title.get(word) or lex.honorific_title.get(word[1:])
        if title is None:
            continue
        named = [
            m
            for m in starting_in(mentions, 0, speaker.start + 1)
            if m.type == "PERS"
            and m.end <= speaker.start
            and title.search(text, max(0, m.start - 40), m.start)
        ]
        if named:
            person = named[-1]
            quote.speaker, quote.speaker_text = person.entity, person.text
            quote.speaker_start, quote.speaker_end = person.start, person.end


_COMMA = re.compile(r"[،,]")
# «وفي هذا السياق،»، «من جهته،»، «وبدوره،»: an adverbial phrase opening a sentence.
_ADVERBIAL_OPENING = re.compile(r"[وف]?(?:في|من|على|عن|إلى|الى|بعد|قبل|خلال|ب|بدوره|بدورها)(?:\s|$)")


def _new_subjects(text: str, spans: list[tuple[int, int]], mentions: list[Mention]) -> list[Mention]:
    """People a sentence opens on («من جهته وصف إبراهيم الصاعدي ...»، «وحذر بوتين من ...»)."""
    openers: list[Mention] = []
    span_starts = [start for start, _ in spans]
    for mention in mentions:
        if mention.type != "PERS":
            continue
        k = bisect_right(span_starts, mention.start) - 1  # the last sentence starting at or before it
        if k >= 0 and mention.start < spans[k][1]:
            start, reach = spans[k][0], SUBJECT_REACH
            # «وفي هذا السياق، دعا هنري غاينو ...»: a short opening phrase with no name, closed by a
            # comma, then the verb and its subject.
            comma = _COMMA.search(text, start, mention.start)
            if (
                comma
                and _words(text, start, comma.start()) <= 4
                and not starting_in(mentions, start, comma.start())
                and _ADVERBIAL_OPENING.match(text, start, comma.start())
            ):
                start, reach = comma.end(), 2
            if (
                _words(text, start, mention.start) <= reach
                and not _object_of_preposition(text, start, mention)
                and not re.match(_WORD, text[mention.start - 1 : mention.start] or " ")
            ):
                openers.append(mention)  # not «رفع التهنئة لخادم الحرمين»، «بدأت بحسني الزعيم»
    return openers


def _continue_speakers(quotes: list[Quote], new_subjects: list[Mention], plural: set[int]) -> None:
    """«وأضاف أن ...» has no subject: it continues the previous quote's speaker, or the person a
    sentence in between opened on («من جهته وصف إبراهيم الصاعدي الشاطئ ... وأضاف أن»)."""
    previous: Quote | None = None
    for quote in quotes:
        if id(quote) in plural:
            continue  # «وأكدوا»: not the one person quoted before
        if quote.speaker_text is None:
            since = previous.end if previous is not None else -1
            opened = [m for m in new_subjects if since < m.start < quote.start]
            if opened:
                person = opened[-1]
                quote.speaker, quote.speaker_text = person.entity, person.text
                quote.speaker_start, quote.speaker_end = person.start, person.end
                previous = quote
                continue
        if quote.speaker_text is None and previous is not None:
            quote.speaker = previous.speaker
            quote.speaker_text = previous.speaker_text
            quote.speaker_start = previous.speaker_start
            quote.speaker_end = previous.speaker_end
        if quote.speaker_text is not None:
            previous = quote
