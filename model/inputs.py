"""Unlabelled pages to score: what ``spamguard score`` and ``spamguard explain`` read.

:func:`iter_inputs` turns one command-line argument into a stream of :class:`InputPage` (a page to score)
and :class:`InputError` (a page that could not be read: the batch reports it and goes on). What an
argument may be:

* ``-``: one HTML page, the bytes of standard input (id ``-``);
* a ``.jsonl`` / ``.jsonl.gz`` file: one JSON object per line, ``{"id"?, "url"?, "html"}`` (a Scrapy feed
  export with an ``html`` field works); id = the record's ``id``, else ``<path>:<line>``;
* a ``.warc`` / ``.warc.gz`` file: every ``response`` record with an HTML ``Content-Type``; id = its
  ``WARC-Record-ID``, url = its ``WARC-Target-URI``;
* a directory: every ``.html`` / ``.htm``, ``.jsonl(.gz)`` and ``.warc(.gz)`` file under it, recursively,
  in sorted path order, each read as above (hidden files and directories are skipped; other files are
  ignored);
* any other file: one HTML page (id = the path as given), whatever its extension, since it was named
  explicitly.

A missing or unreadable argument raises :class:`InputArgumentError` when :func:`iter_inputs` is called,
before any page is yielded, so a command can reject its arguments before scoring starts. Problems found
while reading (a bad JSONL line, a corrupt WARC record, a file in a directory that cannot be read) become
:class:`InputError` records instead; a corrupt compressed stream ends that file after its error record,
and an archive cut inside a record (copied while it was being written) ends with an error record for it.

HTML files and stdin are passed on as bytes (the scorer decodes them: :func:`features.page.decode_html`);
WARC payloads are decoded here with the response's ``Content-Type`` header (:func:`model.corpus.decode_html`).
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from model.corpus import decode_html, is_html_content_type, warc_record_cut_short, warc_unread_tail

__all__ = [
    "HTML_SUFFIXES",
    "MAX_INPUT_BYTES",
    "STDIN_ARG",
    "InputArgumentError",
    "InputError",
    "InputPage",
    "iter_inputs",
    "jsonl_line_to_item",
]

logger = logging.getLogger(__name__)

#: The argument that means "one page on standard input".
STDIN_ARG = "-"
#: File-name endings (lower-cased) of each input kind; a directory yields only files with these endings.
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
#: Bytes read from one HTML file, stdin or WARC payload; the rest is not read (the feature extractor caps
#: what it parses far below this, so this only bounds memory on a mistaken argument such as a disk image).
MAX_INPUT_BYTES = 64 * 1024 * 1024
#: Longest JSONL line read, in bytes; a longer line becomes an InputError and the file goes on.
MAX_JSONL_LINE_BYTES = 2 * MAX_INPUT_BYTES


class InputArgumentError(ValueError):
    """A command-line input that does not exist or cannot be read (a usage error: exit status 2)."""


@dataclass(frozen=True, slots=True)
class InputPage:
    """One page to score. ``html`` is bytes (decoded by the scorer) or already-decoded text."""

    id: str
    url: str | None
    html: str | bytes


@dataclass(frozen=True, slots=True)
class InputError:
    """A page that could not be read; ``error`` says why, ``id`` says which (a path, ``path:line``...)."""

    id: str
    error: str


InputItem = InputPage | InputError


def _lower_name(path: Path) -> str:
    return path.name.lower()


def _kind(path: Path) -> str | None:
    name = _lower_name(path)
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    return None


def _check_readable(path: Path, arg: str) -> None:
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise InputArgumentError(f"cannot read {arg!r}: {exc.strerror or exc}") from None


def iter_inputs(arg: str, stdin: BinaryIO | None = None) -> Iterator[InputItem]:
    """Check one command-line input now and return an iterator over its pages (see the module docs).

    ``stdin`` is the binary stream read for ``-`` (default: ``sys.stdin.buffer``). Raises
    :class:`InputArgumentError` at once for a missing or unreadable path.
    """
    if arg == STDIN_ARG:
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
        return _iter_stdin(stream)
    path = Path(arg)
    if path.is_dir():
        if not os.access(path, os.R_OK | os.X_OK):
            raise InputArgumentError(f"cannot read directory {arg!r}: permission denied")
        return _iter_dir(path)
    if not path.exists():
        raise InputArgumentError(
            f"no such file or directory: {arg!r} (give .html files, directories, .jsonl(.gz), .warc(.gz) "
            f"or - for stdin)"
        )
    _check_readable(path, arg)
    return _iter_file(path, arg)


def _iter_stdin(stream: BinaryIO) -> Iterator[InputItem]:
    try:
        data = stream.read(MAX_INPUT_BYTES)
    except (OSError, ValueError) as exc:
        yield InputError(id=STDIN_ARG, error=f"cannot read standard input: {exc}")
        return
    if isinstance(data, str):  # a text stream was passed; keep its text as is
        yield InputPage(id=STDIN_ARG, url=None, html=data)
    else:
        yield InputPage(id=STDIN_ARG, url=None, html=bytes(data))


def _iter_file(path: Path, label: str) -> Iterator[InputItem]:
    kind = _kind(path)
    if kind == "jsonl":
        yield from _iter_jsonl(path, label)
    elif kind == "warc":
        yield from _iter_warc(path, label)
    else:
        yield _read_html_file(path, label)


def _read_html_file(path: Path, label: str) -> InputItem:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_INPUT_BYTES)
    except OSError as exc:
        return InputError(id=label, error=f"cannot read file: {exc.strerror or exc}")
    return InputPage(id=label, url=None, html=data)


def _iter_dir(root: Path) -> Iterator[InputItem]:
    files: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=_log_walk_error):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files.extend(Path(dirpath, f) for f in filenames if not f.startswith(".") and _kind(Path(f)) is not None)
    for file in sorted(files):
        yield from _iter_file(file, str(file))


def _log_walk_error(exc: OSError) -> None:
    logger.warning("skipped %s: %s", exc.filename, exc.strerror or exc)


def _open_binary(path: Path) -> BinaryIO:
    if _lower_name(path).endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


#: A UTF-8 byte-order mark, accepted at the very start of a JSONL file (and nowhere else).
_UTF8_BOM = b"\xef\xbb\xbf"


def _iter_jsonl(path: Path, label: str) -> Iterator[InputItem]:
    lineno = 0
    try:
        with _open_binary(path) as fh:
            while True:
                raw = fh.readline(MAX_JSONL_LINE_BYTES + 1)
                if not raw:
                    break
                lineno += 1
                if lineno == 1 and raw.startswith(_UTF8_BOM):  # editors on Windows start files with one
                    raw = raw[len(_UTF8_BOM) :]
                if len(raw) > MAX_JSONL_LINE_BYTES and not raw.endswith(b"\n"):
                    while raw and not raw.endswith(b"\n"):  # skip the rest of the overlong line
                        raw = fh.readline(MAX_JSONL_LINE_BYTES)
                    yield InputError(id=f"{label}:{lineno}", error=f"line longer than {MAX_JSONL_LINE_BYTES} bytes")
                    continue
                if raw.strip():
                    yield jsonl_line_to_item(raw, f"{label}:{lineno}")
    except (OSError, EOFError, zlib.error) as exc:
        where = f"{label}:{lineno + 1}"
        yield InputError(id=where, error=f"cannot read the rest of the file: {exc}")


def jsonl_line_to_item(raw: bytes, where: str) -> InputItem:
    """One JSONL line (bytes) -> an InputPage, or an InputError saying what is wrong with it; never raises.

    ``where`` (``path:line``) is the id of an error, and of a page whose record has no ``id``.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(id=where, error=f"line is not UTF-8 ({exc.reason} at byte {exc.start})")
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError) as exc:
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
        return InputError(id=where, error=f"line is not JSON ({msg})")
    if not isinstance(obj, dict):
        return InputError(id=where, error=f"line is a JSON {type(obj).__name__}, not an object")
    rec_id = obj.get("id")
    page_id = where if rec_id is None or rec_id == "" else _id_text(rec_id)
    html = obj.get("html")
    if not isinstance(html, str):
        what = "no 'html' field" if html is None else f"'html' is a {type(html).__name__}, not a string"
        return InputError(id=page_id, error=f"record has {what}")
    url = obj.get("url")
    if url is not None and not isinstance(url, str):
        return InputError(id=page_id, error=f"'url' is a {type(url).__name__}, not a string")
    return InputPage(id=page_id, url=url or None, html=html)


def _id_text(value: object) -> str:
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False)
    except (ValueError, RecursionError):
        return repr(value)


def _iter_warc(path: Path, label: str) -> Iterator[InputItem]:
    from warcio.archiveiterator import ArchiveIterator

    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputError(id=label, error=f"cannot read file: {exc.strerror or exc}")
        return
    with fh:
        iterator = ArchiveIterator(fh)
        while True:
            offset = iterator.offset
            try:
                rec = next(iterator)
            except StopIteration:
                tail = warc_unread_tail(fh, iterator.offset)
                if tail:
                    yield InputError(
                        id=f"{label}@{iterator.offset}",
                        error=f"the archive ends inside a record (cut short): {tail} bytes after the last "
                        f"complete record were not read",
                    )
                return
            except Exception as exc:  # any parser failure on untrusted bytes ends this file, not the batch
                yield InputError(id=f"{label}@{offset}", error=f"unreadable WARC record, rest of file skipped: {exc}")
                return
            rec_id = rec.rec_headers.get_header("WARC-Record-ID") or f"{label}@{offset}"
            content_type = rec.http_headers.get_header("Content-Type") if rec.http_headers else None
            if rec.rec_type != "response" or not is_html_content_type(content_type):
                if warc_record_cut_short(rec):  # not a page, but the archive is cut: say so
                    yield InputError(id=rec_id, error="the archive ends inside this record (cut short)")
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI") or None
            try:
                body = rec.content_stream().read(MAX_INPUT_BYTES)
                cut_short = len(body) < MAX_INPUT_BYTES and warc_record_cut_short(rec)
                html = decode_html(body, content_type)
            except Exception as exc:  # a broken chunked/gzip body is this record's error, not the batch's
                yield InputError(id=rec_id, error=f"cannot read the response body: {exc}")
                continue
            if cut_short:
                yield InputError(id=rec_id, error="the archive ends inside this record (cut short)")
                continue
            yield InputPage(id=rec_id, url=url, html=html)
