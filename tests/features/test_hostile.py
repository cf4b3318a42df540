"""Any bytes at all give a feature vector: arbitrary input, mutated real pages, and named pathological
pages built here (nothing big is committed). Time and memory are measured by
benchmarks/bench_hostile.py, not asserted here."""

from __future__ import annotations

import gzip
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from features import FEATURE_NAMES, FEATURES, MAX_BYTES, Page, extract_features

MB = 1_000_000


def check(html, url=None) -> dict[str, float]:
    values = extract_features(html, url)
    assert list(values) == list(FEATURE_NAMES)
    assert all(isinstance(v, float) and (math.isnan(v) or math.isfinite(v)) for v in values.values())
    return values


def pathological() -> dict[str, bytes]:
    """The pages of issue 6, built on demand."""
    return {
        "empty": b"",
        "whitespace": b" \n\t\r " * 1000,
        "binary": bytes(range(256)) * 400,
        "nul_bytes": b"<p>a\x00b</p>\x00" * 1000,
        "lying_charset": b"<meta charset='utf-16'><p>plain ascii after all</p>",
        "invalid_charset": b"<meta charset='x-no-such-charset'><p>caf\xe9</p>",
        "utf16_without_bom": "<html><body><p>Hello world, no byte order mark here.</p></body></html>".encode(
            "utf-16-le"
        ),
        "50mb": b"<html><body>" + b"<p>spam spam spam <a href='https://x.example/'>link</a></p>" * (50 * MB // 60),
        "deep_nesting": b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000,
        "million_links": b"<body>" + b"<a href='https://a.example/'>x</a>" * 1_000_000,
        "10mb_line": b"<p>" + b"word " * (2 * MB) + b"</p>",
        "1mb_attribute": b"<a href='https://x.example/?"
        + b"q" * MB
        + b"'>x</a><div class='"
        + b"c" * MB
        + b"'>y</div>",
        "meta_refresh": b"<head>" + b"<meta http-equiv='refresh' content='0;url=https://x.example/'>" * 5000,
        "truncated_gzip": gzip.compress(b"<html><body><p>zipped</p></body></html>" * 100)[:200],
        "xml": b"<?xml version='1.0' encoding='ISO-8859-1'?><rss><channel><item><title>t</title></item></rss>",
        "svg": b"<svg xmlns='http://www.w3.org/2000/svg'><text>hello</text><a href='/x'><text>l</text></a></svg>",
        "json": b'{"html": "<p>not really</p>", "links": ["https://x.example/"]}',
        "unclosed": b"<html><body><table><tr><td><a href='/x'><h1>open" * 5000,
        "regex_bait": (
            "<p>" + "read more " * 20000 + "</p><p>" + "#" * 100000 + "</p><p>" + "a" * 200000 + "</p>"
        ).encode(),
        # Inline styles built to bait the hiding-style pattern's look-aheads (overflow:hidden, no height:0).
        "style_bait": b"<body>"
        + b"".join(
            b'<div style="overflow:hidden;' + b"height:1px;max-height:9px;left:-1;" * 700 + b'">x</div>'
            for _ in range(250)
        ),
        "pua_marks": (
            "<p>\U000f0000\U000f0001x\U000f0002y\U000f0003z\U000f0009M\ue000</p><a href='/a'>\U000f0004</a>"
        ).encode(),
    }


@pytest.mark.parametrize("name", list(pathological()))
def test_pathological_pages_give_a_vector(name):
    check(pathological()[name], "https://hostile.example/")


def test_huge_pages_are_analysed_as_a_bounded_prefix():
    page = Page.from_html(pathological()["50mb"])
    assert page.truncated
    assert page.link_total < MAX_BYTES // 30


def test_deep_trees_from_a_caller_are_analysed():
    """A tree from Scrapy may be nested deeper than our own parser allows (huge_tree); the walk falls back
    to re-parsing it, bounded."""
    from lxml import etree

    parser = etree.HTMLParser(huge_tree=True)
    root = etree.fromstring(b"<html><body>" + b"<div>" * 5000 + b"<p>deep text</p>" + b"</div>" * 5000, parser)
    page = Page.from_tree(root)
    assert isinstance(page.lines, list)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_arbitrary_bytes(data):
    check(data)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text(text):
    check(text, "https://x.example/")


TAGS = st.sampled_from(["p", "div", "a", "h1", "h3", "li", "ul", "script", "style", "br", "span", "table", "td"])
FRAGMENT = st.one_of(
    st.builds(lambda t: f"<{t}>", TAGS),
    st.builds(lambda t: f"</{t}>", TAGS),
    st.builds(
        lambda h: f"<a href='{h}'>",
        st.sampled_from(
            [
                "/x",
                "https://y.example/go?url=http://z",
                "#",
                "mailto:a",
                "//q.example",
                "javascript:x",
                "whatsapp://send?text=1",
                "http://[::1/",
            ]
        ),
    ),
    st.sampled_from(
        [
            "Read more >> : Cick here",
            "Share on : 👇",
            "Twitter (X) Facebook whatsapp telegram",
            "#tag",
            "domain may be for sale",
        ]
    ),
    st.text(max_size=40),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(FRAGMENT, max_size=80))
def test_arbitrary_markup(fragments):
    check("".join(fragments), "https://x.example/page")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_real_pages(ham_sample, data):
    record = data.draw(st.sampled_from(ham_sample))
    raw = record["html"].encode("utf-8")[:60_000]
    cuts = sorted(data.draw(st.lists(st.integers(0, len(raw)), min_size=2, max_size=6)))
    junk = data.draw(st.binary(max_size=200))
    mutated = raw[: cuts[0]] + junk + raw[cuts[-1] :] + raw[cuts[0] : cuts[1]] * 3
    check(mutated, record["url"])


def test_no_feature_raises_on_real_pages(ham_sample):
    """feature_vector would turn an exception into nan; call each feature directly so a bug shows."""
    for record in ham_sample:
        page = Page.from_html(record["html"], record["url"])
        for fn in FEATURES:
            fn(page)
