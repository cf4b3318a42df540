"""Scoring pages with the LightGBM spam model, and training it.

>>> from model import Scorer
>>> scorer = Scorer.load()              # the bundled default model
>>> v = scorer.score_html("<html>...</html>", url="https://example.com/")
>>> v.score, v.is_spam, v.reasons

Importing this package imports no part of Scrapy.
"""

from model.manifest import ModelError
from model.scorer import DEFAULT_MODEL_DIR, Reason, Scorer, Verdict

__all__ = ["DEFAULT_MODEL_DIR", "ModelError", "Reason", "Scorer", "Verdict"]
