"""``spamguard score`` through ``main([...])``: every input kind, both formats, errors, exit codes, jobs."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from spider_plugins.cli import SERIAL_MAX_PAGES, main

REASON_KEYS = {"feature", "value", "contribution"}


def batch_shape(path: Path) -> tuple[int, int]:
    """(records in the batch file, index of its one bad line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return len(lines), next(i for i, line in enumerate(lines) if not line.startswith('{"id"'))


def run_jsonl(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict], str]:
    status = main(["score", "--format", "jsonl", *args])
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    return status, records, captured.err


def assert_verdict(record: dict, page_id: str, url: str | None) -> None:
    assert record["id"] == page_id and record["url"] == url
    assert 0.0 <= record["score"] <= 1.0
    assert record["spam"] is (record["score"] >= record["threshold"])
    assert record["reasons"] and all(set(r) == REASON_KEYS for r in record["reasons"])
    assert all(isinstance(r["feature"], str) for r in record["reasons"])


def test_html_file(capsys, fixtures_dir: Path) -> None:
    path = str(fixtures_dir / "site" / "index.html")
    status, records, err = run_jsonl(capsys, path)
    assert status == 0
    (record,) = records
    assert_verdict(record, path, None)
    assert list(record)[:4] == ["id", "url", "score", "spam"]
    assert "1 page, " in err and "0 errors" in err


def test_jsonl_is_the_default_when_stdout_is_not_a_terminal(capsys, fixtures_dir: Path) -> None:
    assert main(["score", str(fixtures_dir / "site" / "index.html")]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["id"].endswith("index.html")


def test_directory_is_recursive_and_sorted(capsys, fixtures_dir: Path) -> None:
    status, records, _ = run_jsonl(capsys, str(fixtures_dir / "site"))
    assert status == 0
    assert [Path(r["id"]).relative_to(fixtures_dir / "site").as_posix() for r in records] == [
        "index.html",
        "sub/latin1.htm",
    ]


def test_jsonl_input_with_a_bad_line_goes_on(capsys, tmp_path: Path, fixtures_dir: Path) -> None:
    page = (fixtures_dir / "site" / "index.html").read_text(encoding="utf-8")
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        json.dumps({"id": "a", "url": "https://allotments.example.org/", "html": page}).encode()
        + b"\n{not json\n"
        + b'{"html": "caf\xe9"}\n'  # latin-1 byte: an undecodable record
        + json.dumps({"url": "https://b.example/", "html": page}).encode()
        + b"\n"
    )
    status, records, err = run_jsonl(capsys, str(path))
    assert status == 0
    assert_verdict(records[0], "a", "https://allotments.example.org/")
    assert records[1] == {"id": f"{path}:2", "error": records[1]["error"]} and "not JSON" in records[1]["error"]
    assert records[2]["id"] == f"{path}:3" and "not UTF-8" in records[2]["error"]
    assert_verdict(records[3], f"{path}:4", "https://b.example/")
    assert "4 pages, " in err and "2 errors" in err


def test_gzipped_jsonl_and_several_inputs_in_order(capsys, tmp_path: Path, fixtures_dir: Path) -> None:
    import gzip

    path = tmp_path / "export.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "z1", "html": "<p>one</p>"}) + "\n")
    html = str(fixtures_dir / "site" / "index.html")
    status, records, _ = run_jsonl(capsys, str(path), html, str(path))
    assert status == 0
    assert [r["id"] for r in records] == ["z1", html, "z1"]
    assert records[0] == records[2]


def test_warc_input(capsys, tmp_path: Path, fixtures_dir: Path, write_warc) -> None:
    page = (fixtures_dir / "site" / "index.html").read_bytes()
    warc = tmp_path / "crawl.warc.gz"
    ids = write_warc(
        warc,
        [
            ("https://allotments.example.org/", "text/html; charset=utf-8", page),
            ("https://allotments.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
            ("https://allotments.example.org/feed", "application/xhtml+xml", page),
        ],
    )
    status, records, _ = run_jsonl(capsys, str(warc))
    assert status == 0
    assert len(records) == 2
    assert_verdict(records[0], ids[0], "https://allotments.example.org/")
    assert_verdict(records[1], ids[2], "https://allotments.example.org/feed")


def test_stdin(capsys, monkeypatch, fixtures_dir: Path) -> None:
    data = (fixtures_dir / "site" / "sub" / "latin1.htm").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, records, _ = run_jsonl(capsys, "-")
    assert status == 0
    (record,) = records
    assert_verdict(record, "-", None)


def test_stdin_twice_is_a_usage_error(capsys) -> None:
    assert main(["score", "-", "-"]) == 2
    assert "only once" in capsys.readouterr().err


def test_table_output(capsys, batch_jsonl: Path) -> None:
    assert main(["score", "--format", "table", "--jobs", "1", str(batch_jsonl)]) == 0
    out = capsys.readouterr().out.splitlines()
    header, rows = out[0], out[1:]
    assert header.split() == ["SCORE", "VERDICT", "ID", "TOP", "REASON"]
    total, bad = batch_shape(batch_jsonl)
    assert len(rows) == total
    id_col, reason_col = header.index("ID"), header.index("TOP REASON")
    for row in rows:
        assert re.fullmatch(r"\s*(\d\.\d{3}|-)", row[: header.index("VERDICT")].rstrip())
        assert row[id_col - 1] == " " and row[id_col] != " "  # ids start in one column
        assert row[reason_col - 2 : reason_col] == "  "
    error_row = rows[bad]
    assert "ERROR" in error_row and "not JSON" in error_row
    assert re.search(r"\b[a-z_0-9]+=\S+ \([+-]\d+\.\d\d\)$", rows[0])  # feature=value (contribution)


def test_threshold_override_and_exit_codes(capsys, fixtures_dir: Path) -> None:
    path = str(fixtures_dir / "site" / "index.html")
    status, records, _ = run_jsonl(capsys, "--threshold", "0", "--fail-on-spam", path)
    assert status == 1
    assert records[0]["spam"] is True and records[0]["threshold"] == 0.0
    status, records, err = run_jsonl(capsys, "--threshold", "0", path)
    assert status == 0 and records[0]["spam"] is True  # spam found, but not asked to fail
    assert "1 spam" in err
    status, records, _ = run_jsonl(capsys, "--threshold", "1", "--fail-on-spam", path)
    assert status == 0 and records[0]["spam"] is False


def test_real_spam_seed_fails_the_batch(capsys, fixtures_dir: Path) -> None:
    seeds = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
    seed = next(iter(sorted(seeds.glob("*.rendered.html"))), None) if seeds.is_dir() else None
    if seed is None:
        pytest.skip(f"../shared not found: {seeds}")
    ham = str(fixtures_dir / "site" / "index.html")
    status, records, err = run_jsonl(capsys, "--fail-on-spam", ham, str(seed))
    assert status == 1
    assert [r["spam"] for r in records] == [False, True]
    assert "1 spam" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{page}", "{missing}"], "no such file or directory"),
        (["--threshold", "1.5", "{page}"], "must be between 0 and 1"),
        (["--jobs", "0", "{page}"], "must be at least 1"),
        (["--format", "xml", "{page}"], "invalid choice"),
        ([], "the following arguments are required: INPUT"),
    ],
)
def test_usage_errors_exit_2_before_scoring(capsys, tmp_path: Path, fixtures_dir: Path, args, message) -> None:
    page = str(fixtures_dir / "site" / "index.html")
    argv = [a.format(missing=tmp_path / "gone.html", page=page) for a in args]
    assert main(["score", *argv]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""  # nothing was scored, not even the valid input before the missing one


def test_bad_model_dir_exits_2_with_its_message(capsys, tmp_path: Path, fixtures_dir: Path) -> None:
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    assert main(["score", "--model", str(tmp_path), str(fixtures_dir / "site")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("spamguard score: error: ") and str(tmp_path) in captured.err


def test_parallel_output_equals_serial(capsys, batch_jsonl: Path) -> None:
    serial_status, serial, serial_err = run_jsonl(capsys, "--jobs", "1", str(batch_jsonl))
    parallel_status, parallel, parallel_err = run_jsonl(capsys, "--jobs", "2", str(batch_jsonl))
    total, bad = batch_shape(batch_jsonl)
    assert len(serial) == total > SERIAL_MAX_PAGES  # large enough to use the worker processes
    assert serial_status == parallel_status == 0
    assert parallel == serial
    assert [r["id"] for r in parallel[: bad + 2]] == [
        *(f"p{i}" for i in range(bad)),
        f"{batch_jsonl}:{bad + 1}",
        f"p{bad}",
    ]
    assert parallel_err == serial_err
    assert f"{total} pages" in parallel_err and "1 error" in parallel_err
    assert len({r["score"] for r in serial if "score" in r}) > 1  # the pages really differ


def test_progress_bar_on_a_terminal(capsys, monkeypatch, batch_jsonl: Path) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["score", "--format", "jsonl", "--jobs", "1", str(batch_jsonl)]) == 0
    assert "pages/s" in terminal.getvalue() or "s/ pages" in terminal.getvalue()
    total, _ = batch_shape(batch_jsonl)
    assert f"{total} pages" in terminal.getvalue()
    assert len(capsys.readouterr().out.splitlines()) == total


def test_no_progress_bar_for_a_handful_of_pages(capsys, monkeypatch, fixtures_dir: Path) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["score", "--format", "jsonl", str(fixtures_dir / "site")]) == 0
    assert "pages/s" not in terminal.getvalue() and "scoring" not in terminal.getvalue()


def test_no_pages_found_is_reported(capsys, tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("no HTML here", encoding="utf-8")
    assert main(["score", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "0 pages" in captured.err and "no pages found in" in captured.err


def test_table_keeps_long_ids_readable(capsys, batch_jsonl: Path, tmp_path: Path, fixtures_dir: Path) -> None:
    deep = tmp_path / ("a-rather-long-directory-name-" * 3) / "page.html"
    deep.parent.mkdir()
    deep.write_bytes((fixtures_dir / "site" / "index.html").read_bytes())
    assert main(["score", "--format", "table", "--jobs", "1", str(batch_jsonl), str(deep)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert "…" + str(deep)[-59:] in last  # shortened from the left to 60 characters, its end kept


def test_lone_surrogates_and_control_characters_in_ids(capsys, tmp_path: Path) -> None:
    path = tmp_path / "odd-ids.jsonl"
    path.write_bytes(
        b'{"id": "\\ud800", "url": "http://\\udfff.example/", "html": "<p>x</p>"}\n'
        b'{"id": "two\\nlines\\u001b[2J", "html": "<p>x</p>"}\n'
        b'{"id": "after", "html": "<p>x</p>"}\n'
    )
    status, records, err = run_jsonl(capsys, "--jobs", "1", str(path))
    assert status == 0 and "3 pages" in err
    assert [r["id"] for r in records] == ["\ud800", "two\nlines\x1b[2J", "after"]  # read back exactly
    assert records[0]["url"] == "http://\udfff.example/"
    assert main(["score", "--format", "table", "--jobs", "1", str(path)]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert len(rows) == 3
    assert "\\ud800" in rows[0] and "two\\nlines\\x1b[2J" in rows[1]
    assert not any(ch in row for row in rows for ch in "\x1b\r\ud800")
