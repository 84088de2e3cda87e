"""WARC input: a WARC written in the test (warcio) from the real and synthetic pages gives the same
articles as the HTML files; damaged records are reported and the rest is still read."""

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from khabar.pipeline import parse_document
from khabar.read import ReadStats, iter_documents
from khabar.read.files import read_page
from khabar.read.warc import iter_warc
from tests.conftest import SHARED

SYNTHETIC = Path(__file__).parent / "data" / "html"
PAGES = {
    "http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html": SHARED
    / "html"
    / "cnn-arabic-2013.article.html",
    "http://www.assabah.com.tn/article/164913": SHARED / "html" / "assabah.com.tn.article.html",
    "https://aawsat.example/2024/08/18/putin-baku": SYNTHETIC / "aawsat-style-synthetic.html",
    "https://almasaa.example/local/rain": SYNTHETIC / "windows-1256-synthetic.html",
}


def write_warc(path: Path, *, gzip: bool, extra: bool = True) -> Path:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for url, page in PAGES.items():
            charset = "windows-1256" if "1256" in page.name else "utf-8"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", f"text/html; charset={charset}")], protocol="HTTP/1.1"
            )
            if extra:
                request = writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
                )
                writer.write_record(request)
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(page.read_bytes()), http_headers=headers
            )
            writer.write_record(record)
        if extra:
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    "https://aawsat.example/a.jpg",
                    "response",
                    payload=io.BytesIO(b"\xff\xd8"),
                    http_headers=image,
                )
            )
    return path


def record_offsets(path: Path) -> list[int]:
    from fastwarc.warc import ArchiveIterator

    with open(path, "rb") as handle:
        return [record.stream_pos for record in ArchiveIterator(handle, parse_http=False)]


@pytest.fixture(params=[False, True], ids=["warc", "warc.gz"])
def warc(request, tmp_path: Path) -> Path:
    name = "crawl.warc.gz" if request.param else "crawl.warc"
    return write_warc(tmp_path / name, gzip=request.param)


def test_warc_gives_the_same_articles_as_the_html_files(warc: Path) -> None:
    documents = list(iter_documents([warc]))
    assert [d.url for d in documents] == list(PAGES)
    for document in documents:
        from_file = read_page(PAGES[document.url])
        from_file.url = document.url
        warc_page = parse_document(document, understand=False)
        file_page = parse_document(from_file, understand=False)
        assert warc_page.articles, document.url
        assert [a.to_dict() for a in warc_page.articles] == [a.to_dict() for a in file_page.articles]


def test_warc_sources_urls_and_charsets(warc: Path) -> None:
    documents = list(iter_warc(warc))
    assert all(d.source.startswith(f"{warc}#<urn:uuid:") for d in documents)
    assert [d.charset for d in documents] == ["utf-8", "utf-8", "utf-8", "windows-1256"]
    assert {d.kind for d in documents} == {"html"}


def test_other_records_are_skipped_with_reasons(warc: Path) -> None:
    stats = ReadStats()
    list(iter_warc(warc, stats=stats))
    assert dict(stats.skipped) == {"warc-record-type: request": 4, "not-html: image/jpeg": 1}
    assert (stats.documents, stats.problems) == (4, 0)


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_damaged_record_is_reported_and_the_rest_read(tmp_path: Path, gzip: bool) -> None:
    path = write_warc(tmp_path / ("whole.warc.gz" if gzip else "whole.warc"), gzip=gzip, extra=False)
    data = path.read_bytes()
    starts = record_offsets(path)
    damaged = tmp_path / ("damaged.warc.gz" if gzip else "damaged.warc")
    # the second response loses its tail: its bytes stop 300 bytes in, the third record follows
    damaged.write_bytes(data[: starts[1] + 300] + data[starts[2] :])
    stats = ReadStats()
    documents = list(iter_warc(damaged, stats=stats))
    problems = [d for d in documents if d.problem]
    assert len(problems) == 1
    assert problems[0].problem.startswith(("truncated-warc-record", "corrupt-warc-record"))
    assert [d.url for d in documents if not d.problem] == [url for n, url in enumerate(PAGES) if n != 1]
    assert stats.problems == 1


def test_truncated_last_record_is_reported(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "whole.warc", gzip=False, extra=False)
    starts = record_offsets(path)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(path.read_bytes()[: starts[3] + 500])
    documents = list(iter_warc(cut))
    assert [d.problem is None for d in documents] == [True, True, True, False]
    assert documents[3].problem.startswith("truncated-warc-record")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600), st.sampled_from([".warc", ".warc.gz"]))
def test_arbitrary_bytes_as_warc_never_raise(tmp_path_factory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("warc") / f"fuzz{suffix}"
    path.write_bytes(b"WARC/1.0\r\n" + data)
    for document in iter_warc(path):
        assert document.source.startswith(str(path))
