"""The web app over a real store: JSON twins, Arabic pages, spans rendered as escaped pieces,
clean 4xx pages, read-only access."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from khabar.records import Article
from khabar.serve import StoreMissing, create_app
from khabar.store.search import SearchHit
from tests.test_serve_store import HOSTILE_HEADLINE, shared_store

SAMPLE_HEADLINE = "بوتين يقوم بزيارة لأذربيجان"
PUTIN = "Q7747"


@pytest.fixture(scope="module")
def db() -> Path:
    return shared_store()


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def article_id(db: Path, headline: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT id FROM articles WHERE headline = ?", (headline,)).fetchone()[0]


def html(response) -> HTMLParser:  # type: ignore[no-untyped-def]
    return HTMLParser(response.text)


# ---- search -------------------------------------------------------------------------------------


def test_search_page_finds_the_sample_article_for_putin(client: TestClient) -> None:
    page = html(client.get("/search", params={"q": "بوتين"}))
    assert SAMPLE_HEADLINE in [node.text() for node in page.css("a.hit-link")]


def test_search_page_marks_the_matched_word_in_the_headline(client: TestClient) -> None:
    page = html(client.get("/search", params={"q": "بوتين"}))
    assert "بوتين" in [node.text() for node in page.css("a.hit-link mark")]


def test_search_json_hits_have_the_store_field_names(client: TestClient, db: Path) -> None:
    data = client.get("/api/search", params={"q": "بوتين"}).json()
    assert set(data["hits"][0]) == set(SearchHit(1, 0.0, None, None, None, None, "").to_dict())
    assert data["hits"][0]["id"] == article_id(db, SAMPLE_HEADLINE)


def test_search_outlet_filter_keeps_only_that_outlet(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "وزارة", "outlet": "3alyoum"}).json()["hits"]
    assert hits and {hit["outlet"] for hit in hits} == {"3alyoum"}


def test_search_date_range_keeps_only_those_days(client: TestClient) -> None:
    params = {"q": "في", "date_from": "2015-07-22", "date_to": "2015-07-22", "limit": 100}
    hits = client.get("/api/search", params=params).json()["hits"]
    assert hits and {hit["published"] for hit in hits} == {"2015-07-22"}


def test_search_entity_filter_keeps_articles_mentioning_it(client: TestClient, db: Path) -> None:
    hits = client.get("/api/search", params={"q": "زيارة", "entity": PUTIN}).json()["hits"]
    assert [hit["id"] for hit in hits] == [article_id(db, SAMPLE_HEADLINE)]


def test_filters_without_query_list_the_newest_articles_of_an_outlet(client: TestClient) -> None:
    hits = client.get("/api/search", params={"outlet": "3alyoum"}).json()["hits"]
    assert len(hits) == 6 and {hit["outlet"] for hit in hits} == {"3alyoum"}


def test_search_pagination_moves_by_limit(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "في", "limit": 2}).json()
    second = client.get("/api/search", params={"q": "في", "limit": 2, "offset": 2}).json()
    assert first["next_offset"] == 2
    assert not {hit["id"] for hit in first["hits"]} & {hit["id"] for hit in second["hits"]}


# ---- article ------------------------------------------------------------------------------------


def test_article_json_has_the_field_names_of_article_to_dict(client: TestClient, db: Path) -> None:
    data = client.get(f"/api/articles/{article_id(db, SAMPLE_HEADLINE)}").json()
    assert set(Article().to_dict()) <= set(data)
    assert {"id", "page_id", "source", "duplicates"} <= set(data)


def test_article_json_keeps_caption_agency_and_subtitle(client: TestClient, db: Path) -> None:
    data = client.get(f"/api/articles/{article_id(db, SAMPLE_HEADLINE)}").json()
    assert data["captions"][0] == {
        "text": "الرئيس الروسي فلاديمير بوتين 16 أغسطس 2024",
        "credit": "إ.ب.أ",
        "agency": "EPA",
        "date": "2024-08-16",
    }
    assert data["subtitle"] == "بهدف تطوير العلاقات الثنائية وبحث «المشكلات الإقليمية والدولية»"


def test_article_json_spans_point_into_its_text(client: TestClient, db: Path) -> None:
    data = client.get(f"/api/articles/{article_id(db, SAMPLE_HEADLINE)}").json()
    for span in (*data["mentions"], *data["dates"], *data["quotes"]):
        assert data["text"][span["start"] : span["end"]] == span["text"]


def test_article_page_is_arabic_right_to_left(client: TestClient, db: Path) -> None:
    root = html(client.get(f"/article/{article_id(db, SAMPLE_HEADLINE)}")).css_first("html")
    assert (root.attributes["dir"], root.attributes["lang"]) == ("rtl", "ar")


def test_article_page_shows_caption_with_its_agency(client: TestClient, db: Path) -> None:
    page = html(client.get(f"/article/{article_id(db, SAMPLE_HEADLINE)}"))
    assert page.css_first("figure.caption abbr").text() == "EPA"


def test_article_page_links_each_linked_mention_to_its_entity(client: TestClient, db: Path) -> None:
    ident = article_id(db, SAMPLE_HEADLINE)
    data = client.get(f"/api/articles/{ident}").json()
    links = {
        (node.text(), node.attributes["href"])
        for node in html(client.get(f"/article/{ident}")).css("div.body a.ent")
    }
    from urllib.parse import quote

    expected = {(m["text"], f"/entity/{quote(m['entity'])}") for m in data["mentions"] if m["entity"]}
    assert expected and expected <= links


def test_article_page_body_text_equals_the_stored_text(client: TestClient, db: Path) -> None:
    ident = article_id(db, SAMPLE_HEADLINE)
    data = client.get(f"/api/articles/{ident}").json()
    body = html(client.get(f"/article/{ident}")).css("div.body > p, div.body > h2")
    assert "\n\n".join(node.text() for node in body) == data["text"]


def test_article_page_highlights_dates_and_quotes(client: TestClient, db: Path) -> None:
    page = html(client.get(f"/article/{article_id(db, SAMPLE_HEADLINE)}"))
    assert page.css("div.body a.date") and page.css("div.body span.quote")


def test_article_page_lists_teasers_apart_from_the_body(client: TestClient, db: Path) -> None:
    page = html(client.get(f"/article/{article_id(db, SAMPLE_HEADLINE)}"))
    teasers = [node.text() for node in page.css("section.teasers strong")]
    assert "بوتين يبحث «حلولاً تقنية جديدة» لمواجهة توغل كورسك" in teasers
    assert "توغل كورسك" not in page.css_first("div.body").text()


# ---- hostile input ------------------------------------------------------------------------------


def test_hostile_headline_renders_as_text(client: TestClient, db: Path) -> None:
    response = client.get(f"/article/{article_id(db, HOSTILE_HEADLINE)}")
    page = html(response)
    assert page.css_first("h1.headline").text() == HOSTILE_HEADLINE
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert page.css("script") == [] and page.css("img") == []


def test_hostile_headline_in_search_results_renders_as_text(client: TestClient) -> None:
    response = client.get("/search", params={"q": "القاهرة"})
    assert "&lt;script&gt;" in response.text and html(response).css("script") == []


def test_javascript_url_is_never_a_link(client: TestClient, db: Path) -> None:
    response = client.get(f"/article/{article_id(db, HOSTILE_HEADLINE)}")
    assert "javascript:" not in response.text


def test_pages_forbid_foreign_scripts(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy


# ---- entity, outlets, events, docs --------------------------------------------------------------


def test_entity_page_names_putin_with_his_wikidata_id(client: TestClient) -> None:
    page = html(client.get(f"/entity/{PUTIN}"))
    assert page.css_first("h1").text().startswith("فلاديمير بوتين")
    assert page.css_first("a.wikidata").text() == "wikidata:Q7747"


def test_entity_page_draws_a_timeline_of_mentions(client: TestClient) -> None:
    count = client.get(f"/api/entities/{PUTIN}").json()["mentions_count"]
    page = html(client.get(f"/entity/{PUTIN}"))
    assert [node.css_first("title").text() for node in page.css("svg.timeline rect.bar")] == [
        f"2024-08-16: {count}"
    ]


def test_entity_json_counts_mentions_per_day(client: TestClient) -> None:
    data = client.get(f"/api/entities/{PUTIN}").json()
    assert data["timeline"] == [{"date": "2024-08-16", "count": data["mentions_count"]}]


def test_entity_json_lists_entities_seen_with_it(client: TestClient) -> None:
    keys = {row["key"] for row in client.get(f"/api/entities/{PUTIN}").json()["cooccurring"]}
    assert {"Q227", "Q159"} <= keys  # Azerbaijan, Russia


def test_entity_name_redirects_to_its_key(client: TestClient) -> None:
    response = client.get("/entity/فلاديمير بوتين", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].endswith(f"/entity/{PUTIN}")


def test_outlets_page_counts_articles_per_outlet(client: TestClient) -> None:
    rows = {row["outlet"]: row["articles"] for row in client.get("/api/outlets").json()["outlets"]}
    assert rows["3alyoum"] == 6 and rows["hostile-outlet"] == 1
    assert "3alyoum" in [node.text() for node in html(client.get("/outlets")).css("table.outlets a")]


def test_events_page_answers_whether_or_not_events_exist(client: TestClient) -> None:
    assert client.get("/events").status_code == 200
    assert set(client.get("/api/events").json()) == {"type", "limit", "offset", "per_day", "events"}


def test_openapi_schema_lists_every_api_route(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/api/search", "/api/articles/{article_id}", "/api/entities/{key}", "/api/outlets"} <= paths


def test_docs_page_loads_nothing_from_outside(client: TestClient) -> None:
    page = html(client.get("/docs"))
    assert "/api/search" in page.text()
    assert [
        n
        for n in page.css("script, link")
        if "//" in (n.attributes.get("src") or n.attributes.get("href") or "")
    ] == []


# ---- errors and safety --------------------------------------------------------------------------


def test_unknown_article_is_a_clean_arabic_404_page(client: TestClient) -> None:
    response = client.get("/article/999999")
    assert response.status_code == 404
    assert html(response).css_first("h1").text().startswith("غير موجود")


def test_non_numeric_article_id_is_a_400_page(client: TestClient) -> None:
    response = client.get("/article/abc")
    assert response.status_code == 400 and "طلب غير صالح" in response.text


def test_impossible_date_is_a_400_page_naming_the_parameter(client: TestClient) -> None:
    response = client.get("/search", params={"q": "بوتين", "date_from": "2024-13-45"})
    assert response.status_code == 400
    assert [node.text() for node in html(response).css("ul.problems code")] == ["date_from"]


def test_limit_over_100_is_a_json_400_on_the_api(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "بوتين", "limit": 1000})
    assert response.status_code == 400 and response.json()["problems"][0]["parameter"] == "limit"


def test_api_404_is_json(client: TestClient) -> None:
    response = client.get(f"/api/entities/{'Q0'}")
    assert response.status_code == 404 and response.json()["status"] == 404


def test_writes_are_not_routes(client: TestClient) -> None:
    assert client.post("/api/search", json={}).status_code == 405


def test_the_store_is_opened_read_only(client: TestClient) -> None:
    connection = client.app.state.reader.connection()  # type: ignore[attr-defined]
    with pytest.raises(sqlite3.OperationalError):
        connection.execute("DELETE FROM articles")


def test_a_missing_database_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreMissing, match="khabar ingest"):
        create_app(tmp_path / "none.db")


# ---- stories --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def story_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from khabar.store import open_store
    from tests.test_stories import story_documents

    path = tmp_path_factory.mktemp("stories") / "k.db"
    with open_store(path) as store:
        store.ingest_documents(story_documents(), workers=0, understand=False)
    return TestClient(create_app(path))


def test_article_page_shows_its_story_and_links_the_other_reports(story_client: TestClient) -> None:
    from tests.test_stories import VISIT

    page = html(story_client.get("/article/2"))
    links = {node.attributes["href"]: node.text() for node in page.css("section.story a")}
    assert links == {"/story/1": VISIT[0][2], "/article/1": VISIT[0][2], "/article/3": VISIT[2][2]}


def test_article_json_carries_its_story(story_client: TestClient) -> None:
    story = story_client.get("/api/articles/3").json()["story"]
    assert (story["id"], story["size"], [a["id"] for a in story["articles"]]) == (1, 3, [1, 2, 3])


def test_article_outside_any_story_says_so(story_client: TestClient) -> None:
    assert story_client.get("/api/articles/4").json()["story"] is None
    assert html(story_client.get("/article/4")).css("section.story a") == []


def test_stories_page_lists_the_story_with_its_outlet_count(story_client: TestClient) -> None:
    page = html(story_client.get("/stories"))
    rows = [[cell.text() for cell in row.css("td")] for row in page.css("table.stories tbody tr")]
    assert rows == [[rows[0][0], "3", "3", "2024-03-10", "2024-03-11"]]


def test_story_json_lists_its_articles_oldest_first(story_client: TestClient) -> None:
    data = story_client.get("/api/stories/1").json()
    assert [(a["id"], a["outlet"], a["published"]) for a in data["articles"]] == [
        (1, "okaz", "2024-03-10"),
        (2, "alriyadh", "2024-03-10"),
        (3, "sabq", "2024-03-11"),
    ]


def test_stories_json_is_the_twin_of_the_page(story_client: TestClient) -> None:
    assert [s["id"] for s in story_client.get("/api/stories").json()["stories"]] == [1]


def test_unknown_story_is_a_404(story_client: TestClient) -> None:
    assert story_client.get("/story/4").status_code == 404
    assert story_client.get("/api/stories/4").status_code == 404


def test_story_page_escapes_its_headline(tmp_path: Path) -> None:
    from khabar.store import open_store
    from tests.test_stories import CORPUS, story_documents

    rows = [(outlet, day, HOSTILE_HEADLINE + " " + headline if i == 0 else headline, body)
            for i, (outlet, day, headline, body) in enumerate(CORPUS)]  # fmt: skip
    with open_store(tmp_path / "k.db") as store:
        store.ingest_documents(story_documents(rows), workers=0, understand=False)
    response = TestClient(create_app(tmp_path / "k.db")).get("/story/1")
    assert "<script>" not in response.text
    assert HOSTILE_HEADLINE in html(response).css_first("h1").text()
