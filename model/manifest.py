"""The model directory: ``model.txt`` (LightGBM text format) and ``manifest.json``, written together by
training and checked together at load time. Nothing in a model directory is ever executed or unpickled.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["MANIFEST_FILE", "MANIFEST_FORMAT", "MODEL_FILE", "Manifest", "ModelError", "sha256_file"]

MODEL_FILE = "model.txt"
MANIFEST_FILE = "manifest.json"
#: Bumped when the manifest's layout changes incompatibly.
MANIFEST_FORMAT = 1
#: Keys a manifest must have; everything else (metrics, provenance) is informational.
REQUIRED_KEYS = ("format", "feature_names", "schema_fingerprint", "threshold", "model_sha256")
#: Optional key: per feature, the value that stands for "undefined" (see ``model.train.undefined_values``).
UNDEFINED_VALUES_KEY = "undefined_values"

_RETRAIN_HINT = "retrain with `spamguard train --corpus CORPUS --out DIR` and load that directory"


class ModelError(ValueError):
    """A model directory that cannot be used. The message names the file and says how to fix it."""


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class Manifest:
    """The validated content of ``manifest.json``; ``data`` keeps every key, including provenance."""

    path: Path
    data: dict[str, Any]

    @property
    def feature_names(self) -> tuple[str, ...]:
        return tuple(self.data["feature_names"])

    @property
    def schema_fingerprint(self) -> str:
        return str(self.data["schema_fingerprint"])

    @property
    def threshold(self) -> float:
        return float(self.data["threshold"])

    @property
    def model_sha256(self) -> str:
        return str(self.data["model_sha256"])

    @classmethod
    def read(cls, directory: Path) -> Manifest:
        path = directory / MANIFEST_FILE
        if not path.is_file():
            raise ModelError(f"{path}: no manifest (a model directory holds {MODEL_FILE} and {MANIFEST_FILE})")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelError(f"{path}: cannot be read as JSON ({exc}); {_RETRAIN_HINT}") from None
        if not isinstance(data, dict):
            raise ModelError(f"{path}: must hold a JSON object; {_RETRAIN_HINT}")
        missing = [k for k in REQUIRED_KEYS if k not in data]
        if missing:
            raise ModelError(f"{path}: missing {', '.join(missing)}; {_RETRAIN_HINT}")
        if data["format"] != MANIFEST_FORMAT:
            raise ModelError(
                f"{path}: manifest format {data['format']!r}, this version reads {MANIFEST_FORMAT}; {_RETRAIN_HINT}"
            )
        names = data["feature_names"]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ModelError(f"{path}: feature_names must be a list of strings; {_RETRAIN_HINT}")
        try:
            threshold = float(data["threshold"])
        except (TypeError, ValueError):
            threshold = float("nan")
        if not 0.0 <= threshold <= 1.0:
            raise ModelError(f"{path}: threshold must be a number in [0, 1], got {data['threshold']!r}")
        fill = data.get(UNDEFINED_VALUES_KEY)
        if fill is not None and not (
            isinstance(fill, list)
            and len(fill) == len(names)
            and all(v is None or (isinstance(v, (int, float)) and math.isfinite(v)) for v in fill)
        ):
            raise ModelError(
                f"{path}: {UNDEFINED_VALUES_KEY} must be a list of finite numbers or nulls, one per feature; "
                f"{_RETRAIN_HINT}"
            )
        return cls(path, data)

    @property
    def undefined_values(self) -> list[float | None] | None:
        """What the model reads in place of an undefined (nan) value of each feature; ``None`` for a
        feature whose nan is passed on as is (and for a model trained without any)."""
        return self.data.get(UNDEFINED_VALUES_KEY)

    def check_schema(self, names: tuple[str, ...], fingerprint: str) -> None:
        """Raise :class:`ModelError` unless the manifest was trained on exactly this feature schema."""
        if self.feature_names != names:
            ours, theirs = set(names), set(self.feature_names)
            parts = []
            if theirs - ours:
                parts.append(f"only in the model: {sorted(theirs - ours)}")
            if ours - theirs:
                parts.append(f"only in the code: {sorted(ours - theirs)}")
            if not parts:
                parts.append("same features in a different order")
            raise ModelError(
                f"{self.path}: the model's features differ from this version's schema ({'; '.join(parts)}); "
                f"{_RETRAIN_HINT}"
            )
        if self.schema_fingerprint != fingerprint:
            raise ModelError(
                f"{self.path}: schema fingerprint {self.schema_fingerprint} does not match this version's "
                f"{fingerprint} (a feature's definition changed since the model was trained); {_RETRAIN_HINT}"
            )

    def check_model_file(self, model_path: Path) -> None:
        if not model_path.is_file():
            raise ModelError(f"{model_path}: missing; {_RETRAIN_HINT}")
        digest = sha256_file(model_path)
        if digest != self.model_sha256:
            raise ModelError(
                f"{model_path}: sha256 {digest[:12]}… does not match {self.model_sha256[:12]}… in {self.path} "
                f"(the file was changed or truncated after training); restore it or {_RETRAIN_HINT}"
            )


def write_model_dir(directory: Path, model_text: str, manifest: dict[str, Any]) -> Path:
    """Write ``model.txt`` and ``manifest.json`` (with the model's hash and the format filled in)."""
    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / MODEL_FILE
    model_path.write_text(model_text, encoding="utf-8")
    data = {"format": MANIFEST_FORMAT, **manifest, "model_sha256": sha256_file(model_path)}
    (directory / MANIFEST_FILE).write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return directory
