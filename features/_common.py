"""Small arithmetic shared by the feature families: every division is guarded, undefined is nan."""

from __future__ import annotations

import math

from features.page import Page

NAN = math.nan
#: Rates per thousand words are undefined (nan) on pages with fewer words than this.
MIN_WORDS_FOR_RATE = 1


def ratio(num: float, den: float) -> float:
    """``num / den``, or nan when ``den`` is zero."""
    return num / den if den else NAN


def per_1k_words(count: float, page: Page) -> float:
    """``count`` per thousand visible words; nan on a page without words."""
    n = len(page.words)
    return 1000.0 * count / n if n >= MIN_WORDS_FOR_RATE else NAN
