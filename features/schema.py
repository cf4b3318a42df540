"""The feature schema: an explicit, ordered tuple of feature functions, and its fingerprint.

The order is the column order of every feature vector and of every model trained on it. The fingerprint
hashes each feature's name and code (and the code of the modules they all share: the page walk, the
lexicons), ignoring comments, docstrings and formatting, so it changes exactly when a definition does; a
model stores it and refuses to load against a different schema.
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import logging
import math
import re
from collections.abc import Callable
from types import ModuleType

from features import _common, cta, furniture, lexicon, links, page, sections, share, text, urls
from features.page import MAX_BYTES, Page

__all__ = [
    "FEATURES",
    "FEATURE_DESCRIPTIONS",
    "FEATURE_NAMES",
    "SCHEMA_FINGERPRINT",
    "extract_features",
    "feature_vector",
    "to_page",
]

logger = logging.getLogger(__name__)

FeatureFn = Callable[[Page], float]

FEATURES: tuple[FeatureFn, ...] = (
    # 1. call-to-action repetition
    cta.cta_line_count,
    cta.cta_lines_per_1k_words,
    cta.cta_top_repeat_count,
    cta.short_line_top_repeat_count,
    cta.repeated_line_char_ratio,
    cta.teaser_unit_count,
    cta.shared_teaser_count,
    cta.stamped_teaser_count,
    cta.cta_external_link_count,
    cta.cta_link_external_ratio,
    # 2. share rows
    share.share_row_count,
    share.share_rows_per_article,
    share.share_label_line_count,
    share.share_intent_link_count,
    share.social_link_ratio,
    share.social_mentions_per_1k_words,
    # 3. off-topic sections
    sections.section_count,
    sections.offtopic_section_count,
    sections.offtopic_section_ratio,
    sections.offtopic_word_ratio,
    sections.topic_dispersion,
    sections.main_block_word_ratio,
    # 4. link structure
    links.link_density_ratio,
    links.links_per_100_words,
    links.link_line_ratio,
    links.external_link_line_count,
    links.external_link_ratio,
    links.external_domain_count,
    links.external_domains_per_1k_words,
    links.external_domain_diversity_ratio,
    links.generic_anchor_ratio,
    links.redirect_link_ratio,
    links.nofollow_sponsored_ratio,
    links.money_anchor_domain_count,
    links.offsite_redirect,
    # 5. text quality
    text.word_count,
    text.stopword_ratio,
    text.compression_ratio,
    text.duplicate_line_ratio,
    text.duplicate_ngram_ratio,
    text.line_end_punct_ratio,
    text.mean_line_words,
    text.hashtags_per_1k_words,
    text.emoji_per_1k_words,
    text.filler_phrase_count,
    text.clickbait_phrase_count,
    text.money_phrase_per_1k_words,
    text.top_word_ratio,
    text.top_bigram_per_1k_words,
    # 6. page furniture
    furniture.ad_slot_count,
    furniture.ad_slots_per_1k_words,
    furniture.ad_script_count,
    furniture.sponsored_label_count,
    furniture.title_word_repeat_max,
    furniture.meta_keyword_count,
    furniture.title_body_overlap_ratio,
    furniture.headings_per_paragraph,
    furniture.hidden_text_ratio,
    furniture.hidden_link_domain_count,
    furniture.parked_phrase_count,
)

FEATURE_NAMES: tuple[str, ...] = tuple(f.__name__ for f in FEATURES)
#: Where a docstring's first sentence ends: a full stop (maybe inside a closing quote or bracket) followed by
#: a capital letter. "The post ... appeared first on" and "``/go?url=``" do not end one.
_FIRST_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z])")
#: One line per feature: the first sentence of its docstring.
FEATURE_DESCRIPTIONS: dict[str, str] = {
    f.__name__: _FIRST_SENTENCE_END.split(" ".join((inspect.getdoc(f) or "").split()), maxsplit=1)[0].rstrip(".") + "."
    for f in FEATURES
}
assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES), "feature names must be unique"

#: Modules whose code every feature depends on; a change in any of them changes the fingerprint.
_SHARED_MODULES: tuple[ModuleType, ...] = (page, lexicon, _common, urls)


def _code_digest(source: str) -> str:
    """The AST of ``source`` without docstrings: comments, formatting and documentation do not count."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            body.pop(0)
    return ast.dump(tree, annotate_fields=False, include_attributes=False)


def _fingerprint() -> str:
    h = hashlib.sha256()
    for module in _SHARED_MODULES:
        h.update(_code_digest(inspect.getsource(module)).encode())
    for module in sorted({inspect.getmodule(f) for f in FEATURES}, key=lambda m: m.__name__):  # type: ignore[union-attr]
        # The whole family module: features share its helpers and constants.
        h.update(_code_digest(inspect.getsource(module)).encode())  # type: ignore[arg-type]
    h.update("\n".join(FEATURE_NAMES).encode())
    return h.hexdigest()[:16]


SCHEMA_FINGERPRINT: str = _fingerprint()


def to_page(html: str | bytes | Page | object, url: str | None = None, *, max_bytes: int = MAX_BYTES) -> Page:
    """A :class:`Page` from HTML text or bytes, an lxml element, or a Page (returned as is)."""
    if isinstance(html, Page):
        return html
    if isinstance(html, (str, bytes, bytearray, memoryview)):
        return Page.from_html(html, url, max_bytes=max_bytes)
    from lxml import etree

    if isinstance(html, etree._Element):
        return Page.from_tree(html, url)
    raise TypeError(f"expected HTML as str or bytes, an lxml element or a Page, not {type(html).__name__}")


def feature_vector(page: Page) -> list[float]:
    """The page's features in schema order. A feature that fails (a bug, never expected) gives nan and
    a debug log line rather than an exception."""
    values: list[float] = []
    for fn in FEATURES:
        try:
            v = float(fn(page))
        except Exception:  # a feature never raises: an unforeseen page gives "undefined"
            logger.debug("feature %s failed on %s", fn.__name__, page.url, exc_info=True)
            v = math.nan
        values.append(v if math.isfinite(v) else math.nan)
    return values


def extract_features(html: str | bytes | Page | object, url: str | None = None) -> dict[str, float]:
    """``{feature_name: value}`` in schema order for one page; nan marks an undefined value.

    ``html`` may be text, bytes (decoded by :func:`features.page.decode_html`), an already-parsed lxml tree, or a
    :class:`Page`. Bad HTML never raises; a wrong type raises :class:`TypeError`.
    """
    page = to_page(html, url)
    return dict(zip(FEATURE_NAMES, feature_vector(page), strict=True))
