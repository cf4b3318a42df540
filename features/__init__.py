"""Structural spam features of one HTML page.

>>> from features import extract_features
>>> extract_features("<html><body><p>Hello</p></body></html>")["word_count"]
1.0

Importing this package imports neither Scrapy nor LightGBM.
"""

from features.page import MAX_BYTES, Link, Page
from features.schema import (
    FEATURE_DESCRIPTIONS,
    FEATURE_NAMES,
    FEATURES,
    SCHEMA_FINGERPRINT,
    extract_features,
    feature_vector,
    to_page,
)

__all__ = [
    "FEATURES",
    "FEATURE_DESCRIPTIONS",
    "FEATURE_NAMES",
    "MAX_BYTES",
    "SCHEMA_FINGERPRINT",
    "Link",
    "Page",
    "extract_features",
    "feature_vector",
    "to_page",
]
