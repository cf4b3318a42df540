"""Shared helpers for the ``spamguard`` CLI tests: a WARC writer and a small JSONL batch."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "cli"

#: Pages in the batch used for the parallel tests: more than the CLI scores in-process.
BATCH_PAGES = 60


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def write_warc() -> Callable[[Path, list[tuple[str, str, bytes]]], list[str]]:
    """Write ``(url, content type, body)`` responses (each after its request) as a WARC file, gzipped
    per record when the name ends in ``.gz``; return the response records' WARC-Record-IDs."""

    def write(path: Path, responses: list[tuple[str, str, bytes]]) -> list[str]:
        ids = []
        with path.open("wb") as fh:
            writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
            for url, content_type, body in responses:
                request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
                headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
                )
                ids.append(record.rec_headers.get_header("WARC-Record-ID"))
                writer.write_record(record)
        return ids

    return write


def batch_page(i: int) -> str:
    """A page that differs from its neighbours in structure, so scores differ across the batch."""
    links = "".join(f'<li><a href="https://site{i}-{k}.example/">Partner {k}</a></li>' for k in range(i % 7 * 5))
    paras = "".join(
        f"<p>Paragraph {k} of page {i}: the council discussed the bus timetable and the new bridge.</p>"
        for k in range(1 + i % 4)
    )
    head = f"<head><title>Page {i}</title></head>"
    return f"<html>{head}<body><h1>Page {i}</h1>{paras}<ul>{links}</ul></body></html>"


@pytest.fixture
def batch_jsonl(tmp_path: Path) -> Path:
    """BATCH_PAGES records with one bad line in the middle."""
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": f"p{i}", "url": f"https://news{i}.example/a/{i}", "html": batch_page(i)})
        for i in range(BATCH_PAGES)
    ]
    lines.insert(BATCH_PAGES // 2, "{this line is not JSON")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def restore_root_log_level() -> Iterator[None]:
    """``main`` sets the root log level from ``-v``; put it back for the tests that follow."""
    root = logging.getLogger()
    level = root.level
    yield
    root.setLevel(level)
