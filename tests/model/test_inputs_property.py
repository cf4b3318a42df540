"""Property tests of the CLI's record readers (issue 6) beyond "never raises" (tests/model/test_inputs.py):
arbitrary bytes get exactly the outcome a plain JSON decoder predicts, mutated real corpus records read
back as what they still are, and mutated WARC archives give pages or error records, never an exception."""

from __future__ import annotations

import gzip
import io
import json
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from model.inputs import InputError, InputPage, iter_inputs, jsonl_line_to_item

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
#: Real records sampled from each corpus file (their JSON lines are mutated below).
RECORDS_PER_SOURCE = 3
#: Bytes of a real record's line kept for mutation (real lines run to megabytes).
MAX_LINE_BYTES = 40_000


def expected_outcome(raw: bytes) -> str:
    """What reading one line should give, worked out independently: "page" or "error"."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "error"
    if not isinstance(obj, dict) or not isinstance(obj.get("html"), str):
        return "error"
    url = obj.get("url")
    return "page" if url is None or isinstance(url, str) else "error"


JSON_FRAGMENTS = st.sampled_from(
    [
        b"{",
        b"}",
        b"[",
        b"]",
        b'"html"',
        b'"url"',
        b'"id"',
        b":",
        b",",
        b'"<p>x</p>"',
        b"null",
        b"1",
        b"NaN",
        b'"\\ud800"',
        b"\\u0000",
        b'"',
        b"\xff",
        b"\xc3",
        b" ",
        b"true",
    ]
)


@settings(deadline=None, max_examples=300)
@given(st.one_of(st.binary(max_size=200), st.lists(JSON_FRAGMENTS, max_size=25).map(b"".join)))
def test_line_outcome_matches_a_plain_json_decoder(raw: bytes) -> None:
    item = jsonl_line_to_item(raw, "f:1")
    assert isinstance(item, InputPage if expected_outcome(raw) == "page" else InputError), raw
    if isinstance(item, InputError):
        assert item.error and isinstance(item.id, str)


@pytest.fixture(scope="module")
def real_lines() -> list[bytes]:
    ham = SHARED / "corpus" / "ham"
    if not ham.is_dir():
        pytest.skip(f"../shared not found at {SHARED}: the corpus-based property tests need it")
    lines = []
    for path in sorted(ham.glob("*.jsonl.gz")):
        with gzip.open(path, "rb") as fh:
            lines.extend(line.rstrip(b"\n") for line in islice(fh, RECORDS_PER_SOURCE))
    return lines


@settings(deadline=None, max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_real_records(real_lines: list[bytes], data: st.DataObject) -> None:
    line = data.draw(st.sampled_from(real_lines))
    original = json.loads(line)
    raw = line[:MAX_LINE_BYTES] if data.draw(st.booleans()) else line
    cuts = sorted(data.draw(st.lists(st.integers(0, len(raw)), min_size=2, max_size=4)))
    junk = data.draw(st.binary(max_size=40).filter(lambda b: b"\n" not in b))
    mutated = raw[: cuts[0]] + junk + raw[cuts[-1] :]
    item = jsonl_line_to_item(mutated, "f:1")
    assert isinstance(item, InputPage if expected_outcome(mutated) == "page" else InputError)
    if mutated == line:  # an untouched record reads back as itself
        assert item == InputPage(id=original["id"], url=original["url"], html=original["html"])


def warc_bytes(pages: list[bytes], compress: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for i, body in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://w{i}.example/",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
            )
        )
    return out.getvalue()


WARC_PAGES = [b"<p>one</p>", b"<html><body><a href='/x'>two</a></body></html>" * 20, b"\xff\xfe binary \x00"]


@settings(deadline=None, max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    compress=st.booleans(),
    cut=st.floats(0.0, 1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=4),
)
def test_mutated_warc_gives_pages_or_errors(
    tmp_path_factory: pytest.TempPathFactory, compress: bool, cut: float, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(warc_bytes(WARC_PAGES, compress))
    for where, value in flips:
        data[min(int(where * len(data)), len(data) - 1)] = value
    data = data[: int(cut * len(data))] if cut < 1.0 else data
    path = tmp_path_factory.mktemp("warc") / ("m.warc.gz" if compress else "m.warc")
    path.write_bytes(bytes(data))
    items = list(iter_inputs(str(path)))
    assert all(isinstance(item, InputPage | InputError) for item in items)
    assert len(items) <= len(WARC_PAGES) + 1
    assert sum(isinstance(item, InputError) for item in items) <= len(WARC_PAGES)
