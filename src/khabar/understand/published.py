"""Publication date of an article whose page gives none, inferred from what the page does say.

Sources, in order: explicit metadata (kept as is), a dated dateline at the head of the body, the
latest date printed in the captions, then the body's relative cues checked against that date:
«أغسطس الحالي» must name the same month, and «اليوم (الخميس)» or a bare «الجمعة» fixes the
weekday (a photo is taken on or before the day the story runs).
"""

from __future__ import annotations

import datetime as dt

from khabar.records import Article, Published
from khabar.understand.temporal import tag
from khabar.understand.temporal.grammar import part
from khabar.understand.temporal.tables import normalize, vocabulary

_HEAD = 80  # a dateline date sits in the first words of the body: «لندن - 16 أغسطس (أ.ف.ب) -»
_WEEKDAY_NAMES = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")


def caption_date(text: str, anchor: dt.date | None = None) -> str | None:
    """The day a caption gives: «… 16 أغسطس 2024» → 2024-08-16; «… 1 أغسطس» needs ``anchor``."""
    days = [e for e in tag(text or "", anchor) if e.granularity == "day"]
    return days[-1].value if days else None


def infer_published(article: Article) -> Published:
    """Best publication date with a human-readable account of how it was found."""
    if article.published.date:
        return article.published
    head = article.text[:_HEAD]
    for expression in tag(head, None):
        if expression.granularity == "day":
            return Published(expression.value, "inferred: dated dateline at the head of the body")
    for byline in article.bylines:
        found = caption_date(byline.dateline or "")
        if found:
            return Published(found, "inferred: dated dateline")
    dated = [d for caption in article.captions if (d := caption.date or caption_date(caption.text))]
    if not dated:
        return Published(None, "unknown")
    candidate = dt.date.fromisoformat(max(dated))
    return _check_with_body(article.text, candidate)


def _check_with_body(body: str, candidate: dt.date) -> Published:
    v = vocabulary()
    weekday_cue: tuple[int, str, bool] | None = None  # (weekday, text, said with «اليوم»)
    month_cues: list[tuple[int, str]] = []
    for expression in tag(body, candidate):
        text = normalize(expression.text)
        shifts = [v.cues["shift"][" ".join(m.group().split())] for m in part("SHIFT").finditer(text)]
        months = [v.months[" ".join(m.group().split())] for m in part("MON").finditer(text)]
        if months and shifts and int(shifts[-1]) == 0:
            month_cues.append((months[0], expression.text))
        weekdays = list(part("WD").finditer(text))
        if weekdays and not months and not any(c.isdigit() for c in text) and not shifts:
            today = text.startswith("اليوم")
            if weekday_cue is None or (today and not weekday_cue[2]):
                weekday_cue = (v.weekdays[weekdays[0].group()], expression.text, today)
    date = candidate
    notes = []
    if weekday_cue is not None:
        # the story runs on or after its photo's day: the first such weekday from the caption date
        date = candidate + dt.timedelta(days=(weekday_cue[0] - candidate.weekday()) % 7)
        notes.append(f"'{weekday_cue[1]}' ({_WEEKDAY_NAMES[weekday_cue[0]]}) = {date.isoformat()}")
    agreeing = [text for month, text in month_cues if month == date.month]
    if agreeing:
        notes.append(f"'{agreeing[0]}' (this month) in the body agrees")
    elif month_cues:
        notes.append(f"'{month_cues[0][1]}' in the body disagrees")
    how = "inferred: latest dated caption" + (f"; {'; '.join(notes)}" if notes else "")
    return Published(date.isoformat(), how)
