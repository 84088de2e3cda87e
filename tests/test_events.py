"""PLOVER events on the sample page's sentences, with hand-made mentions and temporal expressions
standing in for the entity and date steps."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.records import Article, Mention, Published, TemporalExpression, blocks_from_texts
from khabar.understand import events

VISIT = (
    "يجري الرئيس الروسي فلاديمير بوتين زيارة دولة إلى أذربيجان في 18 و19 أغسطس (آب) الحالي، بهدف تطوير "
    "العلاقات الثنائية وبحث «المشكلات الإقليمية والدولية»، على ما أعلن «الكرملين»."
)
EARLIER_VISIT = "وتعود آخر زيارة أجراها بوتين إلى أذربيجان إلى سبتمبر (أيلول) 2018."
KURSK = (
    "وأعلن «الكرملين» هذه الزيارة في وقت تتصدى فيه روسيا لهجوم عسكري باشرته القوات الأوكرانية في السادس "
    "من أغسطس الحالي داخل أراضيها، في حين تواجه قوات كييف صعوبة أمام تقدّم الجيش الروسي في شرق أوكرانيا."
)
NEGOTIATIONS = (
    "أعلن أحد مساعدي الرئيس الأوكراني فولوديمير زيلينسكي، الجمعة، أن هجوم كييف غير المسبوق على روسيا "
    "يهدف إلى «إقناع» موسكو بالخوض في «عملية تفاوض منصفة» من خلال إلحاق «هزائم تكتيكية كبيرة»."
)
NAMES = (
    ("فلاديمير بوتين", "PERS", "Q7747"),
    ("بوتين", "PERS", "Q7747"),
    ("أذربيجان", "LOC", "Q227"),
    ("الكرملين", "ORG", "Q1415"),
    ("روسيا", "LOC", "Q159"),
    ("القوات الأوكرانية", "ORG", "Q212"),
    ("كييف", "LOC", "Q212"),
    ("موسكو", "LOC", "Q649"),
)
DATES = (
    ("في 18 و19 أغسطس (آب) الحالي", "2024-08-18/2024-08-19", "2024-08-18", "2024-08-19"),
    ("سبتمبر (أيلول) 2018", "2018-09", "2018-09-01", "2018-09-30"),
    ("السادس من أغسطس الحالي", "2024-08-06", "2024-08-06", "2024-08-06"),
    ("الجمعة", "2024-08-16", "2024-08-16", "2024-08-16"),
)


def article(*paragraphs: str, published: str = "2024-08-16") -> Article:
    """The paragraphs with the mentions and dates the entity and date steps would give."""
    result = Article(
        blocks=blocks_from_texts([("paragraph", text) for text in paragraphs]), published=Published(published)
    )
    text = result.text
    for surface, kind, key in NAMES:
        for found in re.finditer(rf"(?<![^\sوبل«]){re.escape(surface)}(?!\w)", text):
            if not any(m.start <= found.start() < m.end for m in result.mentions):
                result.mentions.append(Mention(found.start(), found.end(), surface, kind, key))  # type: ignore[arg-type]
    for surface, value, begin, end in DATES:
        position = text.find(surface)
        if position >= 0:
            result.dates.append(
                TemporalExpression(
                    position, position + len(surface), surface, value, "day", begin=begin, end_date=end
                )
            )
    result.mentions.sort(key=lambda m: m.start)
    return result


def events_of(item: Article) -> list:
    events.annotate(item)
    return item.events


def test_state_visit_is_a_planned_consult_visit_with_actor_recipient_and_dates():
    [visit] = events_of(article(VISIT))
    assert (visit.type, visit.mode, visit.trigger) == ("CONSULT", "visit", "زيارة")
    assert (visit.actors, visit.recipients, visit.place) == (["Q7747"], ["Q227"], "Q227")
    assert (visit.begin, visit.end_date, visit.factuality) == ("2024-08-18", "2024-08-19", "planned")


def test_earlier_visit_of_2018_happened():
    [visit] = events_of(article(EARLIER_VISIT))
    assert (visit.type, visit.mode, visit.actors, visit.recipients) == (
        "CONSULT",
        "visit",
        ["Q7747"],
        ["Q227"],
    )
    assert (visit.begin, visit.factuality) == ("2018-09-01", "happened")


def test_ukrainian_attack_inside_russia_starts_on_the_sixth_of_august():
    assault = next(e for e in events_of(article(KURSK)) if e.type == "ASSAULT")
    assert (assault.actors, assault.recipients, assault.place) == (["Q212"], ["Q159"], "Q159")
    assert (assault.begin, assault.factuality) == ("2024-08-06", "happened")


def test_announcing_this_visit_is_not_a_second_visit():
    assert [e.type for e in events_of(article(KURSK))] == ["ASSAULT"]


def test_ukraine_requests_negotiations_on_friday():
    request = next(e for e in events_of(article(NEGOTIATIONS)) if e.type == "REQUEST")
    # Moscow, persuaded, stands for Russia.
    assert (request.mode, request.actors, request.recipients) == ("meet", ["Q212"], ["Q159"])
    assert (request.begin, request.factuality) == ("2024-08-16", "happened")


def test_evidence_span_is_the_sentence_in_the_article_text():
    item = article(VISIT, EARLIER_VISIT)
    for event in events_of(item):
        assert item.text[event.start : event.end] == event.text
        assert event.trigger in event.text


def test_future_prefix_makes_a_visit_planned():
    [visit] = events_of(article("وسيزور وزير الخارجية موسكو لبحث الأزمة."))
    assert (visit.type, visit.factuality) == ("CONSULT", "planned")


def test_negation_before_the_trigger_is_a_denial():
    [event] = events_of(article("وقال المتحدث إن الجيش لم يقصف المدينة."))
    assert (event.type, event.factuality) == ("ASSAULT", "denied")


def test_condition_makes_a_threat_hypothetical():
    [event] = events_of(article("وقال إن بلاده قد تفرض عقوبات جديدة على روسيا."))
    assert (event.type, event.factuality) == ("SANCTION", "hypothetical")


def test_date_after_publication_makes_an_event_planned():
    [visit] = events_of(article(VISIT, published="2024-08-10"))
    assert visit.factuality == "planned"
    [visit] = events_of(article(VISIT, published="2024-08-20"))
    assert visit.factuality == "happened"


def test_arrest_is_coerce_arrest():
    [event] = events_of(article("واعتقلت الشرطة السعودية ثلاثة أشخاص في الرياض أمس."))
    assert (event.type, event.mode, event.actors) == ("COERCE", "arrest", ["Q851"])


def test_discussing_is_not_urging():
    # «وبحث» (and to discuss) holds «حث» (to urge) but is no REQUEST.
    assert events_of(article("بهدف تطوير العلاقات الثنائية وبحث المشكلات الإقليمية.")) == []


def test_a_teams_attack_is_not_an_assault():
    assert events_of(article("وقاد اللاعب هجوم الفريق في المباراة أمس.")) == []


def test_empty_article_has_no_events():
    assert events_of(Article()) == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(list("زيارة هجوم دعا لم سوف إلى روسيا بوتين ،.«»\n")) | st.characters()
        ),
        max_size=4,
    )
)
def test_never_crashes_and_spans_stay_inside(paragraphs):
    item = article(*paragraphs)
    for event in events_of(item):
        assert 0 <= event.start <= event.end <= len(item.text)
        assert item.text[event.start : event.end] == event.text
        assert 0.0 <= event.confidence <= 1.0
