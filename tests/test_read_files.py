"""Files, folders and globs in any mix; page kinds by suffix or by content; declared charsets."""

import gzip
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.read import ReadStats, input_format, iter_documents
from khabar.read.html_charset import header_charset, meta_charset

PAGE_1256 = (
    '<html><head><meta charset="windows-1256"><title>خبر</title></head><body><p>مرحبا</p></body></html>'
)


def test_html_gz_is_html_with_its_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE_1256.encode("cp1256")))
    [document] = iter_documents([path])
    assert (document.kind, document.charset, document.source) == ("html", "windows-1256", str(path))
    assert document.data == PAGE_1256.encode("cp1256")


def test_txt_is_text(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_text("بوتين يقوم بزيارة لأذربيجان\n\nنص الخبر.", encoding="utf-8")
    [document] = iter_documents([path])
    assert document.kind == "text"


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    html = tmp_path / "page.bin"
    html.write_text(PAGE_1256, encoding="utf-8")
    text = tmp_path / "dump.dat"
    text.write_text("خبر عاجل من موسكو", encoding="utf-8")
    jsonl = tmp_path / "records.out"
    jsonl.write_text(json.dumps({"title": "عنوان"}) + "\n", encoding="utf-8")
    assert [d.kind for d in iter_documents([html, text])] == ["html", "text"]
    assert input_format(jsonl) == "jsonl"


def test_folders_recursive_globs_and_files_mixed_each_once(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ["a/one.txt", "a/b/two.html", "a/.hidden.txt", "three.txt"]:
        (tmp_path / name).write_text("خبر", encoding="utf-8")
    inputs = [tmp_path / "a", str(tmp_path / "*.txt"), tmp_path / "three.txt"]
    sources = [Path(d.source).relative_to(tmp_path).as_posix() for d in iter_documents(inputs)]
    assert sources == ["a/b/two.html", "a/one.txt", "three.txt"]


def test_missing_path_is_counted_not_raised(tmp_path: Path) -> None:
    stats = ReadStats()
    assert list(iter_documents([tmp_path / "nothing-here.html"], stats=stats)) == []
    assert stats.skipped["no-such-path"] == 1


def test_meta_http_equiv_charset() -> None:
    head = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
    assert meta_charset(head) == "windows-1256"


def test_unknown_charset_label_is_ignored() -> None:
    assert meta_charset(b'<meta charset="no-such-codec">') is None


def test_header_charset() -> None:
    assert header_charset("text/html; charset=ISO-8859-6") == "iso-8859-6"


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_meta_charset_never_raises(data: bytes) -> None:
    meta_charset(data)
    header_charset(data)
