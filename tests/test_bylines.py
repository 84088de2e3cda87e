"""Bylines in the forms the Arabic press prints them, and the SaudiNewsNet author field."""

import json
import re
import zipfile

import pytest

from khabar.records import Byline
from khabar.structure.bylines import byline_line, parse_byline
from tests.conftest import SAUDINEWSNET


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("رائد جبر (موسكو)", [("رائد جبر", "موسكو")]),
        ("«الشرق الأوسط» (وارسو)", [("«الشرق الأوسط»", "وارسو")]),
        ("لندن: رنيم حنوش", [("رنيم حنوش", "لندن")]),
        (
            "صنعاء: عرفات مدابش -  الرياض: ناصر الحقباني",
            [("عرفات مدابش", "صنعاء"), ("ناصر الحقباني", "الرياض")],
        ),
        ("صنعاء: عرفات مدابش  عدن: محمد علي محسن", [("عرفات مدابش", "صنعاء"), ("محمد علي محسن", "عدن")]),
        ("طهران - لندن: «الشرق الأوسط»", [("«الشرق الأوسط»", "طهران - لندن")]),
        ("سان بطرسبرغ (روسيا):  «الشرق الأوسط»", [("«الشرق الأوسط»", "سان بطرسبرغ (روسيا)")]),
        ("الدوحة : (رويترز)", [("رويترز", "الدوحة")]),
        ("ماجد القرني - جدة", [("ماجد القرني", "جدة")]),
        ("طوكيو- أ ف ب", [("أ ف ب", "طوكيو")]),
        ("\xa0سامي المغامسي (المدينة المنورة)", [("سامي المغامسي", "المدينة المنورة")]),
        ("إيلين مور من لندن", [("إيلين مور", "لندن")]),
        ("عثمان الخويطر", [("عثمان الخويطر", None)]),
    ],
)
def test_parse_byline(text, expected):
    assert [(b.author, b.dateline) for b in parse_byline(text)] == expected


def test_author_cue_lines_name_the_author():
    assert byline_line("حوار: آسيا العتروس") == Byline("آسيا العتروس", None)
    assert byline_line("بقلم: محمد علي") == Byline("محمد علي", None)


def test_empty_byline_is_nothing():
    assert parse_byline("") == [] and parse_byline(None) == []


def test_byline_line_is_strict():
    assert byline_line("رائد جبر (موسكو)") == Byline("رائد جبر", "موسكو")
    assert byline_line("أرمينيا") is None
    assert byline_line("وقال المتحدث إن الاجتماع سيعقد غداً في الرياض (السعودية) بحضور الوزراء.") is None
    assert byline_line("الرئيس الروسي فلاديمير بوتين (إ.ب.أ)") is None


_COLON_FORM = re.compile(r"^[^:]*\S[^:]*:\s*\S")


def test_every_saudinewsnet_city_colon_name_author_parses():
    """Every author field of the «city: name» form yields both a dateline and an author."""
    total = colon = parsed = 0
    failures = []
    for archive in sorted(SAUDINEWSNET.glob("*.zip")):
        with zipfile.ZipFile(archive) as zipped:
            for member in zipped.namelist():
                for record in json.loads(zipped.read(member)):
                    total += 1
                    # A «| Tuesday, 11 August 2015 - 14:22 pm» stamp is a time, not a «city: name».
                    author = re.sub(r"\|.*$", "", (record.get("author") or "").replace("&nbsp;", " "))
                    author = author.strip(" \xa0\u200f\u200e")
                    if not _COLON_FORM.match(author):
                        continue
                    colon += 1
                    bylines = parse_byline(author)
                    if bylines and all(b.author and b.dateline for b in bylines):
                        parsed += 1
                    else:
                        failures.append(author)
    assert total == 31030
    assert colon > 4000
    assert parsed == colon, failures[:20]
