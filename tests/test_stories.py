"""Stories: reports of one event by several outlets are grouped; other news of the same day, and the
same words a month later, are not. Headlines and bodies here are our own synthetic sentences."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.dedup.stories import StoryInput, build_stories, story_terms
from khabar.records import Document
from khabar.store import open_store
from khabar.store.migrations import SCHEMA_VERSION, schema_sql
from khabar.store.stories import update_stories

# (outlet, date, headline, body)
VISIT = [
    (
        "okaz",
        "2024-03-10",
        "وزير الخارجية السعودي يصل القاهرة في زيارة رسمية لبحث الأزمة السودانية",
        "وصل وزير الخارجية الأمير فيصل بن فرحان إلى القاهرة في زيارة رسمية يلتقي خلالها نظيره المصري"
        " سامح شكري لبحث تطورات الأزمة في السودان.",
    ),
    (
        "alriyadh",
        "2024-03-10",
        "فيصل بن فرحان يبحث مع شكري في القاهرة تطورات السودان",
        "بحث الأمير فيصل بن فرحان مع وزير الخارجية المصري سامح شكري في القاهرة مستجدات الأوضاع في"
        " السودان وسبل وقف القتال.",
    ),
    (
        "sabq",
        "2024-03-11",
        "شكري يستقبل نظيره السعودي في القاهرة.. والسودان على رأس المباحثات",
        "استقبل وزير الخارجية المصري سامح شكري في القاهرة نظيره السعودي الأمير فيصل بن فرحان، وتناولت"
        " المباحثات الأزمة السودانية والعلاقات الثنائية.",
    ),
]
OIL_SAME_DAY = (
    "okaz",
    "2024-03-10",
    "ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية",
    "ارتفعت أسعار النفط في تعاملات الأحد بعد بيانات أظهرت تراجع مخزونات الخام في الولايات المتحدة.",
)
VISIT_A_MONTH_LATER = (
    "alwatan",
    "2024-04-15",
    VISIT[0][2],
    "يصل الأمير فيصل بن فرحان إلى القاهرة للقاء سامح شكري، وتتصدر الأزمة في السودان جدول الزيارة الرسمية.",
)
FILLER = [
    (
        "sabq",
        "2024-03-10",
        "الهلال يفوز على النصر في ديربي الرياض",
        "حقق فريق الهلال فوزا ثمينا على منافسه النصر بهدفين مقابل هدف في المباراة التي أقيمت في الرياض.",
    ),
    (
        "alriyadh",
        "2024-03-11",
        "أمطار رعدية على مرتفعات عسير والباحة",
        "توقع المركز الوطني للأرصاد هطول أمطار رعدية مصحوبة برياح نشطة على مرتفعات عسير والباحة.",
    ),
    (
        "okaz",
        "2024-03-11",
        "مؤشر السوق يغلق على انخفاض بضغط من قطاع المصارف",
        "أغلق مؤشر السوق المالية متراجعا بضغط من أسهم المصارف وسط تداولات متوسطة.",
    ),
    (
        "sabq",
        "2024-03-10",
        "وزير الصحة يفتتح مستشفى جديدا في جدة",
        "افتتح وزير الصحة مستشفى تخصصيا جديدا في جدة بسعة ثلاثمئة سرير لخدمة سكان المحافظة.",
    ),
    (
        "okaz",
        "2024-03-11",
        "وزير الخارجية يستقبل سفير اليابان في الرياض",
        "استقبل وزير الخارجية في مكتبه بالرياض سفير اليابان لدى المملكة وبحث معه العلاقات الثنائية.",
    ),
    (
        "alwatan",
        "2024-03-10",
        "الخارجية السعودية تدين الهجوم على سفينة تجارية في البحر الأحمر",
        "أدانت وزارة الخارجية الهجوم الذي استهدف سفينة تجارية في البحر الأحمر وطالبت بحماية الملاحة.",
    ),
    (
        "alriyadh",
        "2024-03-12",
        "وزير التعليم يعلن موعد بدء العام الدراسي الجديد",
        "أعلن وزير التعليم موعد بدء الدراسة للعام الجديد مع تطبيق التقويم الدراسي المعتمد.",
    ),
]


def _inputs(rows: list[tuple[str, str, str, str]]) -> list[StoryInput]:
    return [
        StoryInput(i + 1, headline, body, day, outlet) for i, (outlet, day, headline, body) in enumerate(rows)
    ]


CORPUS = [*VISIT, OIL_SAME_DAY, VISIT_A_MONTH_LATER, *FILLER]


def test_three_outlets_reporting_one_visit_are_one_story() -> None:
    stories = build_stories(_inputs(CORPUS))
    assert [story.article_ids for story in stories] == [[1, 2, 3]]


def test_the_story_has_the_earliest_headline_dates_and_outlets() -> None:
    story = build_stories(_inputs(CORPUS))[0]
    assert (
        story.id,
        story.headline,
        story.first_published,
        story.last_published,
        story.size,
        story.outlets,
    ) == (
        1,
        VISIT[0][2],
        "2024-03-10",
        "2024-03-11",
        3,
        3,
    )


def test_an_unrelated_article_of_the_same_day_is_in_no_story() -> None:
    stories = build_stories(_inputs(CORPUS))
    assert all(4 not in story.article_ids for story in stories)


def test_the_same_words_a_month_apart_are_not_the_same_story() -> None:
    stories = build_stories(_inputs(CORPUS))
    assert all(5 not in story.article_ids for story in stories)


def test_input_order_does_not_change_the_stories() -> None:
    items = _inputs(CORPUS)
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    assert [s.article_ids for s in build_stories(shuffled)] == [s.article_ids for s in build_stories(items)]


def test_the_story_id_is_its_smallest_article_id() -> None:
    items = [
        StoryInput(item.id + 40, item.headline, item.text, item.published, item.outlet)
        for item in _inputs(CORPUS)
    ]
    assert [story.id for story in build_stories(items)] == [41]


def test_undated_articles_only_join_undated_ones() -> None:
    items = _inputs(CORPUS)
    items[1] = StoryInput(2, VISIT[1][2], VISIT[1][3], None, "alriyadh")
    assert [s.article_ids for s in build_stories(items)] == [[1, 3]]


def test_terms_drop_stop_words_and_fold_spelling() -> None:
    assert story_terms("وزير الخارجية في القاهرة", "") == ["وزير", "خارجيه", "قاهره"] * 2


def test_linked_entities_are_terms_of_their_own() -> None:
    assert story_terms(None, None, ["Q85"]) == ["@Q85"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(max_size=40), st.text(max_size=80), st.one_of(st.none(), st.text(max_size=12))),
        max_size=12,
    )
)
def test_clustering_never_crashes_on_arbitrary_input(rows: list[tuple[str, str, str | None]]) -> None:
    items = [StoryInput(i + 1, headline, text, day) for i, (headline, text, day) in enumerate(rows)]
    for story in build_stories(items):
        assert story.size == len(story.article_ids) >= 2


# ---- in the store ---------------------------------------------------------------------------------


def story_documents(rows: list[tuple[str, str, str, str]] = CORPUS) -> list[Document]:
    """The synthetic corpus as JSON-like records, the way the readers hand them to ingest."""
    return [
        Document(
            source=f"synthetic#{i}",
            kind="record",
            url=f"https://example.com/{outlet}/{i}",
            outlet=outlet,
            fields={"title": headline, "content": body, "date": day, "outlet": outlet},
        )
        for i, (outlet, day, headline, body) in enumerate(rows)
    ]


def _stories(db: Path) -> tuple[list[tuple], list[tuple]]:
    connection = sqlite3.connect(db)
    try:
        return (
            connection.execute("SELECT * FROM stories ORDER BY id").fetchall(),
            connection.execute("SELECT id, story_id FROM articles ORDER BY id").fetchall(),
        )
    finally:
        connection.close()


def test_ingest_writes_the_story_and_each_member_points_to_it(tmp_path: Path) -> None:
    with open_store(tmp_path / "k.db") as store:
        store.ingest_documents(story_documents(), workers=0, understand=False)
    stories, members = _stories(tmp_path / "k.db")
    assert stories == [(1, VISIT[0][2], "2024-03-10", "2024-03-11", 3, 3)]
    assert members == [(1, 1), (2, 1), (3, 1), *((i, None) for i in range(4, 13))]


def test_ingest_in_two_runs_gives_the_stories_of_one_run(tmp_path: Path) -> None:
    documents = story_documents()
    with open_store(tmp_path / "one.db") as store:
        store.ingest_documents(documents, workers=0, understand=False)
    with open_store(tmp_path / "two.db") as store:
        store.ingest_documents(documents[:2], workers=0, understand=False)
        store.ingest_documents(documents, workers=0, understand=False)
    assert _stories(tmp_path / "two.db") == _stories(tmp_path / "one.db")


def test_clustering_is_skipped_when_no_article_was_added(tmp_path: Path) -> None:
    with open_store(tmp_path / "k.db") as store:
        store.ingest_documents(story_documents(), workers=0, understand=False)
        assert update_stories(store.connection) is None
        assert update_stories(store.connection, force=True) == 1


def test_a_version_1_file_is_lifted_to_stories(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    connection = sqlite3.connect(path)
    connection.executescript(schema_sql())
    connection.executescript(
        "INSERT INTO schema_version VALUES (1, '2024-01-01T00:00:00+00:00');"
        "INSERT INTO pages (id, source) VALUES (1, 'old');"
        "INSERT INTO articles (id, page_id, position, headline, text, blocks) VALUES (1, 1, 0, 'قديم', 'نص', '[]');"
        "PRAGMA user_version = 1;"
    )
    connection.close()
    with open_store(path) as store:
        assert store.version == SCHEMA_VERSION >= 2
        row = store.connection.execute("SELECT headline, story_id FROM articles").fetchone()
        assert row == ("قديم", None)
        assert store.connection.execute("SELECT count(*) FROM stories").fetchone() == (0,)
