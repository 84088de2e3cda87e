"""The Arabic temporal tagger: find each date expression with its span and resolve it.

One precompiled pattern (``grammar.pattern``) scans the normalized text once; each match is read
by the reader for its kind, which resolves it against the anchor (the publication date). A reader
returns None when the match is not a date after all («الطرف الثاني», «فاز 3 صفر») or needs an
anchor that is missing; nothing here raises on odd input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from khabar.records import TemporalExpression
from khabar.understand.temporal import calendar as cal
from khabar.understand.temporal.grammar import part, pattern
from khabar.understand.temporal.tables import vocabulary

_MARKS = re.compile("[\u064b-\u0652]")
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DIGITS = re.compile(r"\d+")
_RANGE_PRE = re.compile(r"(?:من|بين)\s+")
_YEAR_NOUN = re.compile(r"(?<!\w)(?:عامي|العامين|سنتي|الاعوام|عام|العام|لعام|سنه|السنه|لسنه)(?!\w)")
_HIJRI_MARK = re.compile(r"(?<=\d)\s*(?:هـ|ه|هجريه|هجري)(?!\w)")
_AD_MARK = re.compile(r"(?<=\d)\s*(?:م|ميلاديه|ميلادي)(?!\w)")
_ATTACHED_TO = re.compile(r"\s+(?:فقط\s+)?(?:من|على)(?!\w)")
_OF_YEAR = re.compile(r"من\s+(?:العام|السنه)\s+")
_SENTENCE_END = re.compile(r"[.!؟?\n؛]")


@dataclass(slots=True)
class Reading:
    """What a reader made of a match; ``start`` may move past a leading «من» of a single day."""

    value: str
    granularity: str
    relative: bool = False
    begin: dt.date | None = None
    end_date: dt.date | None = None
    calendar: str = "gregorian"
    start: int | None = None


@dataclass(slots=True)
class Context:
    norm: str
    start: int
    end: int
    anchor: dt.date | None
    future_bias: bool

    def find(self, name: str) -> list[re.Match[str]]:
        return list(part(name).finditer(self.norm, self.start, self.end))

    def future(self) -> bool:
        return self.future_bias or _future_context(self.norm, self.start)


def tag(text: str, anchor: dt.date | None, *, future_bias: bool = False) -> list[TemporalExpression]:
    """Every temporal expression of ``text``, resolved against ``anchor``.

    >>> [e.value for e in tag("في 18 و19 أغسطس (آب) الحالي", dt.date(2024, 8, 16))]
    ['2024-08-18/2024-08-19']

    Without an anchor, expressions that need one («أمس», «الجمعة», «16 أغسطس») are skipped.
    """
    if not text or not isinstance(text, str):
        return []
    from khabar.understand.temporal.tables import normalize

    norm = normalize(text)
    found: list[TemporalExpression] = []
    for match in pattern().finditer(norm):
        kind = match.lastgroup
        if kind is None:
            continue
        start, end = match.span(kind)
        context = Context(norm, start, end, anchor, future_bias)
        try:
            reading = _READERS[kind](context)
        except (ValueError, OverflowError, KeyError, IndexError):
            reading = None
        if reading is None:
            continue
        start = reading.start if reading.start is not None else start
        found.append(
            TemporalExpression(
                start=start,
                end=end,
                text=text[start:end],
                value=reading.value,
                granularity=reading.granularity,  # type: ignore[arg-type]
                relative=reading.relative,
                begin=reading.begin.isoformat() if reading.begin else None,
                end_date=reading.end_date.isoformat() if reading.end_date else None,
                calendar=reading.calendar,  # type: ignore[arg-type]
            )
        )
    return found


# --- helpers -----------------------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(_MARKS.sub("", text).split()).replace(" و ", " و")


def _day_value(text: str) -> int:
    return int(text) if text.isdigit() else vocabulary().ordinals[_key(text)]


def _days_outside(context: Context, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(position, day) for each day number or ordinal not inside a month name («كانون الثاني»)."""
    days = []
    for m in context.find("DAY"):
        if any(a <= m.start() < b for a, b in spans):
            continue
        days.append((m.start(), _day_value(m.group())))
    return days


def _shift(context: Context) -> int | None:
    found = context.find("SHIFT")
    return int(vocabulary().cues["shift"][_key(found[-1].group())]) if found else None


def _since(context: Context) -> bool:
    return context.norm.startswith("منذ", context.start)


def _single_start(context: Context) -> int | None:
    """«من 16 أغسطس» is one day, not a range: the span starts at the day."""
    m = _RANGE_PRE.match(context.norm, context.start)
    return m.end() if m else None


def _future_context(norm: str, start: int) -> bool:
    """A future verb («سيجري», «ستعقد») or cue («من المقرر») among the few words before."""
    window = norm[max(0, start - 80) : start]
    cut = max((m.end() for m in _SENTENCE_END.finditer(window)), default=0)
    cues = vocabulary().cues
    for word in window[cut:].split()[-5:]:
        word = word[1:] if word[:1] in "وف" and len(word) > 4 else word
        if word in cues.get("future", {}):
            return True
        if (
            len(word) >= 4
            and word[:2] in cues.get("future_prefix", {})
            and not any(word.startswith(x) for x in cues.get("not_future", {}))
        ):
            return True
    return False


def _dated(
    begin: dt.date, end: dt.date, since: bool, relative: bool, calendar: str = "gregorian"
) -> Reading | None:
    if end < begin:
        return None
    if since:
        return Reading(f"{begin.isoformat()}/..", "open_range", relative, begin, None, calendar)
    if begin == end:
        return Reading(begin.isoformat(), "day", relative, begin, end, calendar)
    return Reading(f"{begin.isoformat()}/{end.isoformat()}", "range", relative, begin, end, calendar)


# --- readers, one per kind of match ------------------------------------------------------------


def _read_numeric(context: Context) -> Reading | None:
    text = context.norm[context.start : context.end]
    numbers = [int(n) for n in _DIGITS.findall(text)]
    if len(numbers) < 3:
        return None
    if numbers[0] > 31:  # 2024/8/16
        year, month, day = numbers[0], numbers[1], numbers[2]
    else:  # 16/8/2024: day first, as Arabic papers write it
        day, month, year = numbers[0], numbers[1], numbers[2]
        if month > 12 and day <= 12:
            day, month = month, day
    since = _since(context)
    if year < 1500 or _HIJRI_MARK.search(text):
        date = cal.hijri_to_gregorian(year, month, day)
        return _dated(date, date, since, False, "hijri") if date else None
    date = cal.make_date(year, month, day)
    return _dated(date, date, since, False) if date else None


def _read_dm(context: Context) -> Reading | None:
    v = vocabulary()
    months = [(m.start(), m.end(), v.months[_key(m.group())]) for m in context.find("MON")]
    days = _days_outside(context, [(a, b) for a, b, _ in months])
    segments: list[tuple[list[int], int]] = []
    previous = context.start
    for a, b, month in months:
        seg_days = [d for pos, d in days if previous <= pos < a]
        if seg_days:  # a month with no day of its own is the pair «أغسطس (آب)»
            segments.append((seg_days, month))
        previous = b
    if not segments:
        return None
    years = [int(m.group()[:4]) for m in _FOUR_DIGITS.finditer(context.norm, context.start, context.end)]
    shift = _shift(context)
    if (
        not years
        and shift is not None
        and context.anchor
        and _OF_YEAR.search(context.norm, context.start, context.end)
    ):
        years, shift = [context.anchor.year + shift], None
    first_days, first_month = segments[0]
    last_days, last_month = segments[-1]
    relative = not years
    if years:
        last_year = years[-1]
        first_year = last_year - 1 if first_month > last_month else last_year
    else:
        if context.anchor is None:
            return None
        if shift is not None:
            first_year = cal.shifted_month_year(first_month, context.anchor, shift)
        else:
            nearest = cal.closest_year_for_day(first_month, first_days[0], context.anchor, context.future())
            if nearest is None:
                return None
            first_year = nearest.year
        last_year = first_year + 1 if last_month < first_month else first_year
    begin = cal.make_date(first_year, first_month, min(first_days) if len(segments) == 1 else first_days[0])
    end = cal.make_date(last_year, last_month, max(last_days))
    if begin is None or end is None:
        return None
    reading = _dated(begin, end, _since(context), relative)
    if reading and reading.granularity == "day":
        reading.start = _single_start(context)
    return reading


def _read_dmrel(context: Context) -> Reading | None:
    if context.anchor is None:
        return None
    days = [d for _, d in _days_outside(context, [])]
    if not days:
        return None
    shift = _shift(context) or 0
    year, month = cal.add_months(context.anchor.year, context.anchor.month, shift)
    begin, end = cal.make_date(year, month, min(days)), cal.make_date(year, month, max(days))
    if begin is None or end is None:
        return None
    reading = _dated(begin, end, _since(context), True)
    if reading and reading.granularity == "day":
        reading.start = _single_start(context)
    return reading


def _read_hdm(context: Context) -> Reading | None:
    v = vocabulary()
    months = [(m.start(), m.end(), v.hijri_months[_key(m.group())]) for m in context.find("HMON")]
    if not months:
        return None
    a, b, month = months[0]
    days = [d for pos, d in _days_outside(context, [(a, b)]) if pos < a]
    years = [int(m.group()) for m in _FOUR_DIGITS.finditer(context.norm, b, context.end)]
    since = _since(context)
    if not years and not days:
        return _bare_hijri_month(context, month, a)
    if years:
        year = years[0]
        if not days:
            span = cal.hijri_month_span(year, month)
            if span is None:
                return None
            if since:
                return Reading(f"{span[0].isoformat()}/..", "open_range", False, span[0], None, "hijri")
            return Reading(
                f"{span[0].isoformat()}/{span[1].isoformat()}", "range", False, span[0], span[1], "hijri"
            )
        relative = False
    else:
        # «3 صفر» is a football score; a Hijri day without its year needs a safe month name
        if not days or month == 2 or context.anchor is None:
            return None
        this_year = cal.hijri_year_of(context.anchor)
        if this_year is None:
            return None
        candidates = [
            (date, y)
            for y in (this_year - 1, this_year, this_year + 1)
            if (date := cal.hijri_to_gregorian(y, month, days[0]))
        ]
        if context.future():
            candidates = [c for c in candidates if c[0] >= context.anchor]
        if not candidates:
            return None
        year = min(candidates, key=lambda c: abs((c[0] - context.anchor).days))[1]  # type: ignore[operator]
        relative = True
    begin, end = (
        cal.hijri_to_gregorian(year, month, min(days)),
        cal.hijri_to_gregorian(year, month, max(days)),
    )
    if begin is None or end is None:
        return None
    return _dated(begin, end, since, relative, "hijri")


def _bare_hijri_month(context: Context, month: int, month_start: int) -> Reading | None:
    """«منتصف ذي القعدة», «شهر رمضان»: the occurrence of that month nearest the anchor."""
    v = vocabulary()
    name = _key(context.norm[month_start : context.end])
    if context.anchor is None or not (
        name in v.hijri_alone or "شهر" in context.norm[context.start : month_start]
    ):
        return None
    this_year = cal.hijri_year_of(context.anchor)
    if this_year is None:
        return None
    spans = [s for y in (this_year - 1, this_year, this_year + 1) if (s := cal.hijri_month_span(y, month))]
    if context.future():
        spans = [s for s in spans if s[1] >= context.anchor]
    if not spans:
        return None
    anchor = context.anchor
    begin, end = min(
        spans,
        key=lambda s: (
            0 if s[0] <= anchor <= s[1] else min(abs((s[0] - anchor).days), abs((s[1] - anchor).days))
        ),
    )
    return Reading(f"{begin.isoformat()}/{end.isoformat()}", "range", True, begin, end, "hijri")


def _read_my(context: Context) -> Reading | None:
    v = vocabulary()
    found = context.find("MON")
    if not found:
        return None
    name = _key(found[0].group())
    month = v.months[name]
    years = [int(m.group()) for m in _FOUR_DIGITS.finditer(context.norm, context.start, context.end)]
    shift = _shift(context)
    since = _since(context)
    of_year = shift is not None and _OF_YEAR.search(context.norm, context.start, context.end)
    if of_year and context.anchor:
        year, relative = context.anchor.year + (shift or 0), True
    elif years:
        year, relative = years[-1], False
    else:
        if context.anchor is None:
            return None
        named_month = "شهر" in context.norm[context.start : found[0].start()]
        if shift is None and not named_month and not since and name not in v.months_alone:
            return None  # «مارس» the verb, «آب» the father
        if shift is not None:
            year = cal.shifted_month_year(month, context.anchor, shift)
        else:
            year = cal.closest_year_for_month(month, context.anchor, context.future())
        relative = True
    if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
        return None
    begin, end = dt.date(year, month, 1), cal.month_end(year, month)
    if since:
        return Reading(f"{year}-{month:02d}/..", "open_range", relative, begin, None)
    return Reading(f"{year}-{month:02d}", "month", relative, begin, end)


def _year_span(number: int) -> tuple[dt.date, dt.date, str] | None:
    if number < 1500:
        span = cal.hijri_year_span(number)
        return (span[0], span[1], "hijri") if span else None
    if not cal.MIN_YEAR <= number <= cal.MAX_YEAR:
        return None
    return dt.date(number, 1, 1), dt.date(number, 12, 31), "gregorian"


def _read_years(context: Context) -> Reading | None:
    text = context.norm[context.start : context.end]
    numbers = [int(m.group()) for m in _FOUR_DIGITS.finditer(text)]
    if not numbers:
        return None
    since = _since(context)
    has_noun = bool(_YEAR_NOUN.search(text))
    marked = bool(_HIJRI_MARK.search(text) or _AD_MARK.search(text))
    if not (has_noun or marked or since):
        before = context.norm[max(0, context.start - 12) : context.start].split()
        plain_range = len(numbers) > 1 and _RANGE_PRE.match(text)
        pre_year = vocabulary().cues.get("pre_year", {})
        if not plain_range and not (before and (before[-1] in pre_year or before[-1][1:] in pre_year)):
            return None
        if numbers[0] < 1500:
            return None  # «في 1400 موقع»: a bare Hijri-looking number is a count
    spans = [_year_span(n) for n in numbers[:2]]
    if any(s is None for s in spans):
        return None
    first, last = spans[0], spans[-1]
    assert first is not None and last is not None
    calendar = first[2]
    if since:
        value = f"{numbers[0]}/.." if calendar == "gregorian" else f"{first[0].isoformat()}/.."
        return Reading(value, "open_range", False, first[0], None, calendar)
    if len(numbers) == 1:
        if calendar == "hijri":
            return Reading(
                f"{first[0].isoformat()}/{first[1].isoformat()}", "range", False, first[0], first[1], "hijri"
            )
        return Reading(str(numbers[0]), "year", False, first[0], first[1], calendar, _single_start(context))
    if last[1] < first[0]:
        return None
    if calendar == "gregorian" and last[2] == "gregorian":
        value = f"{numbers[0]}/{numbers[1]}"
    else:
        value = f"{first[0].isoformat()}/{last[1].isoformat()}"
    return Reading(value, "range", False, first[0], last[1], calendar)


def _unit_reading(anchor: dt.date, unit: str, count: int) -> Reading | None:
    if unit == "day":
        day = anchor + dt.timedelta(days=count)
        return Reading(day.isoformat(), "day", True, day, day)
    if unit == "week":
        value, monday, sunday = cal.iso_week(anchor + dt.timedelta(days=7 * count))
        return Reading(value, "week", True, monday, sunday)
    if unit == "month":
        year, month = cal.add_months(anchor.year, anchor.month, count)
        return Reading(
            f"{year}-{month:02d}", "month", True, dt.date(year, month, 1), cal.month_end(year, month)
        )
    year = anchor.year + count
    if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
        return None
    return Reading(str(year), "year", True, dt.date(year, 1, 1), dt.date(year, 12, 31))


def _read_ago(context: Context) -> Reading | None:
    if context.anchor is None:
        return None
    v = vocabulary()
    text = context.norm[context.start : context.end]
    word = text.split()[0]
    if word != "منذ" and _ATTACHED_TO.match(context.norm, context.end):
        return None  # «قبل عام من الانتخابات» counts from another event, not from today
    units = context.find("UNIT")
    if not units:
        return None
    unit, implied = v.units[_key(units[-1].group())]
    count = implied
    digits = _DIGITS.findall(text)
    numbers = context.find("NUMW")
    if digits:
        count = int(digits[0])
    elif numbers:
        count = v.numbers[_key(numbers[0].group())]
    if count <= 0 or count > 500:
        return None
    direction = 1 if word == "بعد" else -1
    return _unit_reading(context.anchor, unit, direction * count)


def _read_period(context: Context) -> Reading | None:
    if context.anchor is None:
        return None
    text = context.norm[context.start : context.end]
    shift = _shift(context)
    if shift is None:
        shift = 0  # «هذا العام»
    if "اسبوع" in text:
        unit = "week"
    elif "شهر" in text:
        unit = "month"
    else:
        unit = "year"
    return _unit_reading(context.anchor, unit, shift * (7 if unit == "day" else 1))


_DAY_CUES = (
    ("امس الاول", -2),
    ("اول من امس", -2),
    ("اول امس", -2),
    ("بعد غد", 2),
    ("امس", -1),
    ("البارحه", -1),
    ("الليله", 0),
    ("اليوم", 0),
    ("غدا", 1),
)


def _read_dayrel(context: Context) -> Reading | None:
    if context.anchor is None:
        return None
    v = vocabulary()
    text = _key(context.norm[context.start : context.end])
    offset = next((o for cue, o in _DAY_CUES if text.startswith(cue)), None)
    if offset is None:
        return None
    weekdays = context.find("WD")
    target = context.anchor + dt.timedelta(days=offset)
    if weekdays:
        # the story cannot be dated after its anchor: «اليوم (الجمعة)» read on a Wednesday is last Friday
        shift = _shift(context)
        weekday = v.weekdays[_key(weekdays[0].group())]
        if shift == 1:  # «صباح اليوم الأربعاء المقبل»
            target = cal.weekday_near(weekday, context.anchor, 1)
        else:
            target = cal.weekday_near(weekday, target, -1)
    elif text in ("اليوم", "الليله"):
        following = context.norm[context.end : context.end + 3].strip()[:1]
        if following and following not in v.cues.get("day_bare", {}):
            return None  # «اليوم الوطني», «في اليوم التالي»
    return Reading(target.isoformat(), "day", True, target, target)


def _read_wday(context: Context) -> Reading | None:
    if context.anchor is None:
        return None
    v = vocabulary()
    before = context.norm[max(0, context.start - 15) : context.start].split()
    blockers = v.cues.get("block", {})
    if before and (before[-1] in blockers or before[-1][1:] in blockers):
        return None  # «صلاة الجمعة», «وخطبة الجمعة», «الواحد الأحد»
    weekday = v.weekdays[_key(context.find("WD")[0].group())]
    shift = _shift(context)
    if shift == 1:
        direction = 1
    elif shift == -1:
        direction = -2
    elif shift is None and context.future():
        direction = 0
    else:
        direction = -1
    if direction == 0:
        day = context.anchor + dt.timedelta(days=(weekday - context.anchor.weekday()) % 7)
    else:
        day = cal.weekday_near(weekday, context.anchor, direction)
    return Reading(day.isoformat(), "day", True, day, day)


_READERS: dict[str, Callable[[Context], Reading | None]] = {
    "numeric": _read_numeric,
    "dm": _read_dm,
    "dmrel": _read_dmrel,
    "hdm": _read_hdm,
    "my": _read_my,
    "years": _read_years,
    "ago": _read_ago,
    "period": _read_period,
    "dayrel": _read_dayrel,
    "wday": _read_wday,
}
