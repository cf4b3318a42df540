"""Labelled page records and the readers that produce them.

The record format is the contract of ``../shared/corpus`` (see ARCHITECTURE.md): one JSON object per
line, optionally gzip-compressed, ``{"id", "source", "url", "label", "kind", "html"}``.

Three on-disk layouts are read, and :func:`iter_corpus` picks the reader from what a path is:

* JSON Lines (``.jsonl`` / ``.jsonl.gz``): :func:`read_jsonl`;
* a directory of HTML files with a ``labels.csv`` (``path,label[,url]``): :func:`read_html_dir`;
* a web archive (``.warc`` / ``.warc.gz``) with a labels CSV keyed by URL (``url,label``): :func:`read_warc`.

Bytes (HTML files, WARC payloads) are decoded as the feature extractor decodes them
(:func:`features.page.decode_html`): the byte-order mark, the HTTP ``Content-Type`` header where there is one,
the ``<meta charset>`` and finally UTF-8.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from features.page import decode_html as page_decode_html
from features.urls import registered_domain

__all__ = [
    "LABELS",
    "LABELS_CSV_NAME",
    "CorpusError",
    "Record",
    "add_corpus_argument",
    "decode_html",
    "find_warc_labels",
    "is_html_content_type",
    "iter_corpus",
    "read_html_dir",
    "read_jsonl",
    "read_warc",
    "site_of",
    "warc_record_cut_short",
    "warc_unread_tail",
]

logger = logging.getLogger(__name__)

#: The two labels a record may carry.
LABELS = ("ham", "spam")


class CorpusError(ValueError):
    """A corpus file or record that cannot be read; the message names the file and the line."""


@dataclass(frozen=True, slots=True)
class Record:
    """One labelled page. ``html`` is decoded text; ``url`` and ``kind`` may be ``None``."""

    id: str
    source: str
    url: str | None
    label: str
    kind: str | None
    html: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def _open_text(path: Path):
    # utf-8-sig: a byte-order mark at the start of the file (as some Windows tools write) is not part of
    # the first record.
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8-sig")
    return path.open("r", encoding="utf-8-sig")


def read_jsonl(path: str | Path, *, default_source: str | None = None) -> Iterator[Record]:
    """Yield the records of one ``.jsonl`` or ``.jsonl.gz`` corpus file, in file order.

    A line that is not a JSON object with an ``html`` string and a ``label`` in :data:`LABELS` raises
    :class:`CorpusError` naming the file and line number.
    """
    path = Path(path)
    source = default_source or path.name.split(".")[0]
    with _open_text(path) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{lineno}: not JSON ({exc.msg})") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("html"), str):
                raise CorpusError(f"{path}:{lineno}: a record needs an 'html' string")
            label = obj.get("label")
            if label not in LABELS:
                raise CorpusError(f"{path}:{lineno}: label must be one of {LABELS}, got {label!r}")
            yield Record(
                id=str(obj.get("id") or f"{path.name}:{lineno}"),
                source=str(obj.get("source") or source),
                url=obj.get("url") or None,
                label=label,
                kind=obj.get("kind") or None,
                html=obj["html"],
            )


#: The labels file that makes a directory an HTML corpus (and the fallback labels file for a WARC).
LABELS_CSV_NAME = "labels.csv"
#: File-name endings of each corpus format (lower-cased before matching).
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
#: Separates a WARC path from its explicit labels CSV in an :func:`iter_corpus` argument:
#: ``crawl.warc.gz::crawl-labels.csv``.
WARC_LABELS_SEPARATOR = "::"
#: MIME types a WARC response must carry to count as an HTML page (parameters such as charset ignored).
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode an HTML body as :func:`features.page.decode_html` does: BOM, then HTTP header, then
    ``<meta charset>``, then UTF-8.

    Undecodable bytes become U+FFFD rather than an error, as in a Scrapy ``TextResponse``.
    """
    return page_decode_html(body, content_type)[1]


def is_html_content_type(content_type: str | None) -> bool:
    """True for ``text/html`` and ``application/xhtml+xml``, whatever their parameters."""
    if not content_type:
        return False
    return content_type.split(";", 1)[0].strip().lower() in HTML_CONTENT_TYPES


def _check_label(label: str, where: str) -> str:
    label = label.strip().lower()
    if label not in LABELS:
        raise CorpusError(f"{where}: label must be one of {LABELS}, got {label!r}")
    return label


_CSV_KIND_HINT = {
    "url": " (a CSV keyed by URL labels a WARC: pass it as 'crawl.warc.gz::labels.csv')",
    "path": " (a CSV of paths labels a directory of HTML files: name it labels.csv in that directory)",
}


def _read_csv_rows(csv_path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line number, row)`` from a labels CSV, header optional.

    With a header (its first cell is ``columns[0]``), columns are taken by name and extra ones (such as
    ``kind``) are kept. Without one, cells are taken in the order of ``columns``. Blank lines and lines
    starting with ``#`` are skipped.
    """
    try:
        fh = csv_path.open("r", encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise CorpusError(f"{csv_path}: cannot read the labels file ({exc.strerror or exc})") from None
    with fh:
        reader = csv.reader(fh)
        header: list[str] | None = None
        try:
            for row in reader:
                lineno = reader.line_num
                if not row or not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                    continue
                cells = [cell.strip() for cell in row]
                if header is None and cells[0].lower() == columns[0]:
                    header = [cell.lower() for cell in cells]
                    missing = [name for name in columns[:2] if name not in header]
                    if missing:
                        raise CorpusError(f"{csv_path}:{lineno}: header lacks the column(s) {missing}")
                    continue
                if header is None and len(cells) > 1 and cells[1].lower() == "label":
                    raise CorpusError(
                        f"{csv_path}:{lineno}: this labels file needs {columns[0]},label rows, its header "
                        f"starts with {cells[0]!r}" + _CSV_KIND_HINT.get(cells[0].lower(), "")
                    )
                names = header or list(columns)
                if len(cells) < 2:
                    raise CorpusError(f"{csv_path}:{lineno}: expected at least {columns[0]},{columns[1]}, got {row!r}")
                yield lineno, dict(zip(names, cells, strict=False))
        except (csv.Error, UnicodeDecodeError) as exc:
            raise CorpusError(f"{csv_path}:{reader.line_num}: not a readable CSV line ({exc})") from None


def read_html_dir(directory: str | Path, labels_csv: str | Path | None = None) -> Iterator[Record]:
    """Yield one record per row of a labels CSV that names HTML files, in CSV order.

    ``labels_csv`` defaults to ``<directory>/labels.csv``. Its rows are ``path,label[,url]``, with an
    optional header line (``path,label,url[,kind]``, columns then taken by name); ``path`` is relative to
    the CSV file's directory. The record id is that relative path, the source is the directory's name.
    Raw bytes are decoded with :func:`decode_html`. A missing file or a bad label raises
    :class:`CorpusError` naming the CSV file and line.
    """
    directory = Path(directory)
    csv_path = Path(labels_csv) if labels_csv is not None else directory / LABELS_CSV_NAME
    base = csv_path.parent
    source = directory.resolve().name or "html"
    for lineno, row in _read_csv_rows(csv_path, ("path", "label", "url", "kind")):
        where = f"{csv_path}:{lineno}"
        rel = row.get("path", "")
        if not rel:
            raise CorpusError(f"{where}: empty path")
        label = _check_label(row.get("label", ""), where)
        try:
            body = (base / rel).read_bytes()
        except OSError as exc:
            raise CorpusError(f"{where}: cannot read {base / rel} ({exc.strerror or exc})") from None
        yield Record(
            id=rel,
            source=source,
            url=row.get("url") or None,
            label=label,
            kind=row.get("kind") or None,
            html=decode_html(body),
        )


def _read_url_labels(csv_path: Path) -> dict[str, tuple[str, str | None]]:
    labels: dict[str, tuple[str, str | None]] = {}
    for lineno, row in _read_csv_rows(csv_path, ("url", "label", "kind")):
        where = f"{csv_path}:{lineno}"
        url = row.get("url", "")
        if not url:
            raise CorpusError(f"{where}: empty url")
        label = _check_label(row.get("label", ""), where)
        if url in labels and labels[url][0] != label:
            raise CorpusError(f"{where}: {url} is labelled both {labels[url][0]!r} and {label!r}")
        labels[url] = (label, row.get("kind") or None)
    return labels


def read_warc(path: str | Path, labels_csv: str | Path) -> Iterator[Record]:
    """Yield the labelled HTML responses of a ``.warc`` / ``.warc.gz`` file, in archive order.

    ``labels_csv`` has rows ``url,label`` (optional header ``url,label[,kind]``) keyed by the record's
    ``WARC-Target-URI``. Only ``response`` records whose HTTP ``Content-Type`` is HTML are read; their
    payload (de-chunked and decompressed by warcio) is decoded with :func:`decode_html` using that header.
    The record id is the ``WARC-Record-ID``; the source is the archive's name. Responses whose URL has no
    label are skipped and counted in a log line, as are labels that match no response. A corrupt archive
    raises :class:`CorpusError` naming the file and the byte offset.
    """
    from warcio.archiveiterator import ArchiveIterator

    path = Path(path)
    labels = _read_url_labels(Path(labels_csv))
    source = path.name.split(".")[0] or "warc"
    seen: set[str] = set()
    unlabelled = 0
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with fh:
        iterator = ArchiveIterator(fh)
        try:
            for rec in iterator:
                content_type = rec.http_headers.get_header("Content-Type") if rec.http_headers else None
                if rec.rec_type != "response" or not is_html_content_type(content_type):
                    if warc_record_cut_short(rec):
                        logger.warning("%s: the archive ends inside a record at byte %s", path, iterator.offset)
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI") or ""
                if url not in labels:
                    unlabelled += 1
                    continue
                body = rec.content_stream().read()
                if warc_record_cut_short(rec):
                    logger.warning("%s: skipped %s: the archive ends inside its record", path, url)
                    continue
                seen.add(url)
                label, kind = labels[url]
                yield Record(
                    id=rec.rec_headers.get_header("WARC-Record-ID") or f"{path.name}@{iterator.offset}",
                    source=source,
                    url=url,
                    label=label,
                    kind=kind,
                    html=decode_html(body, content_type),
                )
        except _warc_errors() as exc:
            raise CorpusError(f"{path}: unreadable WARC record at byte {iterator.offset} ({exc})") from None
        tail = warc_unread_tail(fh, iterator.offset)
        if tail:
            logger.warning("%s: the archive ends inside a record: its last %s bytes were skipped", path, tail)
    if unlabelled:
        logger.info("%s: skipped %s HTML responses with no label in %s", path, unlabelled, labels_csv)
    if len(seen) < len(labels):
        logger.warning("%s: %s labelled URLs have no HTML response in the archive", labels_csv, len(labels) - len(seen))


#: Bytes read at a time while checking that a WARC record's block really is as long as it says.
_DRAIN_CHUNK_BYTES = 64 * 1024


def warc_record_cut_short(record) -> bool:
    """True if the archive ends before the end of ``record``'s block (its ``Content-Length``).

    Call it after reading the payload: warcio's streams stop quietly at end of file, so a record cut in
    the middle (an archive copied while it was being written) would otherwise pass for a short page.
    Whatever is left of the block is read (and discarded) to find out.
    """
    raw = record.raw_stream
    while getattr(raw, "limit", 0) > 0:
        if not raw.read(min(raw.limit, _DRAIN_CHUNK_BYTES)):
            return True
    return False


def warc_unread_tail(fh, end: int) -> int:
    """Bytes of an archive file after ``end`` (where the iteration stopped) that are not blank lines.

    warcio ends its iteration without an error when a compressed archive is cut inside a record: the
    partial record is simply not there. A non-zero result here is that cut-off record.
    """
    import os

    size = os.fstat(fh.fileno()).st_size
    if size <= end:
        return 0
    fh.seek(end)
    if not fh.read(_DRAIN_CHUNK_BYTES).strip():
        return 0
    return size - end


def _warc_errors() -> tuple[type[BaseException], ...]:
    """What warcio raises on a corrupt archive, plus the I/O and decompression errors beneath it."""
    import zlib

    from warcio.bufferedreaders import ChunkedDataException
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    return (
        ArchiveLoadFailed,
        StatusAndHeadersParserException,
        ChunkedDataException,
        OSError,
        EOFError,
        ValueError,
        zlib.error,
    )


def _has_suffix(path: Path, suffixes: tuple[str, ...]) -> bool:
    return path.name.lower().endswith(suffixes)


def _warc_stem(path: Path) -> str:
    name = path.name
    for suffix in sorted(WARC_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def find_warc_labels(warc: str | Path) -> Path | None:
    """The labels CSV next to a WARC: ``<stem>.labels.csv``, ``<stem>.csv``, then ``labels.csv``.

    ``<stem>`` is the archive's name without ``.warc`` / ``.warc.gz``. Returns ``None`` when none exists.
    """
    warc = Path(warc)
    stem = _warc_stem(warc)
    for name in (f"{stem}.labels.csv", f"{stem}.csv", LABELS_CSV_NAME):
        candidate = warc.with_name(name)
        if candidate.is_file():
            return candidate
    return None


def _split_warc_spec(spec: str | Path) -> tuple[Path, Path | None]:
    """Split ``crawl.warc.gz::labels.csv`` into its two paths; a plain path has no explicit labels."""
    text = str(spec)
    head, sep, tail = text.rpartition(WARC_LABELS_SEPARATOR)
    if sep and tail and _has_suffix(Path(head), WARC_SUFFIXES) and not Path(text).exists():
        return Path(head), Path(tail)
    return Path(text), None


def iter_corpus(paths: Sequence[str | Path]) -> Iterator[Record]:
    """Yield the records of every corpus path, in argument order; the reader follows what a path is.

    The rule, checked in this order for each path:

    1. ``X.warc`` / ``X.warc.gz`` (a file), optionally written ``X.warc.gz::LABELS.csv`` to name its labels
       CSV: :func:`read_warc`. Without an explicit CSV, the first of ``X.labels.csv``, ``X.csv`` and
       ``labels.csv`` beside the archive (see :func:`find_warc_labels`); none of them is an error.
    2. ``*.jsonl`` / ``*.jsonl.gz`` (a file): :func:`read_jsonl`.
    3. A directory holding ``labels.csv``: :func:`read_html_dir` (an HTML corpus).
    4. Any other directory: every ``*.jsonl`` / ``*.jsonl.gz`` file under it, recursively, in sorted path
       order (so ``../shared/corpus`` and ``../shared/corpus/ham`` both work). A directory without any is
       an error.

    Anything else (a missing path, another kind of file) raises :class:`CorpusError` before any record of
    that path is read. Paths are checked lazily, one after another, as the iteration reaches them.
    """
    for spec in paths:
        path, labels_csv = _split_warc_spec(spec)
        if _has_suffix(path, WARC_SUFFIXES) and (path.is_file() or labels_csv is not None):
            if not path.is_file():
                raise CorpusError(f"{path}: no such WARC file")
            labels_csv = labels_csv or find_warc_labels(path)
            if labels_csv is None:
                stem = _warc_stem(path)
                raise CorpusError(
                    f"{path}: no labels CSV for this WARC; put url,label rows in {stem}.labels.csv beside it "
                    f"or pass '{path}{WARC_LABELS_SEPARATOR}LABELS.csv'"
                )
            yield from read_warc(path, labels_csv)
        elif path.is_file() and _has_suffix(path, JSONL_SUFFIXES):
            yield from read_jsonl(path)
        elif path.is_dir() and (path / LABELS_CSV_NAME).is_file():
            yield from read_html_dir(path)
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _has_suffix(p, JSONL_SUFFIXES))
            if not files:
                raise CorpusError(
                    f"{path}: a corpus directory needs {LABELS_CSV_NAME} (HTML files) or *.jsonl(.gz) files"
                )
            for file in files:
                yield from read_jsonl(file)
        elif path.exists():
            raise CorpusError(
                f"{path}: not a corpus; expected .jsonl(.gz), .warc(.gz) or a directory (see spamguard train --help)"
            )
        else:
            raise CorpusError(f"{path}: no such file or directory")


def add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--corpus PATH`` option (repeatable, required) of the commands that read labelled corpora."""
    parser.add_argument(
        "--corpus",
        action="append",
        required=True,
        metavar="PATH",
        help="labelled pages: a .jsonl(.gz) file, a directory of them, an HTML directory with labels.csv, "
        "or a .warc(.gz) with a labels CSV; repeat for several",
    )


def site_of(record: Record) -> str:
    """The record's site: the registered domain of its URL, or ``source:<source>`` where the URL is unknown.
    Cross-validation folds never split a site, and the synthesizer builds a page from different sites."""
    if record.url:
        try:
            host = urlsplit(record.url).hostname or ""
        except ValueError:
            host = ""
        if host:
            return registered_domain(host)
    return f"source:{record.source}"
