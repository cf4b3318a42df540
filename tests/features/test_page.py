"""The Page: decoding, the one walk, links, headings, caps."""

from __future__ import annotations

import lxml.html
import pytest

from features import MAX_BYTES, Page


def test_lines_are_cut_at_blocks_and_whitespace_is_folded():
    page = Page.from_html("<html><body><div>one\n  two<p>three</p>four<br>five</div><span>six</span></body></html>")
    assert page.lines == ["one two", "three", "four", "five", "six"]


def test_scripts_styles_and_head_are_not_visible_text():
    page = Page.from_html(
        "<html><head><title>T</title><style>p{}</style></head><body><script>var x=1</script>"
        "<noscript>enable js</noscript><p>visible</p></body></html>"
    )
    assert page.lines == ["visible"]
    assert page.title == "T"


def test_links_carry_anchor_text_rel_line_and_kind():
    page = Page.from_html(
        '<p>intro</p><p><a href="/a">Inside</a> and <a rel="nofollow sponsored" href="https://other.org/x">'
        'out <b>bold</b></a></p><a href="mailto:me@x.org">mail</a><a href="#top">top</a>'
        '<a href="javascript:void(0)">js</a><a href="whatsapp://send?text=hi">wa</a>',
        "https://news.example.co.uk/story",
    )
    kinds = [(link.text, link.kind, link.domain, link.line) for link in page.links]
    assert kinds == [
        ("Inside", "internal", "example.co.uk", 1),
        ("out bold", "external", "other.org", 1),
        ("mail", "mail", "", 2),
        ("top", "fragment", "", 2),
        ("js", "script", "", 2),
        ("wa", "other", "", 2),
    ]
    assert page.links[1].rel == "nofollow sponsored"
    assert page.line_link_chars[1] == len("Inside") + len("out bold")


def test_subdomains_of_the_page_site_are_internal():
    page = Page.from_html('<a href="https://cdn.example.com/x">x</a>', "https://www.example.com/")
    assert page.links[0].kind == "internal"


def test_url_falls_back_to_canonical():
    page = Page.from_html('<head><link rel="canonical" href="https://site.org/p"></head><a href="/x">x</a>')
    assert page.url == "https://site.org/p"
    assert page.domain == "site.org"


def test_headings_keep_level_text_and_line():
    page = Page.from_html("<p>a</p><h2>Big <i>news</i></h2><p>b</p><h1>Top</h1>")
    assert [(h.level, h.text, h.line) for h in page.headings] == [(2, "Big news", 1), (1, "Top", 3)]


def test_meta_title_scripts_and_ads_are_recorded():
    page = Page.from_html(
        '<html><head><title>Hello</title><meta name="Keywords" content="a, b">'
        '<script src="https://pagead2.googlesyndication.com/x.js"></script></head><body>'
        '<ins class="adsbygoogle" data-ad-slot="1"></ins><div id="div-gpt-ad-123"></div>'
        '<div class="OUTBRAIN"></div><p>text</p></body></html>'
    )
    assert page.meta["keywords"] == "a, b"
    assert page.script_srcs == ["https://pagead2.googlesyndication.com/x.js"]
    assert page.ad_slot_count == 3


def test_hidden_text_is_measured():
    page = Page.from_html('<p>shown text</p><div style="display: NONE">cheap pills cheap pills</div><p hidden>more</p>')
    assert page.hidden_chars == len("cheap pills cheap pills") + len("more")


def test_bytes_are_decoded_like_scrapy():
    latin = "<html><head><meta charset='iso-8859-1'></head><body><p>Grüße</p></body></html>".encode("latin-1")
    assert Page.from_html(latin).lines == ["Grüße"]
    utf16 = "\ufeff<p>Grüße</p>".encode("utf-16-le")
    assert Page.from_html(utf16).lines == ["Grüße"]
    assert Page.from_html("<p>Grüße</p>".encode("cp1252"), content_type="text/html; charset=cp1252").lines == ["Grüße"]


def test_decoding_follows_declarations_and_never_guesses():
    from features.page import decode_html

    # The header wins over <meta>; a BOM wins over both.
    body = "<meta charset='utf-8'><p>Grüße</p>".encode("cp1252")
    assert decode_html(body, "text/html; charset=windows-1252")[1].endswith("<p>Grüße</p>")
    assert decode_html(b"\xef\xbb\xbf<p>Gr\xc3\xbc\xc3\x9fe</p>", "text/html; charset=latin-1") == (
        "utf-8",
        "<p>Grüße</p>",
    )
    # Nothing declared: UTF-8, undecodable bytes as U+FFFD, whatever the bytes look like (w3lib >= 2.6's
    # html_to_unicode would guess windows-1252 here).
    assert decode_html("<p>Grüße, café</p>".encode("cp1252")) == ("utf-8", "<p>Gr\ufffd\ufffde, caf\ufffd</p>")
    assert Page.from_html("<p>Grüße</p>".encode("cp1252")).lines == ["Gr\ufffd\ufffde"]


def test_from_tree_matches_from_html():
    html = '<html><body><h1>T</h1><p>a <a href="https://x.org/">b</a></p><ul><li>c</li></ul></body></html>'
    tree = lxml.html.document_fromstring(html)
    a, b = Page.from_tree(tree, "https://y.org/"), Page.from_html(html, "https://y.org/")
    assert (a.lines, a.headings, a.links) == (b.lines, b.headings, b.links)


def test_from_tree_does_not_modify_the_tree():
    tree = lxml.html.document_fromstring("<html><body><p>a<script>x</script></p></body></html>")
    before = lxml.html.tostring(tree)
    Page.from_tree(tree)
    assert lxml.html.tostring(tree) == before


def test_only_a_prefix_is_analysed():
    page = Page.from_html(b"<p>" + b"word " * 200, max_bytes=100)
    assert page.truncated
    assert len(page.words) < 25
    assert not Page.from_html("<p>short</p>").truncated
    assert MAX_BYTES >= 1_000_000


@pytest.mark.parametrize("bad", [None, 12, ["<p>"], {"html": "x"}])
def test_wrong_types_raise_type_error(bad):
    with pytest.raises(TypeError):
        Page.from_html(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("empty", [b"", "", b"   \n", b"\x00\x00", "<!-- only a comment -->", b"<html/>"])
def test_empty_documents_give_an_empty_page(empty):
    page = Page.from_html(empty)
    assert page.lines == [] and page.links == [] and page.words == []
