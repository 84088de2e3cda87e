"""Calendar arithmetic for resolving expressions against an anchor date (the publication day).

Pure functions over ``datetime.date``; no text here. Hijri dates go through ``hijridate``
(Umm al-Qura tables, valid 1343–1500 AH), the calendar Saudi and Gulf papers print.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt

from hijridate import Gregorian, Hijri

MIN_YEAR, MAX_YEAR = 1800, 2200


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A valid date or None: «31 فبراير» is not a date."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def closest_year_for_day(month: int, day: int, anchor: dt.date, future: bool) -> dt.date | None:
    """«16 أغسطس» without a year: the nearest such day to the anchor (the next one when future)."""
    candidates = [
        d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := make_date(y, month, day))
    ]
    if not candidates:
        return None
    if future:
        upcoming = [d for d in candidates if d >= anchor]
        return min(upcoming) if upcoming else None
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor))


def closest_year_for_month(month: int, anchor: dt.date, future: bool) -> int:
    """«في نوفمبر» without a year: the year whose such month is nearest (upcoming when future)."""
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    best = min(
        (anchor.year - 1, anchor.year, anchor.year + 1),
        key=lambda y: (abs((y - anchor.year) * 12 + month - anchor.month), y),
    )
    return best


def shifted_month_year(month: int, anchor: dt.date, shift: int) -> int:
    """«أغسطس الحالي» (0), «نوفمبر المقبل» (+1), «يوليو الماضي» (-1): the year of that month."""
    if shift == 0:
        return anchor.year
    if shift > 0:
        return anchor.year if month > anchor.month else anchor.year + 1
    return anchor.year if month < anchor.month else anchor.year - 1


def weekday_near(weekday: int, anchor: dt.date, direction: int) -> dt.date:
    """Weekday resolution: -1 the last such day up to the anchor (inclusive, the default for
    «أعلن، الجمعة»), -2 strictly before («الجمعة الماضي»), +1 strictly after («الجمعة المقبل»)."""
    delta = (anchor.weekday() - weekday) % 7
    if direction == -1:
        return anchor - dt.timedelta(days=delta)
    if direction == -2:
        return anchor - dt.timedelta(days=delta or 7)
    return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7 or 7)


def iso_week(day: dt.date) -> tuple[str, dt.date, dt.date]:
    year, week, weekday = day.isocalendar()
    monday = day - dt.timedelta(days=weekday - 1)
    return f"{year}-W{week:02d}", monday, monday + dt.timedelta(days=6)


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    try:
        day_ = Hijri(year, month, day).to_gregorian()
        return dt.date(day_.year, day_.month, day_.day)
    except (ValueError, OverflowError):
        return None


def hijri_month_span(year: int, month: int) -> tuple[dt.date, dt.date] | None:
    first = hijri_to_gregorian(year, month, 1)
    if first is None:
        return None
    try:
        length = Hijri(year, month, 1).month_length()
    except (ValueError, OverflowError):
        return None
    return first, first + dt.timedelta(days=length - 1)


def hijri_year_span(year: int) -> tuple[dt.date, dt.date] | None:
    first = hijri_month_span(year, 1)
    last = hijri_month_span(year, 12)
    if first is None or last is None:
        return None
    return first[0], last[1]


def hijri_year_of(day: dt.date) -> int | None:
    try:
        return Gregorian(day.year, day.month, day.day).to_hijri().year
    except (ValueError, OverflowError):
        return None
