"""The unlabelled inputs of ``spamguard score``: files, directories, JSONL(.gz), WARC(.gz) and stdin."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcs import write_warc

from model.inputs import (
    InputArgumentError,
    InputError,
    InputPage,
    iter_inputs,
    jsonl_line_to_item,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "cli"
PAGE = "<html><body><p>Opening hours of the village library.</p></body></html>"


def test_html_file_is_one_page_of_raw_bytes() -> None:
    path = FIXTURES / "site" / "sub" / "latin1.htm"
    (item,) = iter_inputs(str(path))
    assert item == InputPage(id=str(path), url=None, html=path.read_bytes())


def test_explicit_file_with_another_extension_is_html(tmp_path: Path) -> None:
    path = tmp_path / "index.php"
    path.write_text(PAGE, encoding="utf-8")
    (item,) = iter_inputs(str(path))
    assert isinstance(item, InputPage) and item.html == PAGE.encode()


def test_directory_is_recursive_sorted_and_expands_containers(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a.HTML").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden" / "x.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b" / "feed.jsonl").write_text(json.dumps({"id": "j1", "html": PAGE}) + "\n", encoding="utf-8")
    (warc_id,) = write_warc(tmp_path / "c.warc.gz", [("https://c.example/", "text/html", PAGE.encode())])
    items = list(iter_inputs(str(tmp_path)))
    assert [item.id for item in items] == [
        str(tmp_path / "a.HTML"),
        "j1",
        str(tmp_path / "b" / "z.htm"),
        warc_id,
    ]
    assert all(isinstance(item, InputPage) for item in items)


def test_fixture_directory() -> None:
    items = list(iter_inputs(str(FIXTURES / "site")))
    assert [Path(item.id).name for item in items] == ["index.html", "latin1.htm"]


def test_jsonl_bad_lines_become_errors_and_the_file_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "url": "https://a.example/", "html": PAGE}).encode(),
        b"{broken",
        b"",
        b"\xff\xfe not utf-8",
        json.dumps([1, 2]).encode(),
        json.dumps({"id": 7, "title": "no html"}).encode(),
        json.dumps({"html": PAGE, "url": 5}).encode(),
        json.dumps({"html": PAGE, "title": "a Scrapy item"}).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(iter_inputs(str(path)))
    assert items[0] == InputPage(id="a", url="https://a.example/", html=PAGE)
    assert [type(item).__name__ for item in items] == ["InputPage"] + ["InputError"] * 5 + ["InputPage"]
    assert items[1] == InputError(id=f"{path}:2", error=items[1].error)
    assert "not JSON" in items[1].error
    assert items[2].id == f"{path}:4" and "not UTF-8" in items[2].error
    assert "JSON list, not an object" in items[3].error
    assert items[4].id == "7" and "no 'html' field" in items[4].error
    assert "'url' is a int" in items[5].error
    assert items[6] == InputPage(id=f"{path}:8", url=None, html=PAGE)


def test_truncated_jsonl_gz_reports_the_rest_as_one_error(tmp_path: Path) -> None:
    data = gzip.compress(b"".join(json.dumps({"id": i, "html": PAGE}).encode() + b"\n" for i in range(50)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(iter_inputs(str(path)))
    assert isinstance(items[-1], InputError) and "cannot read the rest of the file" in items[-1].error
    assert all(isinstance(item, InputPage) for item in items[:-1])


def test_warc_reads_html_responses_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    ids = write_warc(
        path,
        [
            ("https://a.example/", "text/html; charset=windows-1251", "<p>Привет</p>".encode("cp1251")),
            ("https://a.example/a.css", "text/css", b"p{}"),
            ("https://b.example/", "application/xhtml+xml", PAGE.encode()),
        ],
    )
    items = list(iter_inputs(str(path)))
    assert items == [
        InputPage(id=ids[0], url="https://a.example/", html="<p>Привет</p>"),
        InputPage(id=ids[2], url="https://b.example/", html=PAGE),
    ]


def test_corrupt_warc_gives_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc.gz"
    write_warc(path, [("https://a.example/", "text/html", PAGE.encode())])
    path.write_bytes(path.read_bytes() + b"\x1f\x8b\x08garbage-after-the-last-record")
    items = list(iter_inputs(str(path)))
    assert isinstance(items[0], InputPage)
    assert isinstance(items[1], InputError) and "unreadable WARC record" in items[1].error


def test_stdin_is_one_page() -> None:
    (item,) = iter_inputs("-", io.BytesIO(b"<p>caf\xc3\xa9</p>"))
    assert item == InputPage(id="-", url=None, html=b"<p>caf\xc3\xa9</p>")


def test_missing_argument_fails_at_call_time(tmp_path: Path) -> None:
    with pytest.raises(InputArgumentError, match=r"no such file or directory: '.*nope\.html'"):
        iter_inputs(str(tmp_path / "nope.html"))  # not iterated: checked before scoring starts


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_argument_fails_at_call_time(tmp_path: Path) -> None:
    path = tmp_path / "secret.html"
    path.write_text(PAGE, encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputArgumentError, match="cannot read"):
        iter_inputs(str(path))


# No per-example deadline: these are correctness properties, and the test machine is shared.
@settings(deadline=None)
@given(st.binary(max_size=300))
def test_jsonl_line_never_raises(raw: bytes) -> None:
    item = jsonl_line_to_item(raw, "f:1")
    assert isinstance(item, InputPage | InputError)
    assert isinstance(item.id, str)


@settings(deadline=None)
@given(st.lists(st.binary(max_size=80).filter(lambda b: b"\n" not in b), max_size=6))
def test_jsonl_file_never_raises(tmp_path_factory: pytest.TempPathFactory, lines: list[bytes]) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.jsonl"
    path.write_bytes(b"\n".join(lines))
    items = list(iter_inputs(str(path)))
    # A byte-order mark at the very start of the file is not content (see the BOM test below).
    content = [line.removeprefix(b"\xef\xbb\xbf") if k == 0 else line for k, line in enumerate(lines)]
    assert len(items) == sum(1 for line in content if line.strip())
    assert all(isinstance(item, InputPage | InputError) for item in items)


@settings(deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children),
        max_leaves=8,
    ),
    st.one_of(st.none(), st.text(max_size=40), st.integers()),
)
def test_jsonl_records_of_any_shape(value: object, html: object) -> None:
    obj = {"id": value, "url": value} if html is None else {"id": value, "url": value, "html": html}
    item = jsonl_line_to_item(json.dumps(obj).encode(), "f:1")
    if isinstance(html, str) and (value is None or isinstance(value, str)):
        assert isinstance(item, InputPage) and item.html == html
    else:
        assert isinstance(item, InputError)


def test_deeply_nested_json_line_is_an_error() -> None:
    item = jsonl_line_to_item(b"[" * 100_000 + b"]" * 100_000, "f:1")
    assert isinstance(item, InputError)


def test_stdin_text_stream_without_buffer(monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("<p>typed in</p>"))
    (item,) = iter_inputs("-")
    assert item == InputPage(id="-", url=None, html="<p>typed in</p>")


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_warc_cut_inside_a_record_gives_an_error_record(tmp_path: Path, name: str) -> None:
    full = tmp_path / f"full-{name}"
    bodies = [(f"https://{i}.example/", "text/html", (PAGE * (i + 1)).encode()) for i in range(3)]
    ids = write_warc(full, bodies)
    data = full.read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: len(data) - 150])  # the last record loses its end
    items = list(iter_inputs(str(path)))
    assert [item.id for item in items[:2]] == ids[:2]
    assert all(isinstance(item, InputPage) for item in items[:2])
    assert len(items) == 3 and isinstance(items[2], InputError)
    assert "cut short" in items[2].error
    assert items[2].id in (ids[2], *(f"{path}@{n}" for n in range(len(data))))


def test_a_byte_order_mark_at_the_start_of_a_jsonl_file_is_not_part_of_the_first_record(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "html": "<p>a</p>"}\n\xef\xbb\xbf{"id": "b", "html": "<p>b</p>"}\n')
    first, second = iter_inputs(str(path))
    assert isinstance(first, InputPage) and first.id == "a"
    assert isinstance(second, InputError) and "not JSON" in second.error  # only the file's start may carry one
