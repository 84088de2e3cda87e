"""Bad input never raises: it gives an empty result with a recorded reason."""

import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import parse
from khabar.read.decode import MAX_PAGE_BYTES, decode
from khabar.structure.bylines import parse_byline
from khabar.structure.captions import parse_caption
from khabar.structure.text_page import structure_text

ARABIC = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوية أإآءئؤى«»()،.:\n-0123456789")))


def test_empty_input():
    assert parse(b"").problem == "empty"
    assert parse("   \n\n ").problem == "empty"


def test_random_bytes():
    page = parse(os.urandom(4096))
    assert page.articles == [] and page.problem


def test_binary_file():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    page = parse(png)
    assert page.articles == [] and page.problem.startswith("binary")


def test_english_page():
    page = parse(
        b"Putin visits Azerbaijan\n\nThe Russian president will pay a state visit on 18 and 19 August."
    )
    assert page.articles == [] and page.problem.startswith("not-arabic")


def test_huge_file_is_refused_with_reason():
    page = parse(b"\xd8\xa8" * (MAX_PAGE_BYTES // 2 + 10))
    assert page.articles == [] and page.problem.startswith("too-large")


def test_cli_reports_bad_files_without_traceback(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "noise.bin").write_bytes(os.urandom(2048))
    (tmp_path / "big.txt").write_bytes(b"a" * (MAX_PAGE_BYTES + 1))
    result = subprocess.run(
        [sys.executable, "-m", "khabar", "parse", str(tmp_path), "--format", "jsonl", "--no-understand"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "3 pages, 0 articles" in result.stderr
    assert "empty 1" in result.stderr and "too-large 1" in result.stderr


def test_cli_missing_file_is_one_line_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "khabar", "parse", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "no page read" in result.stderr


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_decode_never_raises(data):
    decoded = decode(data)
    assert decoded.problem or isinstance(decoded.text, str)


@settings(max_examples=200, deadline=None)
@given(st.one_of(ARABIC, st.text(max_size=2000)))
def test_structurer_never_raises_and_spans_hold(text):
    for article in structure_text(text):
        for block in article.blocks:
            assert article.text[block.start : block.end] == block.text


@settings(max_examples=300, deadline=None)
@given(st.one_of(ARABIC, st.text(max_size=300)))
def test_line_parsers_never_raise(text):
    parse_caption(text)
    parse_byline(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_parse_never_raises_on_bytes(data):
    page = parse(data, understand=False)
    assert page.problem or page.articles


def test_arabic_article_quoting_much_english_is_kept():
    """A review listing English film titles is still an Arabic article when it has real Arabic prose."""
    prose = "وتضم القائمة أفضل أفلام الممثل الأميركي في مسيرته الطويلة مع كبار المخرجين. " * 6
    titles = " ".join(["The Panic in Needle Park | Jerry Schatzberg (1969)"] * 40)
    page = parse(f"أفضل عشرة أفلام\n\n{prose}\n\n{titles}", understand=False)
    assert page.problem is None and len(page.articles) == 1


def test_arabic_presentation_forms_count_as_arabic():
    """Text pasted from a PDF («ﻣﺎ ﺣﻜﻢ ﺍﻟﺘﻜﺒﻴﺮ») is Arabic, in glyph code points."""
    from khabar.read.decode import arabic_share

    assert arabic_share("ﻣﺎ ﺣﻜﻢ ﺍﻟﺘﻜﺒﻴﺮ ﻭﺍﻟﺘﻬﻠﻴﻞ") == 1.0
