"""End to end through ``khabar.parse`` on the sample page: quotes and events with the real entity
and date steps."""

from __future__ import annotations

import pytest

import khabar
from tests.conftest import SAMPLE_PAGE


@pytest.fixture(scope="module")
def page():
    return khabar.parse(SAMPLE_PAGE.read_bytes())


def test_kremlin_statement_in_a_statement(page):
    quote = next(q for q in page.articles[0].quotes if q.verb == "ذكر")
    assert (quote.speaker_text, quote.medium, quote.kind) == ("الكرملين", "بيان", "mixed")
    assert quote.speaker is not None


def test_visit_announced_by_the_kremlin(page):
    quote = next(q for q in page.articles[0].quotes if q.verb == "أعلن")
    assert quote.speaker_text == "الكرملين"
    assert quote.text.startswith("يجري الرئيس الروسي فلاديمير بوتين زيارة دولة")


def test_no_quote_is_a_name_in_guillemets(page):
    texts = {q.text.strip("«»") for article in page.articles for q in article.quotes}
    assert not texts & {"الكرملين", "كوب 29", "إكس", "الشرق الأوسط"}


def test_podolyak_on_x(page):
    quote = next(q for q in page.articles[1].quotes if q.verb == "قال")
    assert (quote.speaker_text, quote.medium, quote.kind) == ("ميخايلو بودولياك", "إكس", "direct")


def test_aides_announcement_resolves_to_podolyak(page):
    announcement, podolyak_quote = page.articles[1].quotes
    assert (announcement.verb, announcement.kind) == ("أعلن", "indirect")
    assert announcement.speaker == podolyak_quote.speaker


def test_planned_state_visit(page):
    visit = page.articles[0].events[0]
    assert (visit.type, visit.mode, visit.actors, visit.recipients) == (
        "CONSULT",
        "visit",
        ["Q7747"],
        ["Q227"],
    )
    assert (visit.begin, visit.end_date, visit.factuality) == ("2024-08-18", "2024-08-19", "planned")


def test_visit_of_september_2018_happened(page):
    visit = next(e for e in page.articles[0].events if e.begin == "2018-09-01")
    assert (visit.type, visit.mode, visit.actors, visit.factuality) == (
        "CONSULT",
        "visit",
        ["Q7747"],
        "happened",
    )


def test_attack_inside_russia_from_the_sixth_of_august(page):
    attack = next(e for e in page.articles[0].events if e.begin == "2024-08-06")
    assert (attack.type, attack.recipients, attack.place) == ("ASSAULT", ["Q159"], "Q159")


def test_invasion_of_ukraine_has_ukraine_as_recipient(page):
    invasion = next(e for e in page.articles[0].events if e.trigger == "غزو")
    assert (invasion.type, invasion.actors, invasion.recipients) == ("ASSAULT", [], ["Q212"])


def test_call_for_negotiations_on_friday(page):
    request = next(e for e in page.articles[1].events if e.type == "REQUEST")
    # كييف and موسكو, the capitals, stand for Ukraine and Russia.
    assert (request.mode, request.recipients, request.begin) == ("meet", ["Q159"], "2024-08-16")
    assert request.actors == ["Q212"]


def test_quotes_and_events_in_the_json(page):
    data = page.to_dict()["articles"][0]
    assert {"quotes", "events"} <= set(data)
    assert {"speaker", "verb", "medium", "kind"} <= set(data["quotes"][0])
    assert {"type", "mode", "actors", "recipients", "place", "begin", "end_date", "factuality"} <= set(
        data["events"][0]
    )
