"""One behaviour each: how the tagger reads and resolves Arabic date expressions."""

import datetime as dt

from khabar.understand.temporal import tag

AUG_16 = dt.date(2024, 8, 16)  # a Friday


def _one(text: str, anchor: dt.date | None = AUG_16, **options: bool) -> tuple[str, str, str]:
    found = tag(text, anchor, **options)
    assert len(found) == 1, found
    return found[0].text, found[0].value, found[0].granularity


def test_day_list_becomes_a_range() -> None:
    assert _one("في 18 و19 أغسطس (آب) الحالي") == (
        "18 و19 أغسطس (آب) الحالي",
        "2024-08-18/2024-08-19",
        "range",
    )


def test_since_opens_a_range() -> None:
    assert _one("منذ السادس من أغسطس") == ("منذ السادس من أغسطس", "2024-08-06/..", "open_range")


def test_hijri_date_converted_with_its_calendar() -> None:
    found = tag("في 15 رمضان 1445 هـ", None)
    assert (found[0].value, found[0].calendar) == ("2024-03-25", "hijri")


def test_arabic_indic_digits() -> None:
    assert _one("١٦ أغسطس ٢٠٢٤", None)[1] == "2024-08-16"


def test_numeric_date_is_day_first() -> None:
    assert _one("بتاريخ 5/8/2024", None)[1] == "2024-08-05"


def test_next_month_rolls_into_next_year() -> None:
    assert _one("في يناير المقبل")[1] == "2025-01"


def test_last_month_of_the_same_name_is_a_year_back() -> None:
    assert _one("في أغسطس الماضي")[1] == "2023-08"


def test_bare_weekday_is_the_latest_such_day() -> None:
    assert _one("قال الوزير، الخميس، إن")[1] == "2024-08-15"


def test_weekday_with_future_verb_looks_ahead() -> None:
    assert _one("سيجري الرئيس زيارة الأحد")[1] == "2024-08-18"


def test_future_bias_option_looks_ahead() -> None:
    assert _one("الأحد", future_bias=True)[1] == "2024-08-18"


def test_weekday_after_today_wins_over_a_lagging_anchor() -> None:
    assert _one("قال اليوم (الأربعاء)")[1] == "2024-08-14"


def test_friday_prayer_is_not_a_date() -> None:
    assert tag("بعد صلاة الجمعة", AUG_16) == []


def test_one_of_is_not_sunday() -> None:
    assert tag("قال أحد المسؤولين", AUG_16) == []


def test_football_score_is_not_a_hijri_date() -> None:
    assert tag("فاز الفريق 3 صفر", AUG_16) == []


def test_national_day_is_not_today() -> None:
    assert tag("احتفلت المدارس باليوم الوطني", AUG_16) == []


def test_ago_counts_back_from_the_anchor() -> None:
    assert _one("منذ ستة أشهر") == ("منذ ستة أشهر", "2024-02", "month")


def test_before_another_event_is_not_counted_from_today() -> None:
    assert tag("قبل عامين من الانتخابات", AUG_16) == []


def test_week_value_is_iso_week() -> None:
    found = tag("الأسبوع المقبل", AUG_16)[0]
    assert (found.value, found.begin, found.end_date) == ("2024-W34", "2024-08-19", "2024-08-25")


def test_month_of_last_year() -> None:
    assert _one("في أكتوبر من العام الماضي")[1] == "2023-10"


def test_bare_verb_marasa_is_not_march() -> None:
    assert tag("مارس الضغط على الحكومة", AUG_16) == []


def test_invalid_day_is_dropped() -> None:
    assert tag("في 31 فبراير 2024", AUG_16) == []


def test_relative_needs_an_anchor() -> None:
    assert tag("أمس", None) == []


def test_year_range_across_hijri_years() -> None:
    assert _one("للعام الدراسي 1436/1437هـ", None)[1] == "2014-10-25/2016-10-01"
