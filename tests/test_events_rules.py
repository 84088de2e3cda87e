"""The precision rules of the event coder, one per test, on sentences written for them."""

from __future__ import annotations

from khabar.records import Article, Mention, Published, TemporalExpression, blocks_from_texts
from khabar.understand import events


def coded(text: str, names=(), dates=(), published: str = "2015-08-01") -> list:
    """Events of one paragraph, with the mentions and dates the entity and date steps would give:
    ``names`` as (surface, type, key), ``dates`` as (surface, iso day)."""
    item = Article(blocks=blocks_from_texts([("paragraph", text)]), published=Published(published))
    for surface, kind, key in names:
        start = item.text.index(surface)
        item.mentions.append(Mention(start, start + len(surface), surface, kind, key))
    for surface, day in dates:
        start = item.text.index(surface)
        item.dates.append(TemporalExpression(start, start + len(surface), surface, day, "day"))
    item.mentions.sort(key=lambda m: m.start)
    events.annotate(item)
    return item.events


def test_a_state_body_with_a_nationality_adjective_is_the_state():
    [event] = coded("وقصفت المدفعية الروسية مواقع في مدينة خاركيف.")
    assert (event.type, event.actors) == ("ASSAULT", ["Q159"])


def test_a_nationality_adjective_after_an_attack_names_its_actor():
    [event] = coded("وصدت الدفاعات الجوية هجوماً إيرانياً بطائرات مسيرة.")
    assert (event.type, event.actors) == ("ASSAULT", ["Q794"])


def test_a_capital_acting_stands_for_its_state():
    [event] = coded("ودعت كييف موسكو إلى مفاوضات.", [("كييف", "LOC", "Q1899"), ("موسكو", "LOC", "Q649")])
    assert (event.type, event.mode, event.actors, event.recipients) == ("REQUEST", "meet", ["Q212"], ["Q159"])


def test_a_relative_clause_verb_does_not_take_the_main_subject():
    found = coded(
        "وأدان الوزير خالد العلي الهجوم الذي استهدف مسجداً في القطيف أمس.",
        [("خالد العلي", "PERS", "local:PERS:خالد العلي"), ("القطيف", "LOC", "Q1016835")],
        [("أمس", "2015-07-31")],
    )
    assault = next(e for e in found if e.type == "ASSAULT")
    assert assault.actors == []


def test_a_mention_inside_a_relative_clause_after_the_verb_is_not_its_subject():
    [event] = coded(
        "كما قصفت أمس مدرسة الحي التي يتخذها الحوثيون مقراً لهم.",
        [("الحوثيون", "ORG", "local:ORG:الحوثيون")],
        [("أمس", "2015-07-31")],
    )
    assert (event.type, event.actors) == ("ASSAULT", [])


def test_a_trigger_inside_a_name_is_no_event():
    found = coded("وحضرت لقاء الحسن حفل التخرج أمس.", [("لقاء الحسن", "PERS", "local:PERS:لقاء الحسن")])
    assert found == []


def test_students_are_not_a_demand():
    found = coded(
        "وشارك خمسون طالبا من جامعة الملك سعود.", [("جامعة الملك سعود", "ORG", "local:ORG:جامعة الملك سعود")]
    )
    assert [e.trigger for e in found] == []


def test_a_general_statement_with_no_participant_is_no_event():
    assert coded("والتفجيرات والهجمات تخيف الناس في كل مكان.") == []


def test_municipal_penalties_are_not_sanctions():
    found = coded(
        "وتفرض البلدية عقوبات على المخالفين.", [("البلدية", "ORG", "local:ORG:البلدية")], [], "2015-08-01"
    )
    assert found == []


def test_a_meeting_held_on_the_publication_day_with_a_planned_cue_is_planned():
    [event] = coded(
        "وتعقد الجامعة العربية اليوم اجتماعاً طارئاً.",
        [("الجامعة العربية", "ORG", "Q7172")],
        [("اليوم", "2015-08-01")],
    )
    assert (event.type, event.begin, event.factuality) == ("CONSULT", "2015-08-01", "planned")


def test_a_recipient_is_not_read_across_a_comma():
    [event] = coded(
        "وأجرى المبعوث ستيفان دي ميستورا مشاورات مع الأطراف، وهو المبعوث الخاص إلى سوريا منذ عام.",
        [("ستيفان دي ميستورا", "PERS", "Q16251"), ("سوريا", "LOC", "Q858")],
    )
    assert (event.actors, event.recipients) == (["Q16251"], [])


def test_a_sentence_of_a_hadith_is_not_coded():
    assert coded("وقال النبي صلى الله عليه وسلم لأصحابه ادعوا لإخوانكم.", [("النبي", "PERS", "Q9458")]) == []


def test_a_deal_named_as_a_thing_is_no_agreement():
    found = coded("وقال الوزير إن الاتفاق مع إيران لا يعني شيئاً.", [("إيران", "LOC", "Q794")])
    assert [e.type for e in found] == []


def test_a_deal_signed_is_an_agreement():
    [event] = coded("ووقعت السعودية اتفاقاً مع مصر أمس.", [("السعودية", "LOC", "Q851"), ("مصر", "LOC", "Q79")])
    assert event.type == "AGREE"


def test_a_verbal_noun_after_a_complementizer_is_no_verb():
    found = coded("وأضاف الوزير أن رفض الاتفاق سيضر إيران.", [("إيران", "LOC", "Q794")])
    assert [e.type for e in found] == []


def test_a_place_after_a_visit_is_its_destination():
    [event] = coded("ويستعد الوزير لزيارة إسرائيل العام المقبل.", [("إسرائيل", "LOC", "Q801")])
    assert (event.mode, event.actors, event.recipients) == ("visit", [], ["Q801"])


def test_a_personal_visit_with_no_party_is_no_event():
    assert coded("وسافر إلى فرنسا لزيارة والدته يوم الخميس.", [], [("يوم الخميس", "2015-07-30")]) == []


def test_one_attack_is_coded_once_per_sentence():
    found = coded(
        "وأدان المجلس الهجوم الإرهابي الذي استهدف مسجداً في أبها أمس.",
        [("المجلس", "ORG", "local:ORG:المجلس")],
        [("أمس", "2015-07-31")],
    )
    assert [e.type for e in found].count("ASSAULT") == 1
