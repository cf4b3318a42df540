"""``spamguard score`` over hostile input (issue 6): every pathological page gets a verdict or an error
record and the batch goes on; cut-short archives and undecodable records give error records and the exit
status README.md documents (0 unless ``--fail-on-spam`` found spam; 2 only for usage errors)."""

from __future__ import annotations

import gzip
import io
import json
import math
import sys
from pathlib import Path

import pytest
from pathological import pathological_capped

from spider_plugins.cli import SERIAL_MAX_PAGES, main

#: Each pathological page is cut to this many bytes before it is written to disk: the CLI's handling of a
#: page does not depend on its size beyond the feature extractor's cap (tested at full size in
#: tests/features/test_hostile.py), and writing 50 MB pages would make these tests slow.
CLI_PAGE_BYTES = 300_000
#: Smaller cut for the tests that only need many records in an archive.
ARCHIVE_PAGE_BYTES = 20_000
URL = "https://hostile.example/page"
PLAIN_PAGE = b"<html><body><h1>Opening hours</h1><p>The library opens at nine.</p></body></html>"
REASON_KEYS = {"feature", "value", "contribution"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict], str]:
    status = main(["score", "--format", "jsonl", "--jobs", "1", *args])
    captured = capsys.readouterr()
    return status, [json.loads(line) for line in captured.out.splitlines()], captured.err


def assert_verdict(record: dict) -> None:
    assert "error" not in record, record
    assert 0.0 <= record["score"] <= 1.0
    assert record["spam"] is (record["score"] >= record["threshold"])
    assert record["reasons"] and all(set(r) == REASON_KEYS for r in record["reasons"])
    for reason in record["reasons"]:
        assert reason["value"] is None or math.isfinite(reason["value"])
        assert math.isfinite(reason["contribution"])


def as_jsonl_text(body: bytes) -> str:
    """A page as JSONL ``html`` text: bytes that are not UTF-8 become lone surrogates (``\\udcXX`` escapes
    in the JSON), which is what a careless exporter writes and the reader must survive."""
    return body.decode("utf-8", "surrogateescape")


def test_every_pathological_page_gets_a_verdict(capsys, tmp_path: Path) -> None:
    pages = pathological_capped(CLI_PAGE_BYTES)
    directory = tmp_path / "pages"
    directory.mkdir()
    names = []
    for i, (name, body) in enumerate(pages.items()):
        path = directory / f"{i:02d}-{name}.html"
        path.write_bytes(body)
        names.append(str(path))
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(
            json.dumps({"id": name, "url": URL, "html": as_jsonl_text(body)}) + "\n" for name, body in pages.items()
        ),
        encoding="ascii",
    )
    status, records, err = run(capsys, str(directory), str(feed))
    assert status == 0
    assert [r["id"] for r in records] == names + list(pages)  # one record each, in input order
    for record in records:
        assert_verdict(record)
    assert [r["url"] for r in records] == [None] * len(pages) + [URL] * len(pages)
    spam = sum(r["spam"] for r in records)
    assert f"{2 * len(pages)} pages, {spam} spam, 0 errors" in err


def test_pathological_page_on_stdin(capsys, monkeypatch) -> None:
    body = pathological_capped(CLI_PAGE_BYTES)["binary"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body)))
    status, (record,), _ = run(capsys, "-")
    assert status == 0 and record["id"] == "-"
    assert_verdict(record)


def test_undecodable_records_become_errors_and_the_batch_goes_on(capsys, tmp_path: Path) -> None:
    # (line, expected outcome): "ok" = a verdict, anything else = a phrase of the error record.
    lines: list[tuple[bytes, str]] = [
        (b'{"id": "first", "html": "<p>first</p>"}', "ok"),
        (b'\xff\xfe{"html": "<p>x</p>"}', "not UTF-8"),
        ('{"html": "caf\u00e9"}'.encode("latin-1"), "not UTF-8"),
        ('{"id": "utf16", "html": "<p>x</p>"}'.encode("utf-16-le"), "not JSON"),  # valid UTF-8: NULs
        (b'\xef\xbb\xbf{"id": "bom", "html": "<p>x</p>"}', "not JSON"),
        (b'{"html": "a\x00b"}', "not JSON"),  # a raw control character inside a JSON string
        (b'{"html": "<p>x</p>"} trailing', "not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "not JSON"),
        (b'{"id": ' + b"1" * 5_000 + b', "html": "<p>x</p>"}', "not JSON"),  # int beyond Python's limit
        (b'"just a string"', "not an object"),
        (b'{"id": "no-html"}', "no 'html' field"),
        (b'{"id": "num", "html": 42}', "'html' is a int"),
        (b'{"id": "nul", "html": "a\\u0000b<p>x</p>"}', "ok"),
        (b'{"id": "lone-surrogates", "html": "\\ud800<p>x\\udfff</p>\\udcff"}', "ok"),
        (b'{"id": "controls", "html": "\\u0001\\u000b\\u000c<p>x</p>\\u001f"}', "ok"),
        (b'{"id": {"nested": [1, 2]}, "html": "<p>x</p>"}', "ok"),
        (b'{"id": NaN, "url": "http://[::1/", "html": "<p>x</p>"}', "ok"),
        (b'{"id": "bad-url", "url": "javascript:alert(1)", "html": "<a href=\\"http://[x/\\">x</a>"}', "ok"),
        (b'{"id": "last", "html": "<p>last</p>"}', "ok"),
    ]
    path = tmp_path / "records.jsonl"
    path.write_bytes(b"\r\n".join(line for line, _ in lines) + b"\r\n")
    status, records, err = run(capsys, str(path))
    assert status == 0
    assert len(records) == len(lines)
    for lineno, (record, (_, expected)) in enumerate(zip(records, lines, strict=True), start=1):
        if expected == "ok":
            assert_verdict(record)
        else:
            assert set(record) == {"id", "error"} and expected in record["error"], (lineno, record)
    assert records[0]["id"] == "first" and records[-1]["id"] == "last"
    assert records[1]["id"] == f"{path}:2"  # an unreadable line is named by file and line
    assert records[15]["id"] == '{"nested": [1, 2]}' and records[16]["id"] == "NaN"
    errors = sum(expected != "ok" for _, expected in lines)
    assert f"{len(lines)} pages" in err and f"{errors} errors" in err


def test_lone_surrogate_in_id_or_url_does_not_end_the_batch(capsys, tmp_path: Path) -> None:
    """A JSON \\ud800 escape in an id or url cannot be written as UTF-8; it must not end the batch."""
    path = tmp_path / "surrogates.jsonl"
    path.write_bytes(
        b'{"id": "before", "html": "<p>x</p>"}\n'
        b'{"id": "\\ud800", "html": "<p>x</p>"}\n'
        b'{"id": "url", "url": "http://\\udfff.example/", "html": "<p>x</p>"}\n'
        b'{"id": "after", "html": "<p>x</p>"}\n'
    )
    status, records, err = run(capsys, str(path))
    assert status == 0
    assert [r["id"] for r in records] == ["before", "\ud800", "url", "after"]  # read back unchanged
    assert records[2]["url"] == "http://\udfff.example/"
    assert "4 pages" in err


def jsonl_gz_of_pathological_pages() -> tuple[bytes, list[str]]:
    pages = pathological_capped(ARCHIVE_PAGE_BYTES)
    text = "".join(json.dumps({"id": n, "html": as_jsonl_text(b)}) + "\n" for n, b in pages.items())
    return gzip.compress(text.encode("ascii")), list(pages)


def test_truncated_jsonl_gz_gives_one_error_record_and_the_next_input_goes_on(capsys, tmp_path: Path) -> None:
    data, ids = jsonl_gz_of_pathological_pages()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    garbage = tmp_path / "not-gzip.jsonl.gz"
    garbage.write_bytes(b"this was never gzip\n" * 10)
    empty = tmp_path / "empty.jsonl.gz"
    empty.write_bytes(b"")
    page = tmp_path / "after.html"
    page.write_bytes(PLAIN_PAGE)
    status, records, err = run(capsys, str(cut), str(garbage), str(empty), str(page))
    assert status == 0
    *read, cut_error, garbage_error, after = records
    assert 0 < len(read) < len(ids)
    assert [r["id"] for r in read] == ids[: len(read)]
    for record in read:
        assert_verdict(record)
    assert cut_error == {"id": f"{cut}:{len(read) + 1}", "error": cut_error["error"]}
    assert "cannot read the rest of the file" in cut_error["error"]
    assert garbage_error["id"] == f"{garbage}:1" and "cannot read the rest of the file" in garbage_error["error"]
    assert after["id"] == str(page)
    assert_verdict(after)
    assert f"{len(records)} pages" in err and "2 errors" in err


WARC_SUFFIXES = [".warc.gz", ".warc"]
#: The record an archive is cut in the middle of (a page of ARCHIVE_PAGE_BYTES).
CUT_RECORD = "million_links"


def cut_warc(tmp_path: Path, write_warc, suffix: str) -> tuple[Path, Path, list[str]]:
    """A WARC of every pathological page (as responses of assorted HTML content types), and a copy cut
    in the middle of CUT_RECORD's response record; returns (full, cut, response record ids)."""
    from warcio.archiveiterator import ArchiveIterator

    pages = pathological_capped(ARCHIVE_PAGE_BYTES)
    content_types = ("text/html", "text/html; charset=x-no-such-charset", "text/html; charset=utf-16")
    responses = [
        (f"https://hostile.example/{name}", content_types[i % len(content_types)], body)
        for i, (name, body) in enumerate(pages.items())
    ]
    full = tmp_path / f"full{suffix}"
    ids = write_warc(full, responses)
    target = f"https://hostile.example/{CUT_RECORD}"
    with full.open("rb") as fh:
        iterator = ArchiveIterator(fh)
        for record in iterator:
            if record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI") == target:
                start = iterator.offset
                next(iterator)  # the request record that follows: its offset is where this one ends
                end = iterator.offset
                break
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(full.read_bytes()[: (start + end) // 2])
    return full, cut, ids


@pytest.mark.parametrize("suffix", WARC_SUFFIXES)
def test_truncated_warc_keeps_the_pages_before_and_the_next_input_goes_on(
    capsys, tmp_path: Path, write_warc, suffix: str
) -> None:
    full, cut, ids = cut_warc(tmp_path, write_warc, suffix)
    status, records, _ = run(capsys, str(full))
    assert status == 0
    assert [r["id"] for r in records] == ids  # the whole archive: every page scored
    for record in records:
        assert_verdict(record)

    page = tmp_path / "after.html"
    page.write_bytes(PLAIN_PAGE)
    status, records, err = run(capsys, str(cut), str(page))
    assert status == 0
    *read, after = records
    before_cut = list(pathological_capped(ARCHIVE_PAGE_BYTES)).index(CUT_RECORD)
    assert [r["id"] for r in read[:before_cut]] == ids[:before_cut]
    for record in read[:before_cut]:
        assert_verdict(record)
    assert after["id"] == str(page)
    assert_verdict(after)
    assert f"{len(records)} pages" in err


@pytest.mark.parametrize("suffix", WARC_SUFFIXES)
def test_truncated_warc_reports_the_cut_record(capsys, tmp_path: Path, write_warc, suffix: str) -> None:
    """warcio's content stream stops at the end of the file without complaint: the reader must notice
    that the record is incomplete rather than score its partial body as a page."""
    _, cut, ids = cut_warc(tmp_path, write_warc, suffix)
    cut_id = ids[list(pathological_capped(ARCHIVE_PAGE_BYTES)).index(CUT_RECORD)]
    status, records, err = run(capsys, str(cut))
    assert status == 0
    errors = [r for r in records if "error" in r]
    assert errors, "the cut record was scored as if it were complete"
    assert errors[0]["id"] in (cut_id, *(f"{cut}@{n}" for n in range(cut.stat().st_size)))
    assert cut_id not in [r["id"] for r in records if "error" not in r]
    assert " 0 errors" not in err


def test_garbage_warc_is_one_error_record(capsys, tmp_path: Path) -> None:
    path = tmp_path / "garbage.warc.gz"
    path.write_bytes(gzip.compress(b"WARC/1.0\r\nthis is not a header\r\n\r\n") + b"\x00" * 100)
    page = tmp_path / "after.html"
    page.write_bytes(PLAIN_PAGE)
    status, records, _ = run(capsys, str(path), str(page))
    assert status == 0
    error, after = records
    assert set(error) == {"id", "error"} and error["id"].startswith(str(path))
    assert_verdict(after)


@pytest.mark.parametrize("name", ["binary", "utf16_without_bom", "json", "deep_nesting", "empty"])
def test_explain_a_pathological_page(capsys, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.html"
    path.write_bytes(pathological_capped(CLI_PAGE_BYTES)[name])
    assert main(["explain", str(path), "--url", URL]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"page:      {path}\n") and "\nscore:     " in out and "\nverdict:   " in out


def test_pathological_batch_in_worker_processes_equals_serial(capsys, tmp_path: Path) -> None:
    pages = pathological_capped(ARCHIVE_PAGE_BYTES)
    copies = SERIAL_MAX_PAGES // len(pages) + 1  # more pages than the CLI scores in-process
    feed = tmp_path / "batch.jsonl"
    feed.write_text(
        "".join(
            json.dumps({"id": f"{copy}-{name}", "url": URL, "html": as_jsonl_text(body)}) + "\n"
            for copy in range(copies)
            for name, body in pages.items()
        )
        + "{a bad line\n",
        encoding="ascii",
    )
    serial_status, serial, _ = run(capsys, str(feed))
    status = main(["score", "--format", "jsonl", "--jobs", "2", str(feed)])
    captured = capsys.readouterr()
    parallel = [json.loads(line) for line in captured.out.splitlines()]
    assert serial_status == status == 0
    assert len(parallel) == copies * len(pages) + 1 > SERIAL_MAX_PAGES
    assert parallel == serial
    assert "error" in parallel[-1] and all("error" not in r for r in parallel[:-1])


def test_table_rows_hold_no_control_characters(capsys, tmp_path: Path) -> None:
    """Ids come from untrusted input: a newline must not split a row, nor an escape sequence reach the
    terminal."""
    path = tmp_path / "ids.jsonl"
    path.write_text(
        json.dumps({"id": "two\nlines", "html": "<p>x</p>"})
        + "\n"
        + json.dumps({"id": "\x1b]0;title\x07\x1b[2Jclear", "html": "<p>x</p>"})
        + "\n",
        encoding="utf-8",
    )
    assert main(["score", "--format", "table", "--jobs", "1", str(path)]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert len(rows) == 2
    assert not any(ch in row for row in rows for ch in "\x1b\x07\r")
