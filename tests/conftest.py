"""Shared paths: test data lives in ../shared beside the project and is read, never copied."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SAMPLE_PAGE = SHARED / "samples" / "pages" / "aawsat-2024-08-16-putin-azerbaijan.txt"
SAMPLE_EXPECTED = SHARED / "samples" / "pages" / "aawsat-2024-08-16-putin-azerbaijan.expected.json"
SAUDINEWSNET = SHARED / "corpora" / "saudinewsnet"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.fail(f"../shared not found at {SHARED}: tests read their data from there")
    return SHARED
