"""The scoring API on the bundled model."""

from __future__ import annotations

import json
import subprocess
import sys

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from features import FEATURE_NAMES, SCHEMA_FINGERPRINT
from model import DEFAULT_MODEL_DIR, Reason, Scorer, Verdict
from model.scorer import MAX_REASONS

ARTICLE = (
    "<html><head><title>Council backs library plan</title></head><body><h1>Council backs library plan</h1>"
    + "<p>The council approved longer opening hours for the city's libraries after a public meeting.</p>" * 8
    + "</body></html>"
)


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer.load()


def test_bundled_manifest_matches_the_current_schema():
    """A feature change without retraining the bundled model fails here (and Scorer.load refuses it)."""
    manifest = json.loads((DEFAULT_MODEL_DIR / "manifest.json").read_text())
    assert tuple(manifest["feature_names"]) == FEATURE_NAMES
    assert manifest["schema_fingerprint"] == SCHEMA_FINGERPRINT


def test_bundled_model_is_small_and_documented():
    assert (DEFAULT_MODEL_DIR / "model.txt").stat().st_size < 5_000_000
    manifest = json.loads((DEFAULT_MODEL_DIR / "manifest.json").read_text())
    for key in ("threshold", "metrics", "lightgbm_version", "corpus", "synth_seed", "created", "target_fpr"):
        assert key in manifest


def test_verdict_shape(scorer):
    v = scorer.score_html(ARTICLE, url="https://citypaper.example/2024/library.html")
    assert isinstance(v, Verdict)
    assert 0.0 <= v.score <= 1.0
    assert v.is_spam == (v.score >= scorer.threshold)
    assert len(v.reasons) == MAX_REASONS
    assert all(isinstance(r, Reason) and r.feature in FEATURE_NAMES for r in v.reasons)
    contributions = [r.contribution for r in v.reasons]
    assert contributions == sorted(contributions, reverse=True)
    d = v.to_dict()
    assert set(d) == {"score", "spam", "threshold", "reasons"}
    assert set(d["reasons"][0]) == {"feature", "value", "contribution"}
    json.dumps(d, allow_nan=False)


def test_seed_scores_far_above_the_threshold(scorer, seed_html):
    v = scorer.score_html(seed_html, url="https://miatamil.example/2025/01/zuckerberg.html")
    assert v.is_spam
    assert v.score > scorer.threshold + (1 - scorer.threshold) / 2


#: The seed's wording in other languages: its call to action, the link text after it, its share label
#: and its block header. The first ones are in the feature lexicon; those marked "unlisted" are in no
#: list of the project, so only the structure can give them away.
SEED_TRANSLATIONS = {
    "pt": ("Leia mais &gt;&gt; : ", "Clique aqui", "Compartilhe : 👇", "Aqui estão as últimas notícias em alta"),
    "id": ("Baca selengkapnya &gt;&gt; : ", "Klik di sini", "Bagikan ke : 👇", "Berita Trending terbaru"),
    "ru": ("Читать далее &gt;&gt; : ", "Нажмите здесь", "Поделиться : 👇", "Последние популярные новости"),
    "tr": ("Devamını oku &gt;&gt; : ", "Buraya tıklayın", "Paylaş : 👇", "Son trend haberler"),
    "hi": ("और पढ़ें &gt;&gt; : ", "यहां क्लिक करें", "शेयर करें : 👇", "ताज़ा ट्रेंडिंग खबरें"),
    "sw, unlisted": ("Soma zaidi &gt;&gt; : ", "Bofya hapa", "Shiriki : 👇", "Habari za hivi punde zinazovuma"),
    "lt, unlisted": ("Skaityti daugiau &gt;&gt; : ", "Spauskite čia", "Dalintis : 👇", "Populiarios naujienos"),
    "ja, unlisted": ("続きを読む &gt;&gt; : ", "ここをクリック", "シェア : 👇", "最新のトレンドニュース"),
}


@pytest.mark.parametrize("lang", SEED_TRANSLATIONS)
def test_seed_in_another_language_is_spam(scorer, seed_html, lang):
    """The seed's structure is the evidence, not its English: ten off-topic teasers, each closed by the same
    call to action and its own share row."""
    cta, link_text, share_label, header = SEED_TRANSLATIONS[lang]
    html = seed_html.decode("utf-8")
    for english in ("Read more &gt;&gt; : ", ">Cick here<", "Share on : 👇", "Listed here the latest Trending News"):
        assert english in html  # the seed still reads as this test expects
    html = (
        html.replace("Read more &gt;&gt; : ", cta)
        .replace(">Cick here<", f">{link_text}<")
        .replace("Share on : 👇", share_label)
        .replace("Listed here the latest Trending News", header)
    )
    assert scorer.score_html(html, url="https://miatamil.example/2025/01/zuckerberg.html").is_spam


def test_threshold_override(scorer):
    v = scorer.score_html(ARTICLE, threshold=0.0)
    assert v.is_spam and v.threshold == 0.0
    assert not scorer.score_html(ARTICLE, threshold=1.01).is_spam


def test_str_bytes_and_tree_give_the_same_score(scorer):
    url = "https://citypaper.example/a.html"
    a = scorer.score_html(ARTICLE, url).score
    b = scorer.score_html(ARTICLE.encode("utf-8"), url).score
    c = scorer.score_html(lxml.html.document_fromstring(ARTICLE), url).score
    assert a == pytest.approx(b) == pytest.approx(c)


@pytest.mark.parametrize("junk", [b"", b"\xff\xfe\x00garbage\x00" * 100, "<<<>>>", "\x00" * 10, b"%PDF-1.4\n%\xe2\xe3"])
def test_junk_gets_a_verdict(scorer, junk):
    assert 0.0 <= scorer.score_html(junk).score <= 1.0


def test_wrong_type_is_a_type_error(scorer):
    with pytest.raises(TypeError):
        scorer.score_html(12345)  # type: ignore[arg-type]


def test_explain_lists_every_feature_sorted(scorer):
    verdict, rows = scorer.explain(ARTICLE)
    assert [r[0] for r in rows] != list(FEATURE_NAMES) or len(rows) == len(FEATURE_NAMES)
    assert sorted(r[0] for r in rows) == sorted(FEATURE_NAMES)
    assert [r[2] for r in rows] == sorted((r[2] for r in rows), reverse=True)
    assert all(r[3] for r in rows)
    assert verdict.score == pytest.approx(scorer.score_html(ARTICLE).score)


def test_scoring_does_not_reread_the_model(scorer, monkeypatch, tmp_path):
    import builtins

    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda *a, **k: opened.append(a[0]) or real_open(*a, **k))
    scorer.score_html(ARTICLE)
    assert not opened


def test_features_and_model_do_not_import_scrapy():
    code = "import sys, features, model; from model import Scorer; Scorer.load(); print('scrapy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), url=st.one_of(st.none(), st.text(max_size=60)))
def test_score_html_never_raises_on_arbitrary_bytes(scorer, data, url):
    v = scorer.score_html(data, url=url)
    assert 0.0 < v.score < 1.0
    json.dumps(v.to_dict(), allow_nan=False)
