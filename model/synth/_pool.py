"""Lazy, cached access to the ham records: one lxml parse per record gives its text and its shell layout."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from urllib.parse import urlsplit

from model.corpus import Record, site_of
from model.synth import _lexicon as lex
from model.synth._rewrite import is_link_heavy
from model.synth._shell import ShellInfo, analyze_shell
from model.synth._sources import (
    _ASCII_WORD,
    _TLD_EXTRACT,
    MAX_DRAW_ATTEMPTS,
    TextSource,
    extract_text,
    parse,
)


class SourcePool:
    """Lazy, cached access to the text and shells of a list of ham records."""

    def __init__(self, ham: Sequence[Record]) -> None:
        self.records = list(ham)
        self.sites = [site_of(r) for r in self.records]
        self.site_set = frozenset(self.sites)
        self._text: dict[int, TextSource] = {}
        self._shell: dict[int, ShellInfo | None] = {}
        self._html: dict[int, str] = {}
        self.no_url_rate = sum(r.url is None for r in self.records) / len(self.records)
        #: Indexes of the records with a web address (the pages the rewriting families can start from).
        self.with_url = [i for i, r in enumerate(self.records) if r.url and r.url.startswith(("http://", "https://"))]
        words: Counter[str] = Counter()
        suffixes: Counter[str] = Counter()
        #: One shape per ham URL (page-weighted like the corpus): scheme, subdomain, path, query and the
        #: registered domain's name length, hyphenation and public suffix. Synthetic URLs copy these jointly.
        self.url_templates: list[tuple[str, str, str, str, int, bool, str]] = []
        for r in self.records:
            if not r.url or not r.url.startswith(("http://", "https://")):
                continue
            parts = urlsplit(r.url)
            ext = _TLD_EXTRACT(parts.hostname or "")
            if ext.suffix and ext.domain:
                self.url_templates.append(
                    (
                        parts.scheme,
                        ext.subdomain,
                        parts.path,
                        parts.query,
                        len(ext.domain),
                        "-" in ext.domain,
                        ext.suffix,
                    )
                )
                suffixes[ext.suffix] += 1
            for w in re.split(r"[^a-z]+", (ext.domain + "/" + parts.path).lower()):
                if _ASCII_WORD.match(w) and not any(w in s for s in lex.STOPWORDS.values()):
                    words[w] += 1
        self.domain_words = sorted(words) or list(lex.DOMAIN_WORDS)
        self.words_by_length: dict[int, list[str]] = {}
        for w in self.domain_words:
            self.words_by_length.setdefault(len(w), []).append(w)
        self.suffixes = sorted(suffixes) or ["com", "de", "org", "net", "co.uk"]
        self.suffix_weights = [suffixes[s] for s in self.suffixes] if suffixes else None

    @cached_property
    def link_heavy(self) -> list[int]:
        """Indexes of the records with a web address whose links mostly go to other sites
        (:func:`model.synth._rewrite.is_link_heavy`)."""
        return [i for i in self.with_url if is_link_heavy(self.records[i].html, self.records[i].url)]

    def _analyze(self, index: int) -> None:
        record = self.records[index]
        html = record.html
        root = parse(html)
        self._text[index] = extract_text(index, record, root, self.sites[index])
        self._shell[index] = analyze_shell(html, root) if root is not None else None
        self._html[index] = html

    def text(self, index: int) -> TextSource:
        """The text of record ``index`` (one parse per record, shared with :meth:`shell`)."""
        if index not in self._text:
            self._analyze(index)
        return self._text[index]

    def shell(self, index: int) -> tuple[str, ShellInfo] | None:
        """The raw HTML of record ``index`` and where its body, content slot and <h1> are."""
        if index not in self._text:
            self._analyze(index)
        info = self._shell[index]
        return (self._html[index], info) if info is not None else None

    def draw_text(
        self,
        rng: random.Random,
        *,
        avoid_sites: set[str] = frozenset(),
        avoid: set[int] = frozenset(),
        lang: str | None = None,
        min_paragraphs: int = 1,
    ) -> TextSource:
        """A usable text source, preferably from a site not in ``avoid_sites`` and in ``lang``.

        Constraints are relaxed one by one when the pool is too small to satisfy them.
        """
        n = len(self.records)
        fallback: TextSource | None = None
        for attempt in range(MAX_DRAW_ATTEMPTS * 3):
            src = self.text(rng.randrange(n))
            if not src.usable or len(src.paragraphs) < min_paragraphs:
                continue
            relax = attempt // MAX_DRAW_ATTEMPTS  # 0: all constraints, 1: drop lang, 2: drop sites
            if relax < 2 and (src.site in avoid_sites or src.index in avoid):
                fallback = fallback or src
                continue
            if relax < 1 and lang is not None and src.lang != lang:
                fallback = fallback or src
                continue
            return src
        if fallback is not None:
            return fallback
        for i in range(n):  # deterministic scan as a last resort
            src = self.text((i + rng.randrange(n)) % n)
            if src.usable:
                return src
        raise ValueError("synthesize: no ham record has a title and at least one paragraph of text")

    def draw_shell(self, rng: random.Random, *, avoid_sites: set[str] = frozenset()) -> int:
        n = len(self.records)
        for _ in range(MAX_DRAW_ATTEMPTS):
            i = rng.randrange(n)
            if self.sites[i] not in avoid_sites:
                return i
        return rng.randrange(n)
