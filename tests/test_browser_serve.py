"""The real app in headless Chromium (Debian's, through Playwright): search for an Arabic word,
open an article, follow an entity link, see the timeline; a hostile headline stays text.
Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_serve_store import HOSTILE_HEADLINE, shared_store

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    import uvicorn

    from khabar.serve import create_app

    db = shared_store()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.dialogs = dialogs
    yield tab
    context.close()


def test_search_open_article_follow_entity_see_timeline(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/")
    page.fill("input[name=q]", "بوتين")
    page.click("form.search button[type=submit]")
    page.wait_for_selector("a.hit-link")
    page.screenshot(path=str(ARTIFACTS / "browser-1-search.png"), full_page=True)

    page.click("a.hit-link >> text=بوتين يقوم بزيارة لأذربيجان")
    page.wait_for_selector("h1.headline")
    assert page.inner_text("h1.headline") == "بوتين يقوم بزيارة لأذربيجان"
    assert page.get_attribute("html", "dir") == "rtl"
    page.screenshot(path=str(ARTIFACTS / "browser-2-article.png"), full_page=True)

    page.click('div.body a.ent[href="/entity/Q7747"]')
    page.wait_for_selector("svg.timeline rect.bar")
    assert page.inner_text("a.wikidata") == "wikidata:Q7747"
    assert page.locator("svg.timeline rect.bar").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "browser-3-entity.png"), full_page=True)
    assert page.dialogs == []


def test_hostile_headline_shows_as_text_and_runs_nothing(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/search?outlet=hostile-outlet")
    page.click("a.hit-link")
    page.wait_for_selector("h1.headline")
    assert page.inner_text("h1.headline") == HOSTILE_HEADLINE
    assert page.evaluate("document.querySelectorAll('main script, main img').length") == 0
    page.screenshot(path=str(ARTIFACTS / "browser-4-hostile.png"), full_page=True)
    assert page.dialogs == []
