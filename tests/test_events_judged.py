"""The hand-checked SaudiNewsNet samples still match what quotes and events extract.

``tests/data/judged/{quotes,events}-2031.tsv`` hold, for 50 quotes with a speaker and 50 events
drawn with a fixed seed (``judged.HELD_SEED``) from articles of no development zip and of no earlier
judged file, from what is emitted once the confidence models were frozen, where they are (zip, url,
span), what was predicted and a verdict given by reading the sentence; no article text. The
articles are read again from ``../shared`` and re-understood. ``-2030`` (the first confidence
models' held-out sample), ``-2029`` (the speaker model's check) and ``-2028``: their rows must
still be extracted by the rules, bar those listed below.

``{quotes,events}-dev-2025.tsv`` are the second pass's held-out sample, read while fixing the third
pass's rules: every row judged wrong there must now be extracted differently or not at all.
``{quotes,events}-2026.tsv`` are the third pass's, read while fixing the fourth pass's,
``{quotes,events}-2027.tsv`` the fourth pass's and ``-2028`` the fifth's: no more of their wrong
rows may come back than were left at the last freeze.
"""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT, SAUDINEWSNET

sys.path.insert(0, str(ROOT / "bench"))
import judged  # noqa: E402

pytestmark = pytest.mark.skipif(not SAUDINEWSNET.exists(), reason="SaudiNewsNet not in ../shared")


# The held-out sample, drawn from what is emitted (the confidence step included), then the three
# before it, whose rows the rules alone must still produce (2030's were drawn from what the first
# confidence models emitted, which only dropped events and speakers; 2028's rows later rules may
# drop, listed below).
SAMPLES = {
    "held": (judged.QUOTES, judged.EVENTS, judged.EMITTED),
    "2030": (judged.DEV_2030_QUOTES, judged.DEV_2030_EVENTS, judged.STEPS),
    "2029": (judged.DEV_2029_QUOTES, judged.DEV_2029_EVENTS, judged.STEPS),
    "2028": (judged.DEV_2028_QUOTES, judged.DEV_2028_EVENTS, judged.STEPS),
}


@pytest.fixture(scope="module", params=sorted(SAMPLES))
def sample(request):
    quotes, events, steps = SAMPLES[request.param]
    rows = judged.read_judged(quotes) + judged.read_judged(events)
    return request.param, quotes, events, judged.understood(judged.articles_of(rows), steps)


@pytest.fixture(scope="module")
def dev_items():
    rows = judged.read_judged(judged.DEV_QUOTES) + judged.read_judged(judged.DEV_EVENTS)
    return judged.understood(judged.articles_of(rows))


def _keys(rows, fields):
    return {tuple(row[field] for field in fields) for row in rows}


# 2028 quotes judged wrong that a later rule drops on purpose, with the rule that drops them.
NO_LONGER_QUOTES: set[tuple[str, ...]] = {
    # «والفرقة بين المسلمين، إنه ولي ذلك»: judged wrong (the preposition «بين» read as the verb
    # «بيّن»); bare «بين» after a noun is the preposition, so there is no quote here any more.
    ("2015-08-06.zip", "http://www.al-jazirah.com/2015/20150806/ln53.htm", "2857", "2877", "indirect", "بيّن"),
}


def test_every_judged_quote_is_still_extracted(sample):
    name, quotes, _, items = sample
    judged_rows = judged.read_judged(quotes)
    missing = _keys(judged_rows, judged.QUOTE_KEY) - _keys(judged.quote_rows(items), judged.QUOTE_KEY)
    allowed = NO_LONGER_QUOTES if name == "2028" else set()
    assert missing <= allowed
    wrong = _keys([row for row in judged_rows if row["verdict"] == "wrong"], judged.QUOTE_KEY)
    assert allowed <= wrong


# Events need a participant from the entity step, so a better entity model can drop a judged event.
# Such rows are reported, not hidden: list them here with the reason (all 2028 rows so far).
MAY_VANISH: set[tuple[str, ...]] = {
    # «انتقد مفتي الديار المصرية د.»: judged wrong (the actor cut to «مفتي»); the network trained on
    # longer word2vec embeddings no longer reads «مفتي» as a name, and with no party the event goes.
    ("2015-08-01.zip", "http://www.alriyadh.com/1069593", "607", "644", "ACCUSE"),
    # Rows judged wrong that the fifth pass's rules drop on purpose:
    # «والتقى اللاعبان ... في نهائي دورة»: two players meeting in a final is a match (sport words).
    (
        "2015-08-03.zip",
        "http://www.alwatan.com.sa/Sports/News_Detail.aspx?ArticleID=230850&CategoryID=6",
        "416",
        "577",
        "CONSULT",
    ),
    # «ويتفق معه كل من ... المدربين»: pundits agreeing with a coach, a sports column (sport words).
    (
        "2015-07-24.zip",
        "http://www.okaz.com.sa/new/Issues/20150724/Con20150724785363.htm",
        "701",
        "1084",
        "AGREE",
    ),
    # «لم أجد شيئا قد لا أتفق معه»: a writer's own view in the first person, no agreement between parties.
    ("2015-08-06.zip", "http://www.aleqt.com/2015/08/06/article_979389.html", "3202", "3481", "AGREE"),
    # «ورحب الدكتور السعدي، في كلمته، بالحضور»: a welcome to the audience is courtesy, not SUPPORT.
    (
        "2015-08-03.zip",
        "http://www.okaz.com.sa/new/Issues/20150803/Con20150803787164.htm",
        "412",
        "592",
        "SUPPORT",
    ),
}


def test_every_judged_event_is_still_extracted(sample):
    name, _, events, items = sample
    judged_rows = judged.read_judged(events)
    missing = _keys(judged_rows, judged.EVENT_KEY) - _keys(judged.event_rows(items), judged.EVENT_KEY)
    assert {key[:5] for key in missing} <= (MAY_VANISH if name == "2028" else set())


def test_every_row_has_a_verdict():
    names = (judged.QUOTES, judged.EVENTS, judged.DEV_2030_QUOTES, judged.DEV_2030_EVENTS)
    names += (judged.DEV_2029_QUOTES, judged.DEV_2029_EVENTS)
    for name in (*names, judged.DEV_2028_QUOTES, judged.DEV_2028_EVENTS):
        rows = judged.read_judged(name)
        assert len(rows) == judged.SAMPLE_SIZE
        assert {row["verdict"] for row in rows} <= {"correct", "wrong"}


def test_every_held_out_quote_has_a_speaker():
    assert all(row["speaker_text"] for row in judged.read_judged(judged.QUOTES))


def test_the_bench_names_read_the_held_out_files():
    assert judged.read_judged("quotes.tsv") == judged.read_judged(judged.QUOTES)


def test_every_development_quote_judged_wrong_is_now_read_otherwise(dev_items):
    fields = (*judged.QUOTE_KEY, "speaker_text", "speaker")
    wrong = [row for row in judged.read_judged(judged.DEV_QUOTES) if row["verdict"] == "wrong"]
    assert not _keys(wrong, fields) & _keys(judged.quote_rows(dev_items), fields)


def test_every_development_event_judged_wrong_is_now_read_otherwise(dev_items):
    fields = (*judged.EVENT_KEY, "actors", "recipients", "factuality", "begin")
    wrong = [row for row in judged.read_judged(judged.DEV_EVENTS) if row["verdict"] == "wrong"]
    assert not _keys(wrong, fields) & _keys(judged.event_rows(dev_items), fields)


# Wrong rows of a development sample still read the same at its last freeze: 2026 at 6d890c0 (a
# speaker named a sentence before, a name the entity step cut, a title cut, a speaker paragraphs
# back; the «منذ أربعة أشهر» span keeps its begin by design); 2027 after the host-recipient fix
# (the NER network had changed 2 of its 12 wrong speakers and 1 of its 22 wrong events, the fix 2 more);
# 2028 at the fifth pass's freeze (8 of its 9 wrong speakers and 13 of its 19 wrong events read
# otherwise or gone; all 72 rows judged correct unchanged).
LEFT_AT_FREEZE = {
    "2026": (judged.DEV_2026_QUOTES, judged.DEV_2026_EVENTS, {"quotes": 4, "events": 1}),
    "2027": (judged.DEV_2027_QUOTES, judged.DEV_2027_EVENTS, {"quotes": 10, "events": 19}),
    "2028": (judged.DEV_2028_QUOTES, judged.DEV_2028_EVENTS, {"quotes": 1, "events": 6}),
}


@pytest.fixture(scope="module", params=sorted(LEFT_AT_FREEZE))
def development_round(request):
    quotes, events, left = LEFT_AT_FREEZE[request.param]
    rows = judged.read_judged(quotes) + judged.read_judged(events)
    return quotes, events, left, judged.understood(judged.articles_of(rows))


def test_wrong_speakers_of_a_development_sample_do_not_come_back(development_round):
    quotes, _, left, items = development_round
    fields = (*judged.QUOTE_KEY, "speaker_text", "speaker")
    wrong = [row for row in judged.read_judged(quotes) if row["verdict"] == "wrong"]
    assert len(_keys(wrong, fields) & _keys(judged.quote_rows(items), fields)) <= left["quotes"]


def test_wrong_events_of_a_development_sample_do_not_come_back(development_round):
    _, events, left, items = development_round
    fields = (*judged.EVENT_KEY, "actors", "recipients", "factuality", "begin")
    wrong = [row for row in judged.read_judged(events) if row["verdict"] == "wrong"]
    assert len(_keys(wrong, fields) & _keys(judged.event_rows(items), fields)) <= left["events"]
