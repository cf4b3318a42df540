"""Scoring: one page in, one :class:`Verdict` out. The CLI, the Scrapy middleware and the benchmarks all
call :meth:`Scorer.score_html` (or :meth:`Scorer.score_page` with a page they already built)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import lightgbm
import numpy as np

from features import FEATURE_DESCRIPTIONS, FEATURE_NAMES, MAX_BYTES, SCHEMA_FINGERPRINT, Page, feature_vector
from features.schema import to_page
from model.manifest import MODEL_FILE, Manifest, ModelError

__all__ = ["DEFAULT_MODEL_DIR", "MAX_REASONS", "Reason", "Scorer", "Verdict"]

#: How many feature contributions a verdict carries as its reasons.
MAX_REASONS = 5
#: The log-odds are clipped to +-this before the logistic function: scores stay strictly inside (0, 1), so a
#: threshold of 1.0 means "never spam" (and ``exp`` cannot overflow).
MAX_LOGIT = 30.0
#: LightGBM predicts one row at a time here; more threads only add start-up cost.
_PREDICT_PARAMS = {"num_threads": 1}


def default_model_dir() -> Path:
    """The model shipped inside the package."""
    return Path(str(resources.files("model") / "default"))


DEFAULT_MODEL_DIR = default_model_dir()


class Reason(NamedTuple):
    """One feature's push on the score, in log-odds: positive pushes towards spam."""

    feature: str
    value: float
    contribution: float


@dataclass(frozen=True, slots=True)
class Verdict:
    score: float
    is_spam: bool
    threshold: float
    reasons: tuple[Reason, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ARCHITECTURE.md (nan feature values become ``None``)."""
        return {
            "score": round(self.score, 6),
            "spam": self.is_spam,
            "threshold": round(self.threshold, 6),
            "reasons": [
                {
                    "feature": r.feature,
                    "value": None if math.isnan(r.value) else r.value,
                    "contribution": round(r.contribution, 6),
                }
                for r in self.reasons
            ],
        }


class Scorer:
    """A loaded, validated model. Load once (:meth:`load`), score many pages."""

    def __init__(self, booster: lightgbm.Booster, manifest: Manifest, directory: Path) -> None:
        self._booster = booster
        self._manifest = manifest
        self.directory = directory
        self.threshold = manifest.threshold
        self.feature_names: tuple[str, ...] = manifest.feature_names
        fill = manifest.undefined_values
        #: Per feature, the value read in place of nan (nan where it is passed on as is); None: no filling.
        self._fill = None if fill is None else np.asarray([np.nan if v is None else v for v in fill], dtype=np.float64)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Scorer:
        """Load a model directory (``None``: the bundled default model).

        Checks that ``model.txt`` matches the hash in ``manifest.json`` and that the manifest's feature
        names and schema fingerprint are this version's; raises :class:`ModelError` naming the file and
        the fix otherwise.
        """
        directory = Path(path) if path is not None else DEFAULT_MODEL_DIR
        if not directory.is_dir():
            raise ModelError(f"{directory}: not a model directory (it should hold {MODEL_FILE} and manifest.json)")
        manifest = Manifest.read(directory)
        manifest.check_schema(FEATURE_NAMES, SCHEMA_FINGERPRINT)
        model_path = directory / MODEL_FILE
        manifest.check_model_file(model_path)
        try:
            booster = lightgbm.Booster(model_str=model_path.read_text(encoding="utf-8"))
        except (lightgbm.basic.LightGBMError, UnicodeDecodeError, ValueError) as exc:
            raise ModelError(f"{model_path}: not a LightGBM text model ({exc})") from None
        if tuple(booster.feature_name()) != FEATURE_NAMES:
            raise ModelError(f"{model_path}: its feature names differ from {manifest.path}; retrain the model")
        return cls(booster, manifest, directory)

    @property
    def manifest(self) -> dict[str, Any]:
        return self._manifest.data

    # ---------------------------------------------------------------------------------------------------
    def contributions(self, vector: Sequence[float]) -> tuple[float, np.ndarray]:
        """(spam probability, per-feature contributions in log-odds) for one feature vector. An undefined
        (nan) value is read as the model's stand-in for it (see :func:`model.train.undefined_values`)."""
        x = np.asarray(vector, dtype=np.float64).reshape(1, -1)
        if self._fill is not None:
            x = np.where(np.isnan(x), self._fill, x)
        contrib = self._booster.predict(x, pred_contrib=True, **_PREDICT_PARAMS)[0]
        raw = min(max(float(contrib.sum()), -MAX_LOGIT), MAX_LOGIT)
        return 1.0 / (1.0 + math.exp(-raw)), contrib[:-1]

    def _verdict(self, values: list[float], score: float, contrib: np.ndarray, threshold: float | None) -> Verdict:
        """The verdict for one evaluated page; ties between contributions keep schema order."""
        order = np.argsort(-contrib, kind="stable")[:MAX_REASONS]
        reasons = tuple(Reason(self.feature_names[i], values[i], float(contrib[i])) for i in order)
        t = self.threshold if threshold is None else threshold
        return Verdict(score=score, is_spam=score >= t, threshold=t, reasons=reasons)

    def score_page(self, page: Page, *, threshold: float | None = None) -> Verdict:
        """Score an already-built :class:`features.Page`."""
        values = feature_vector(page)
        score, contrib = self.contributions(values)
        return self._verdict(values, score, contrib, threshold)

    def score_html(
        self,
        html: str | bytes | object,
        url: str | None = None,
        *,
        threshold: float | None = None,
        max_bytes: int | None = None,
    ) -> Verdict:
        """Score one page given as text, bytes (decoded by :func:`features.page.decode_html`) or a parsed lxml tree.
        Never raises on bad HTML; raises :class:`TypeError` for any other kind of object."""
        page = to_page(html, url, max_bytes=max_bytes or MAX_BYTES)
        return self.score_page(page, threshold=threshold)

    def explain(
        self, html: str | bytes | object, url: str | None = None
    ) -> tuple[Verdict, list[tuple[str, float, float, str]]]:
        """The verdict and every feature as (name, value, contribution, description), most spam-ward first."""
        values = feature_vector(to_page(html, url))
        score, contrib = self.contributions(values)
        rows = [
            (self.feature_names[i], values[i], float(contrib[i]), FEATURE_DESCRIPTIONS[self.feature_names[i]])
            for i in np.argsort(-contrib, kind="stable")
        ]
        return self._verdict(values, score, contrib, None), rows
