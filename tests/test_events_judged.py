"""The hand-checked SaudiNewsNet sample still matches what quotes and events extract.

``tests/data/judged/{quotes,events}.tsv`` hold, for 50 quotes and 50 events drawn with a fixed
seed (``judged.FRESH_SEED``) from zips and articles not used to develop the rules
(``judged.FRESH_ZIPS``), where they are (zip, url, span), what was predicted and a verdict given by
reading the sentence; no article text. The articles are read again from ``../shared`` and
re-understood.
"""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT, SAUDINEWSNET

sys.path.insert(0, str(ROOT / "bench"))
import judged  # noqa: E402

pytestmark = pytest.mark.skipif(not SAUDINEWSNET.exists(), reason="SaudiNewsNet not in ../shared")


@pytest.fixture(scope="module")
def items():
    rows = judged.read_judged("quotes.tsv") + judged.read_judged("events.tsv")
    return judged.understood(judged.articles_of(rows))


def _keys(rows, fields):
    return {tuple(row[field] for field in fields) for row in rows}


def test_every_judged_quote_is_still_extracted(items):
    judged_rows = judged.read_judged("quotes.tsv")
    missing = _keys(judged_rows, judged.QUOTE_KEY) - _keys(judged.quote_rows(items), judged.QUOTE_KEY)
    assert not missing


# Events need a participant from the entity step, so a better entity model can drop a judged event
# (three «wrong» AID/REQUEST rows went when a district stopped being tagged as a person). Such rows
# are reported, not hidden: the README gives precision over the judged rows still extracted.
MAY_VANISH = {
    ("2015-07-27.zip", "http://www.aleqt.com/2015/07/27/article_976435.html", "1239", "1572", "AID"),
    (
        "2015-07-27.zip",
        "http://www.okaz.com.sa/new/Issues/20150727/Con20150727785874.htm",
        "545",
        "882",
        "AID",
    ),
    (
        "2015-08-07.zip",
        "http://www.alwatan.com.sa/Politics/News_Detail.aspx?ArticleID=231264&CategoryID=1",
        "0",
        "212",
        "REQUEST",
    ),
}


def test_every_judged_event_is_still_extracted(items):
    judged_rows = judged.read_judged("events.tsv")
    missing = _keys(judged_rows, judged.EVENT_KEY) - _keys(judged.event_rows(items), judged.EVENT_KEY)
    assert {key[:5] for key in missing} <= MAY_VANISH


def test_every_row_has_a_verdict():
    for name in ("quotes.tsv", "events.tsv"):
        rows = judged.read_judged(name)
        assert len(rows) == judged.SAMPLE_SIZE
        assert {row["verdict"] for row in rows} <= {"correct", "wrong", "no-speaker"}
