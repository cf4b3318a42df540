"""The labelled-corpus readers behind ``spamguard train``: JSONL, HTML directory + labels.csv, WARC + CSV."""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

import pytest
from warcs import write_warc

from model.corpus import (
    CorpusError,
    Record,
    find_warc_labels,
    iter_corpus,
    read_html_dir,
    read_jsonl,
    read_warc,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "cli"
HAM_HTML = "<html><body><p>An ordinary page about bread baking.</p></body></html>"


def write_jsonl_gz(path: Path, objs: list[dict]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for obj in objs:
            fh.write(json.dumps(obj) + "\n")


# --- JSONL -------------------------------------------------------------------------------------------


def test_read_jsonl_gz_round_trip(tmp_path: Path) -> None:
    rec = Record(id="r1", source="s", url=None, label="spam", kind="seed", html=HAM_HTML)
    path = tmp_path / "mine.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(rec.to_json() + "\n\n")
    assert list(read_jsonl(path)) == [rec]


def test_read_jsonl_defaults_id_and_source(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"label": "ham", "html": HAM_HTML}) + "\n", encoding="utf-8")
    (rec,) = read_jsonl(path)
    assert (rec.id, rec.source, rec.url, rec.kind) == ("news.jsonl:1", "news", None, None)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        (json.dumps({"label": "ham"}), "'html' string"),
        (json.dumps({"label": "maybe", "html": "<p>x</p>"}), "label must be one of"),
    ],
)
def test_read_jsonl_bad_record_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"label": "ham", "html": HAM_HTML}) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"bad\.jsonl:2: .*{message}"):
        list(read_jsonl(path))


# --- HTML directory ----------------------------------------------------------------------------------


def test_read_html_dir_fixture() -> None:
    records = list(read_html_dir(FIXTURES / "htmlcorpus"))
    assert [(r.id, r.label, r.url, r.kind) for r in records] == [
        ("pages/a.html", "ham", "https://allotments.example.org/", "article"),
        ("pages/b.htm", "spam", None, None),
    ]
    assert {r.source for r in records} == {"htmlcorpus"}
    assert "Spring planting day" in records[0].html
    # latin-1 bytes decoded from the <meta charset>, as Scrapy would
    assert "Café du coin" in records[1].html and "Crêpes" in records[1].html


def test_read_html_dir_headerless_csv_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "x.html").write_bytes(b"\xef\xbb\xbf<p>na\xc3\xafve</p>")
    csv_path = tmp_path / "my-labels.csv"
    csv_path.write_text("# comment\npages/x.html,SPAM,https://x.example/\n\n", encoding="utf-8")
    (rec,) = read_html_dir(tmp_path / "pages", csv_path)
    assert (rec.id, rec.label, rec.url) == ("pages/x.html", "spam", "https://x.example/")
    assert "naïve" in rec.html


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("path,label\nmissing.html,ham\n", r"labels\.csv:2: cannot read .*missing\.html"),
        ("a.html,junk\n", r"labels\.csv:1: label must be one of"),
        ("a.html\n", r"labels\.csv:1: expected at least path,label"),
        ("path,url\na.html,http://x/\n", r"labels\.csv:1: header lacks the column\(s\) \['label'\]"),
        (
            "url,label\nhttp://x/,ham\n",
            r"labels\.csv:1: this labels file needs path,label rows.*labels a WARC",
        ),
    ],
)
def test_read_html_dir_errors(tmp_path: Path, csv_text: str, message: str) -> None:
    (tmp_path / "a.html").write_text(HAM_HTML, encoding="utf-8")
    (tmp_path / "labels.csv").write_text(csv_text, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        list(read_html_dir(tmp_path))


def test_read_html_dir_without_labels_csv(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"labels\.csv: cannot read the labels file"):
        list(read_html_dir(tmp_path))


# --- WARC --------------------------------------------------------------------------------------------


def _sample_warc(tmp_path: Path, *, gzip_records: bool = True) -> Path:
    warc = tmp_path / ("crawl.warc.gz" if gzip_records else "crawl.warc")
    write_warc(
        warc,
        [
            ("https://a.example/", "text/html; charset=utf-8", HAM_HTML.encode()),
            ("https://a.example/logo.png", "image/png", b"\x89PNG\r\n"),
            ("https://b.example/", "text/html; charset=windows-1251", "<p>Привет, мир</p>".encode("cp1251")),
            ("https://c.example/", "application/xhtml+xml", b"<html><body><p>not labelled</p></body></html>"),
        ],
        gzip_records=gzip_records,
    )
    return warc


@pytest.mark.parametrize("gzip_records", [True, False])
def test_read_warc_labels_by_url(tmp_path: Path, gzip_records: bool, caplog) -> None:
    warc = _sample_warc(tmp_path, gzip_records=gzip_records)
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "url,label,kind\nhttps://a.example/,ham,home\nhttps://b.example/,spam,\n"
        "https://a.example/logo.png,spam,\nhttps://gone.example/,ham,\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.INFO, logger="model.corpus"):
        records = list(read_warc(warc, labels))
    assert [(r.url, r.label, r.kind) for r in records] == [
        ("https://a.example/", "ham", "home"),
        ("https://b.example/", "spam", None),
    ]
    assert all(r.id.startswith("<urn:uuid:") for r in records)
    assert records[0].source == "crawl"
    assert "bread baking" in records[0].html
    assert "Привет, мир" in records[1].html  # decoded with the HTTP header's charset
    assert "skipped 1 HTML responses with no label" in caplog.text
    assert "2 labelled URLs have no HTML response" in caplog.text


def test_read_warc_conflicting_labels(tmp_path: Path) -> None:
    warc = _sample_warc(tmp_path)
    labels = tmp_path / "labels.csv"
    labels.write_text("https://a.example/,ham\nhttps://a.example/,spam\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"labels\.csv:2: https://a\.example/ is labelled both"):
        list(read_warc(warc, labels))


def test_read_warc_with_a_csv_of_paths(tmp_path: Path) -> None:
    warc = _sample_warc(tmp_path)
    labels = tmp_path / "labels.csv"
    labels.write_text("path,label\na.html,ham\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"needs url,label rows.*name it labels\.csv in that directory"):
        list(read_warc(warc, labels))


def test_read_warc_corrupt_archive(tmp_path: Path) -> None:
    warc = tmp_path / "broken.warc"
    warc.write_bytes(b"\x8fW)\xbb\xd7\x8bU\x9a*\x88GB-not-a-WARC-file\r\n\r\n")
    labels = tmp_path / "labels.csv"
    labels.write_text("https://a.example/,ham\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"broken\.warc: unreadable WARC record at byte 0"):
        list(read_warc(warc, labels))


# --- iter_corpus dispatch ----------------------------------------------------------------------------


def test_iter_corpus_dispatches_each_kind_in_argument_order(tmp_path: Path) -> None:
    jsonl_dir = tmp_path / "jsonl" / "nested"
    jsonl_dir.mkdir(parents=True)
    write_jsonl_gz(jsonl_dir / "b.jsonl.gz", [{"id": "b1", "label": "ham", "html": HAM_HTML}])
    write_jsonl_gz(tmp_path / "jsonl" / "a.jsonl.gz", [{"id": "a1", "label": "spam", "html": HAM_HTML}])
    single = tmp_path / "one.jsonl"
    single.write_text(json.dumps({"id": "o1", "label": "ham", "html": HAM_HTML}) + "\n", encoding="utf-8")
    warc = _sample_warc(tmp_path)
    (tmp_path / "crawl.labels.csv").write_text("https://b.example/,spam\n", encoding="utf-8")

    records = list(iter_corpus([single, tmp_path / "jsonl", FIXTURES / "htmlcorpus", str(warc)]))
    assert [r.id for r in records[:5]] == ["o1", "a1", "b1", "pages/a.html", "pages/b.htm"]
    assert [(r.url, r.label) for r in records[5:]] == [("https://b.example/", "spam")]


def test_iter_corpus_warc_with_explicit_labels(tmp_path: Path) -> None:
    warc = _sample_warc(tmp_path)
    explicit = tmp_path / "elsewhere.csv"
    explicit.write_text("https://a.example/,spam\n", encoding="utf-8")
    (tmp_path / "labels.csv").write_text("https://b.example/,ham\n", encoding="utf-8")
    assert find_warc_labels(warc) == tmp_path / "labels.csv"
    (rec,) = iter_corpus([f"{warc}::{explicit}"])
    assert (rec.url, rec.label) == ("https://a.example/", "spam")


def test_find_warc_labels_prefers_the_archive_own_csv(tmp_path: Path) -> None:
    warc = tmp_path / "crawl-2024.warc.gz"
    warc.write_bytes(b"")
    assert find_warc_labels(warc) is None
    for name in ("labels.csv", "crawl-2024.csv", "crawl-2024.labels.csv"):
        (tmp_path / name).write_text("", encoding="utf-8")
        assert find_warc_labels(warc) == tmp_path / name


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "nothing-here", r"nothing-here: no such file or directory"),
        (lambda d: d, r"a corpus directory needs labels\.csv \(HTML files\) or \*\.jsonl\(\.gz\) files"),
        (lambda d: _touch(d / "notes.txt"), r"notes\.txt: not a corpus"),
        (lambda d: _touch(d / "x.warc"), r"x\.warc: no labels CSV for this WARC"),
        (lambda d: f"{d / 'nope.warc.gz'}::{d / 'l.csv'}", r"nope\.warc\.gz: no such WARC file"),
    ],
)
def test_iter_corpus_rejects_what_it_cannot_read(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(CorpusError, match=message):
        list(iter_corpus([make(tmp_path)]))


def _touch(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def test_iter_corpus_reads_the_shared_corpus_layout() -> None:
    shared = Path(__file__).resolve().parents[2].parent / "shared"
    if not (shared / "corpus").is_dir():
        pytest.skip(f"../shared not found: {shared}")
    first = next(iter_corpus([shared / "corpus"]))
    assert first.label == "ham" and first.html and first.source


@pytest.mark.parametrize("gzip_records", [True, False])
def test_read_warc_skips_a_record_cut_short(tmp_path: Path, gzip_records: bool, caplog) -> None:
    warc = _sample_warc(tmp_path, gzip_records=gzip_records)
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) - 60])  # the last response (c.example) loses its end
    labels = tmp_path / "labels.csv"
    labels.write_text("https://a.example/,ham\nhttps://c.example/,spam\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="model.corpus"):
        records = list(read_warc(warc, labels))
    assert [r.url for r in records] == ["https://a.example/"]
    assert "ends inside" in caplog.text


def test_read_jsonl_accepts_a_byte_order_mark_at_the_start(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "label": "ham", "html": "<p>a</p>"}\n')
    (record,) = read_jsonl(path)
    assert record.id == "a" and record.label == "ham"
