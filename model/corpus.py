"""Labelled page records and the readers that produce them.

The record format is the contract of ``../shared/corpus`` (see ARCHITECTURE.md): one JSON object per
line, optionally gzip-compressed, ``{"id", "source", "url", "label", "kind", "html"}``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["LABELS", "CorpusError", "Record", "read_jsonl"]

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
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open("r", encoding="utf-8")


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
