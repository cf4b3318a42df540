"""Word lists and compiled patterns shared by the feature families.

Most patterns here are matched against short, length-capped strings (one visible line, one URL, one anchor
text); the few run over a page's whole text (the spam-vertical phrases, a stock phrase's free occurrences)
only on pages that have their words. All are built from plain alternations and literal words without nested
quantifiers, so no input can make them backtrack catastrophically. Matching is done on lower-cased text.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import count

import numpy as np

# --------------------------------------------------------------------------------------------------------
# Calls to action: the "Read more >> : Cick here" lines that end every teaser of an aggregator page.
# en/de/es/fr as required, and the languages aggregator templates are translated into: it/pt/nl, the
# Nordic, Slavic and other European languages, Turkish, Indonesian/Malay, Vietnamese, Arabic and Hindi.
# Misspellings seen on real spam ("cick here", "clik here", "click hear") are listed explicitly.
CTA_PHRASES = (
    # en
    "read more",
    "read full story",
    "read the full story",
    "read full article",
    "read the full article",
    "read the rest",
    "read in detail",
    "read details",
    "continue reading",
    "keep reading",
    "full story",
    "full article",
    "click here",
    "cick here",
    "clik here",
    "clck here",
    "click hear",
    "klick here",
    "click to read",
    "tap here",
    "see more",
    "learn more",
    "find out more",
    "view more",
    "more info",
    "more details",
    "details here",
    "go to article",
    "go to source",
    "source link",
    "visit site",
    "visit website",
    "watch now",
    "view article",
    "open article",
    "read article",
    "read now",
    # de
    "weiterlesen",
    "weiter lesen",
    "mehr lesen",
    "mehr erfahren",
    "mehr dazu",
    "hier klicken",
    "klicken sie hier",
    "zum artikel",
    "zum vollständigen artikel",
    "ganzen artikel lesen",
    "artikel lesen",
    "jetzt lesen",
    "mehr anzeigen",
    "hier lesen",
    # es
    "leer más",
    "leer mas",
    "seguir leyendo",
    "sigue leyendo",
    "continuar leyendo",
    "haz clic aquí",
    "haz clic aqui",
    "haga clic aquí",
    "haga clic aqui",
    "click aquí",
    "click aqui",
    "clic aquí",
    "clic aqui",
    "ver más",
    "ver mas",
    "más información",
    "mas informacion",
    "leer artículo completo",
    "leer noticia",
    "leer nota completa",
    # fr
    "lire la suite",
    "lire plus",
    "lire l'article",
    "lire l’article",
    "cliquez ici",
    "cliquer ici",
    "en savoir plus",
    "voir plus",
    "suite de l'article",
    "suite de l’article",
    "lire la vidéo",
    # it / pt / nl
    "leggi di più",
    "leggi tutto",
    "continua a leggere",
    "clicca qui",
    "leia mais",
    "continue lendo",
    "clique aqui",
    "saiba mais",
    "lees meer",
    "verder lezen",
    "klik hier",
    "scopri di più",
    "leggi l'articolo",
    "ver mais",
    "continue a ler",
    "lees verder",
    "meer lezen",
    # sv / da / no / fi
    "läs mer",
    "läs vidare",
    "klicka här",
    "læs mere",
    "læs videre",
    "les mer",
    "les videre",
    "klik her",
    "klikk her",
    "lue lisää",
    "klikkaa tästä",
    # ru / uk
    "читать далее",
    "читать дальше",
    "читать полностью",
    "читать еще",
    "читать ещё",
    "подробнее",
    "узнать больше",
    "нажмите здесь",
    "читати далі",
    "читати більше",
    "детальніше",
    "натисніть тут",
    # pl / cs / sk
    "czytaj więcej",
    "czytaj dalej",
    "przeczytaj więcej",
    "zobacz więcej",
    "kliknij tutaj",
    "kliknij tu",
    "číst dál",
    "číst více",
    "klikněte zde",
    "čítať ďalej",
    "čítať viac",
    "kliknite sem",
    # hr / sr / bs, ro, hu, el
    "pročitajte više",
    "opširnije",
    "saznajte više",
    "kliknite ovdje",
    "citește mai mult",
    "citeste mai mult",
    "citește continuarea",
    "află mai multe",
    "click aici",
    "apasă aici",
    "tovább olvasom",
    "olvass tovább",
    "bővebben",
    "kattints ide",
    "kattintson ide",
    "διαβάστε περισσότερα",
    "διαβάστε ακόμα",
    "κάντε κλικ εδώ",
    # tr
    "devamını oku",
    "haberin devamı",
    "daha fazla oku",
    "buraya tıklayın",
    "buraya tıkla",
    # id / ms
    "baca selengkapnya",
    "selengkapnya",
    "lihat selengkapnya",
    "baca lebih lanjut",
    "baca seterusnya",
    "teruskan membaca",
    "klik di sini",
    "klik disini",
    "klik sini",
    # vi
    "xem thêm",
    "xem chi tiết",
    "đọc thêm",
    "đọc tiếp",
    "bấm vào đây",
    "nhấn vào đây",
    # ar, hi
    "اقرأ المزيد",
    "إقرأ المزيد",
    "تابع القراءة",
    "اضغط هنا",
    "انقر هنا",
    "और पढ़ें",
    "आगे पढ़ें",
    "यहां क्लिक करें",
    "यहाँ क्लिक करें",
)

#: A visible line longer than this is prose, never a call to action.
MAX_CTA_LINE_CHARS = 80


def _any_phrase(phrases: tuple[str, ...]) -> str:
    """A regex matching exactly ``phrases`` (as ``"|".join(map(re.escape, phrases))`` does), factored into a
    character trie: "read more|read now" becomes "read\\ (?:more|now)". The regex engine tries its branches
    one by one, so the trie tests a few first characters where the flat list tests every phrase. Only
    whether a pattern matches is ever asked, which does not depend on the order of the branches."""
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# A CTA line *starts* with one of the phrases (after any arrows or punctuation) and may carry decoration:
# "Read more >> : Cick here", "» Weiterlesen", "Click Here to read in detail". The phrase must not run on
# into a longer word. After a letter that is what "\b" says, but a phrase that ends in a combining mark
# ("और पढ़ें") is followed by a "\b" only where a letter follows.
CTA_LINE_RE = re.compile(r"^[\W_]{0,8}(?:" + _any_phrase(CTA_PHRASES) + r")(?!\w)")
#: First words of the phrases: a line starting with another word is not a call to action.
CTA_FIRST_WORDS = frozenset(re.findall(r"[^\W_]+", " ".join(p.split()[0] for p in CTA_PHRASES)))
#: An anchor whose whole text is generic: it says nothing about where it goes.
GENERIC_ANCHOR_RE = re.compile(
    r"^[\W_]{0,8}(?:"
    + _any_phrase(
        (
            *CTA_PHRASES,
            "here",
            "this",
            "link",
            "this link",
            "website",
            "site",
            "hier",
            "aquí",
            "aqui",
            "ici",
            "more",
            "mehr",
            "más",
            "plus",
            "source",
            "quelle",
            "fuente",
        )
    )
    + r")[\W_]{0,8}$"
)

# --------------------------------------------------------------------------------------------------------
# Social networks, by the names a share row prints and by the hosts its links point to.
SOCIAL_NAMES = frozenset(
    """twitter facebook whatsapp telegram pinterest truthsocial gettr linkedin reddit tumblr vkontakte instagram
    tiktok snapchat viber weibo wechat qzone flipboard mastodon bluesky parler rumble messenger xing digg pocket
    mix threads gab vk line odnoklassniki kakaotalk kakaostory zalo hatena mixi plurk""".split()
)
#: "X" alone is an ordinary letter; it counts as a network only written the way share rows write it.
SOCIAL_X_RE = re.compile(r"\btwitter ?\(x\)|\(x\) ?twitter|\bx \(formerly twitter\)|\bx\.com\b")
#: Networks whose name is also a common word count only on lines that name two other networks too.
AMBIGUOUS_SOCIAL_NAMES = frozenset({"pocket", "mix", "threads", "gab", "line", "messenger", "vk"})

#: Registered domains (tldextract's ``top_domain_under_public_suffix``) that belong to social networks, and
#: the hosts of networks whose registered domain also serves other things (``qzone.qq.com`` beside QQ's news,
#: ``share.naver.com`` beside Naver's search and blogs).
SOCIAL_DOMAINS: dict[str, str] = {
    "twitter.com": "twitter",
    "x.com": "twitter",
    "t.co": "twitter",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "fb.me": "facebook",
    "messenger.com": "messenger",
    "whatsapp.com": "whatsapp",
    "wa.me": "whatsapp",
    "t.me": "telegram",
    "telegram.me": "telegram",
    "telegram.org": "telegram",
    "pinterest.com": "pinterest",
    "pin.it": "pinterest",
    "truthsocial.com": "truthsocial",
    "gettr.com": "gettr",
    "linkedin.com": "linkedin",
    "reddit.com": "reddit",
    "tumblr.com": "tumblr",
    "vk.com": "vk",
    "vkontakte.ru": "vk",
    "instagram.com": "instagram",
    "tiktok.com": "tiktok",
    "snapchat.com": "snapchat",
    "viber.com": "viber",
    "weibo.com": "weibo",
    "qzone.qq.com": "qzone",
    "flipboard.com": "flipboard",
    "bsky.app": "bluesky",
    "threads.net": "threads",
    "threads.com": "threads",
    "ok.ru": "odnoklassniki",
    "odnoklassniki.ru": "odnoklassniki",
    "kakao.com": "kakao",
    "zalo.me": "zalo",
    "band.us": "band",
    "share.naver.com": "naver",
    "b.hatena.ne.jp": "hatena",
    "mixi.jp": "mixi",
    "plurk.com": "plurk",
    "xing.com": "xing",
    "digg.com": "digg",
    "getpocket.com": "pocket",
    "mix.com": "mix",
    "line.me": "line",
    "parler.com": "parler",
    "rumble.com": "rumble",
    "gab.com": "gab",
    "youtube.com": "youtube",
    "addtoany.com": "addtoany",
    "sharethis.com": "sharethis",
}
#: URL schemes that open a messenger app directly.
SOCIAL_SCHEMES: dict[str, str] = {
    "whatsapp": "whatsapp",
    "tg": "telegram",
    "viber": "viber",
    "fb-messenger": "messenger",
}
#: A URL that asks a network to share the page (rather than to visit the site's own profile).
SHARE_INTENT_RE = re.compile(
    r"/intent/(?:tweet|post)|/share(?:\.php|/url|/offsite|article)?\b|sharer|/submit\?|/pin/create|"
    r"wa\.me/\?|/send\?(?:phone|text)|whatsapp://send|tg://msg|addtoany|sharethis|/compose\?|"
    r"[?&](?:u|url|text|body)=https?(?:%3a|:)"
)
#: A short line introducing a share row: "Share on : 👇", "Teilen:", "Compartir en".
SHARE_LABEL_RE = re.compile(
    r"^[\W_]{0,4}(?:share(?: this| on| it| via| article| story)?|teilen|jetzt teilen|compartir|comparte|"
    r"partager|partagez|condividi|compartilhe|compartilhar|delen|deel|поделиться|поділитися|udostępnij|sdílet|"
    r"zdieľať|podijeli|distribuie|megosztás|κοινοποίηση|paylaş|bagikan|kongsi|chia sẻ|شارك|शेयर)(?!\w)"
)
#: A line longer than this is prose that happens to name networks, not a share row.
MAX_SHARE_ROW_LINE_CHARS = 200

# --------------------------------------------------------------------------------------------------------
# Links that bounce through the site to somewhere else (link farms, click trackers of made-for-ads pages).
REDIRECT_LINK_RE = re.compile(
    r"/(?:redir(?:ect)?|go|out|goto|click|jump|away|link|track|visit|exit|r)(?:\.php|\.asp|\.cgi|/)?\?|"
    r"[?&](?:url|u|target|dest|destination|redirect|redirect_uri|to|link|goto|out)=(?:https?|%68%74%74%70|www)",
)

# --------------------------------------------------------------------------------------------------------
# Text quality.
#: Stop words of the languages the corpus and the spam templates use; a page in any of them has
#: 30-55% stop words when it is real prose, and far fewer when it is a keyword list.
STOP_WORDS = frozenset(
    # en
    "a about above after again all also am an and any are as at be because been before being below between "
    "both but by can could did do does doing down during each few for from further had has have having he her "
    "here hers him his how i if in into is it its itself just me more most my no nor not now of off on once "
    "only or other our out over own same she should so some such than that the their them then there these "
    "they this those through to too under until up very was we were what when where which while who whom why "
    "will with would you your"
    # de
    " aber alle als also am an auch auf aus bei bin bis bist da damit dann das dass dem den denn der des dich "
    "die dies diese dir doch dort du durch ein eine einem einen einer eines er es etwas für hat hatte ich ihr "
    "im in ist ja jetzt kann kein keine man mich mir mit nach nicht noch nur ob oder sich sie sind so über um "
    "und uns unter vom von vor war wie wir wird wurde zu zum zur"
    # es
    " al algo como con cual cuando de del desde donde el ella ellos en entre era es esta este esto ha hay la "
    "las le les lo los más mas me mi muy no nos o para pero por que qué se sin sobre su sus también tiene un "
    "una uno y ya"
    # fr
    " au aux avec ce ces cette dans des du elle en est et il ils je la le les leur lui mais me même mon ne "
    "nous on ou par pas plus pour qu que qui sa se ses son sont sur ta te tes ton tu un une vos votre vous y"
    # it / pt / nl (short lists; enough to tell prose from keyword lists)
    " che di il non per sono gli della delle nel una anche come ma più perché questo questa é ao às com da "
    "das do dos em mais na nas no nos os para pela pelo por se seu sua um uma de het een en van ik je niet "
    "dat die voor met zijn op aan ook als maar om dan zo naar".split()
)
#: Words (unicode letters/digits), and every CJK/kana/hangul character as a word of its own.
WORD_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W_]+")
#: The characters :data:`WORD_RE` makes one-character words of. Text without any is split by
#: :func:`words_by_line` with ``str.split`` instead of the (several times slower) regex.
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: For ``bytes.translate`` of UTF-8: every ASCII byte that is not a letter, a digit or "\n" becomes a space;
#: the bytes of non-ASCII characters are left alone.
_ASCII_NON_WORD_TO_SPACE = bytes(c if c >= 0x80 or c == 0x0A or chr(c).isalnum() else 0x20 for c in range(256))
#: Non-ASCII characters that are not word characters (punctuation, symbols, emoji, non-ASCII spaces).
_NON_ASCII_NON_WORD_RE = re.compile(r"[^\x00-\x7f\w]")

HASHTAG_RE = re.compile(r"(?<![\w&])#[^\W\d_][\w]{1,60}")
#: Pictographic emoji and the dingbats spam rows decorate themselves with ("👇", "🔥", "➡").
EMOJI_RE = re.compile("[\U0001f300-\U0001faff\U00002600-\U000027bf\U0001f000-\U0001f2ff\u2b50\u2b06\u2b07\u2934\u2935]")
#: Characters that end a sentence in the scripts the corpus holds.
LINE_END_PUNCT = frozenset(".!?…。！？\"'”’»):;")
#: Stock phrases of generated SEO filler and autoblog boilerplate. Phrases are matched on words (see
#: :class:`PhraseIndex`): "(a|b)" is an alternative, "(a|)" an optional word, "#" any number.
FILLER_PHRASES = (
    "in this (article|post|blog post|guide) (we|i) (will|ll)",
    "without further ado",
    "as we all know",
    "the latest trending",
    "listed here the latest",
    "most popular hashtags",
    "let s dive in",
    "lets dive in",
    "in today s (fast paced|digital) world",
    "in todays (fast paced|digital) world",
    "in der heutigen (schnelllebigen|digitalen) welt",
    "en este artículo (te|les|vamos a)",
    "dans cet article (nous allons|je vais|vous allez)",
    "appeared first on",
)
#: Curiosity-gap headline phrases of made-for-ads teaser grids.
CLICKBAIT_PHRASES = (
    "you won t believe",
    "you wont believe",
    "what happened next",
    "doctors (hate|are stunned)",
    "this one (weird|) trick",
    "will (shock|blow|amaze) you",
    "jaw dropping",
    "(is|are) going viral",
    "before it s deleted",
    "the reason (why|) will (shock|surprise|amaze)",
    "# (photos|pics) that will",
    "du wirst nicht glauben",
    "no vas a creer",
    "vous n allez pas croire",
)
#: Parked-domain and lander vocabulary (en/de/es/fr, and it/pt/nl/pl/ru/sv/tr/ja/zh, in which parking and
#: domain-sale services show their landers too). Only what a lander says and an article does not: "related
#: links" or "make an offer" alone also head sidebars and shop pages, and "sponsored links" ("スポンサーリンク")
#: labels a blog's own ads.
PARKED_PHRASES = (
    "domain (name|) (may be|is) for sale",
    "buy this domain",
    "this domain is parked",
    "parked free",
    "related searches",
    "sponsored listings",
    "make an offer (on|for) this domain",
    "inquire about this domain",
    "diese domain (kaufen|steht zum verkauf|ist geparkt)",
    "domain kaufen",
    "dominio (está|) en venta",
    "comprar (este|) dominio",
    "búsquedas relacionadas",
    "ce domaine est à vendre",
    "acheter ce domaine",
    "recherches associées",
    "liens commerciaux",
    "the owner of this domain",
    "(domain|website|site) is for sale",
    "questo dominio (potrebbe essere|è) in vendita",
    "acquista questo dominio",
    "ricerche correlate",
    "este domínio (pode estar|está) à venda",
    "comprar este domínio",
    "pesquisas relacionadas",
    "dit domein is (mogelijk|) te koop",
    "koop dit domein",
    "gerelateerde zoekopdrachten",
    "ta domena (może być|jest) na sprzedaż",
    "kup tę domenę",
    "powiązane wyszukiwania",
    "этот домен (может быть|) (продан|продается|продаётся)",
    "купить (этот|) домен",
    "похожие запросы",
    "domänen är till salu",
    "köp (denna|den här) domän",
    "relaterade sökningar",
    "bu alan adı satılık",
    "alan adını satın al",
    "ilgili aramalar",
    "このドメインは販売中",
    "このドメインを購入",
    "関連検索",
    "此域名(正在出售|出售中|可出售)",
    "购买此域名",
    "相关搜索",
)


def words_by_line(text: str) -> list[list[str]]:
    r"""``[WORD_RE.findall(line) for line in text.split("\n")]``, computed faster.

    Without CJK characters a word is a maximal run of letters and digits (``[^\W_]+``), so turning every
    other character but "\n" into a space (ASCII ones with one ``bytes.translate``, the rarer non-ASCII ones
    with one regex substitution) and splitting on whitespace gives the same words. Text with CJK characters
    goes through :data:`WORD_RE`.
    """
    if _CJK_RE.search(text) is not None:
        findall = WORD_RE.findall
        return [findall(line) for line in text.split("\n")]
    # surrogatepass: a lone surrogate survives the round trip (and is then a non-word character).
    utf8 = text.encode("utf-8", "surrogatepass").translate(_ASCII_NON_WORD_TO_SPACE)
    spaced = _NON_ASCII_NON_WORD_RE.sub(" ", utf8.decode("utf-8", "surrogatepass"))
    return [line.split() for line in spaced.split("\n")]


def _expand(phrase: str) -> list[tuple[str, ...]]:
    """All word sequences a phrase stands for: "a (b|c|) d" -> (a, b, d), (a, c, d), (a, d)."""
    seqs: list[list[str]] = [[]]
    for part in re.findall(r"\([^)]*\)|[^\s()]+", phrase):
        options = part[1:-1].split("|") if part.startswith("(") else [part]
        seqs = [seq + WORD_RE.findall(opt) for seq in seqs for opt in options]
    return [tuple(seq) for seq in seqs if seq]


class PhraseIndex:
    """Counts phrase families in a list of words. Every phrase is at least two words long and is indexed by
    its first two words; the page's word pairs are intersected with the index in one set operation, so a page
    without a candidate pair (most pages) costs little more than that, and only positions that start a
    candidate pair are compared further."""

    def __init__(self, families: dict[str, tuple[str, ...]]) -> None:
        self._by_pair: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        for family, phrases in families.items():
            for phrase in phrases:
                for seq in _expand(phrase.lower()):
                    if len(seq) < 2:
                        raise ValueError(f"phrase {phrase!r} must be at least two words long")
                    self._by_pair.setdefault((seq[0], seq[1]), []).append((seq, family))
        self._pairs = frozenset(self._by_pair)
        #: Second words of the phrases that start with any number ("#").
        self._after_number = frozenset(b for a, b in self._by_pair if a == "#")

    def count(
        self, words: list[str], coded: tuple[dict[str, int], np.ndarray] | None = None, text: str | None = None
    ) -> dict[str, int]:
        """Hits per family in ``words``; ``coded`` is :func:`code_words` of them when the caller has it.

        ``text``, the lower-cased text the words come from, discounts hits inside a hyphenated compound:
        "food-related searches" is no "related searches", though its words are."""
        counts: dict[str, int] = {}
        n = len(words)
        if n < 2:
            return counts
        index, ids = coded if coded is not None else code_words(words)
        # Positions that start a candidate pair, found on the word codes: a pair is coded as a two-digit
        # number in base len(index), so equal codes are equal pairs.
        base = len(index)
        pair_codes = [index[a] * base + index[b] for a, b in self._pairs if a in index and b in index]
        after_number = [index[b] for b in self._after_number if b in index]
        if not pair_codes and not after_number:
            return counts
        starts: set[int] = set()
        if pair_codes:
            page_pairs = ids[:-1] * base + ids[1:]
            wanted = np.sort(np.array(pair_codes, dtype=np.int64))
            found = wanted[np.minimum(np.searchsorted(wanted, page_pairs), len(wanted) - 1)] == page_pairs
            starts.update(np.flatnonzero(found).tolist())
        if after_number:
            is_wanted = np.zeros(base, dtype=bool)
            is_wanted[after_number] = True
            starts.update(i for i in np.flatnonzero(is_wanted[ids[1:]]).tolist() if words[i].isdigit())
        hits: Counter[tuple[tuple[str, ...], str]] = Counter()  # (the words of a phrase found, its family)
        for i in sorted(starts):
            a, b = words[i], words[i + 1]
            key = (a, b) if (a, b) in self._by_pair else ("#", b)
            for seq, family in self._by_pair[key]:
                end = i + len(seq)
                if end <= n and all(
                    t == words[j] or (t == "#" and words[j].isdigit())
                    for j, t in zip(range(i + 2, end), seq[2:], strict=True)
                ):
                    hits[tuple(words[i:end]), family] += 1
                    break
        for (found, family), k in hits.items():
            if text is not None:
                k = min(k, _free_occurrences(found, text))
            if k:
                counts[family] = counts.get(family, 0) + k
        return counts


def _free_occurrences(phrase_words: tuple[str, ...], text: str) -> int:
    """Occurrences of the words in ``text`` that are not part of a hyphenated compound (``x-first`` or
    ``last-x``)."""
    pattern = r"(?<!\w-)" + r"[\W_]*".join(map(re.escape, phrase_words)) + r"(?!-\w)"
    return sum(1 for _ in re.finditer(pattern, text))


def code_words(words: list[str]) -> tuple[dict[str, int], np.ndarray]:
    """Each distinct word's code (0, 1, ... in order of first occurrence) and the code of every word:
    n-grams of codes are counted with numpy instead of as Python tuples."""
    index = dict(zip(dict.fromkeys(words), count()))
    return index, np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))


PHRASES = PhraseIndex({"filler": FILLER_PHRASES, "clickbait": CLICKBAIT_PHRASES, "parked": PARKED_PHRASES})

# --------------------------------------------------------------------------------------------------------
# Page furniture.
#: Labels of paid placements in teaser grids.
SPONSORED_LABEL_RE = re.compile(
    r"^[\W_]{0,4}(?:sponsored(?: content| links?| listings?| results?| stories| posts?)?|"
    r"promoted(?: stories| content)?|gesponserte links|enlaces patrocinados|liens sponsorisés|"
    r"advertisement|anzeige|werbung|publicidad|patrocinado|sponsorisé|publicité|you may like|"
    r"you might also like|recommended for you|around the web|from the web|paid content)[\W_]{0,4}$"
)
#: Hosts of ad networks and of the "around the web" recommendation widgets made-for-ads pages live on.
AD_HOST_RE = re.compile(
    r"googlesyndication|doubleclick|adservice|adnxs|taboola|outbrain|mgid|revcontent|zergnet|"
    r"propellerads|popads|adsterra|media\.net|amazon-adsystem|criteo|pubmatic|rubiconproject|"
    r"adform|smartadserver|yieldmo|teads"
)
#: Inline styles that hide text from the reader but not from a crawler: ``display:none``,
#: ``visibility:hidden``, zero font size or opacity, text indented or positioned off-screen (left or, far
#: out, top), and a box of zero height that clips its content (``height:0;overflow:hidden``; with padding it
#: is the responsive-embed idiom, whose content shows).
HIDDEN_STYLE_RE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em|%)?\s*(?:;|$)|"
    r"text-indent\s*:\s*-\d{3,}|left\s*:\s*-\d{3,}(?:px|em|rem)|top\s*:\s*-\d{4,}(?:px|em|rem)|"
    r"opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)|"
    r"^(?!.*padding)(?=.*overflow\s*:\s*hidden)(?=.*(?<![-\w])(?:max-)?height\s*:\s*0(?:px)?\s*(?:;|!|$))"
)

# --------------------------------------------------------------------------------------------------------
# Spam verticals: what paid and hacked-in links sell. Matched as whole words on the anchor text of links to
# other sites. Only names of the product or service as link sellers phrase them: "casino" and "viagra" are
# rarely a legitimate page's anchor to another site, "slot", "loan", "poker", "escort", "porn" or "bitcoin"
# alone are (a time slot, a news story on student loans, a police escort), so those appear only in the
# selling phrases. en/de/es/fr, a few it/pt/pl/ru phrases, the Indonesian gambling vocabulary ("slot
# gacor", "togel") of the largest hacked-site campaigns, and the Turkish, Vietnamese, Thai, Chinese,
# Japanese and Korean words of the others.
MONEY_ANCHOR_PHRASES = (
    # gambling
    "casino",
    "casinos",
    "kasino",
    "online slots",
    "online slot",
    "slot online",
    "slot gacor",
    "situs slot",
    "judi slot",
    "slot88",
    "slot demo",
    "demo slot",
    "slot machines online",
    "togel",
    "judi online",
    "judi bola",
    "agen judi",
    "bandar togel",
    "bandar judi",
    "sbobet",
    "maxwin",
    "online betting",
    "betting sites",
    "betting site",
    "betting tips",
    "sportsbook",
    "sports betting",
    "bookmaker",
    "bookmakers",
    "online poker",
    "poker online",
    "online roulette",
    "live roulette",
    "baccarat",
    "sportwetten",
    "wettanbieter",
    "freispiele",
    "apuestas deportivas",
    "apuestas online",
    "tragamonedas",
    "paris sportifs",
    "pari sportif",
    "machines à sous",
    # pharma and drugs
    "viagra",
    "cialis",
    "levitra",
    "kamagra",
    "tadalafil",
    "sildenafil",
    "tramadol",
    "xanax",
    "valium",
    "phentermine",
    "oxycodone",
    "modafinil",
    "online pharmacy",
    "pharmacy online",
    "canadian pharmacy",
    "no prescription",
    "without prescription",
    "ohne rezept",
    "sin receta",
    "sans ordonnance",
    "diet pills",
    "weight loss pills",
    "cbd oil",
    "cbd gummies",
    "cbd öl",
    "delta 8",
    "kratom",
    # loans
    "payday loan",
    "payday loans",
    "cash advance",
    "bad credit loans",
    "installment loans",
    "title loans",
    "quick loans",
    "fast loans",
    "instant loans",
    "kredit ohne schufa",
    "sofortkredit",
    "préstamos rápidos",
    "prestamos rapidos",
    "crédito rápido",
    "rachat de crédit",
    # replicas and knock-offs
    "replica watches",
    "replica watch",
    "replica handbags",
    "replica bags",
    "fake rolex",
    "cheap jerseys",
    "cheap nfl jerseys",
    "louis vuitton outlet",
    "michael kors outlet",
    "ugg outlet",
    # adult
    "escort service",
    "escort services",
    "escort girls",
    "escort agency",
    "call girls",
    "adult dating",
    "sex cams",
    "free porn",
    "porn videos",
    "xxx",
    # essays and SEO
    "essay writing service",
    "write my essay",
    "buy essay",
    "buy essays",
    "custom essays",
    "paper writing service",
    "do my homework",
    "buy backlinks",
    "buy followers",
    "buy instagram followers",
    "buy likes",
    # it / pt / pl / ru: the same trades, as hacked-link campaigns write them there
    "casinò online",
    "scommesse online",
    "scommesse sportive",
    "cassino online",
    "apostas esportivas",
    "apostas online",
    "kasyno online",
    "zakłady bukmacherskie",
    "казино",
    "онлайн казино",
    "букмекерская контора",
    "ставки на спорт",
    "займы онлайн",
    "займ на карту",
    "виагра",
    # tr / vi
    "bahis siteleri",
    "canlı bahis",
    "deneme bonusu",
    "kaçak bahis",
    "nhà cái",
    "cá cược",
    "cá độ",
    "đánh bạc",
    "nổ hũ",
    "game bài đổi thưởng",
    "xổ số online",
    "lô đề",
    "tài xỉu",
    "ufabet",
    # money schemes
    "binary options",
    "forex robot",
    "forex signals",
    "bitcoin casino",
    "crypto casino",
    "crypto signals",
)
#: The same trades in Thai, Chinese, Japanese and Korean, which write them run together with the words
#: around them ("สล็อตออนไลน์", "网上赌场", "オンラインカジノ", "온라인카지노"): matched anywhere in an anchor.
MONEY_ANCHOR_UNSPACED = (
    # th
    "สล็อต",
    "บาคาร่า",
    "แทงบอล",
    "เว็บพนัน",
    "พนันออนไลน์",
    "คาสิโน",
    "หวยออนไลน์",
    # zh
    "博彩",
    "赌场",
    "赌博",
    "娱乐城",
    "百家乐",
    "时时彩",
    "六合彩",
    "体育投注",
    "真人娱乐",
    # ja
    "カジノ",
    "スーパーコピー",
    "ブランドコピー",
    "バイアグラ",
    "出会い系",
    # ko
    "카지노",
    "바카라",
    "토토사이트",
    "슬롯사이트",
    "먹튀",
)
#: One of :data:`MONEY_ANCHOR_PHRASES` as whole words.
MONEY_SPACED_RE = re.compile(r"(?<![^\W_])(?:" + _any_phrase(MONEY_ANCHOR_PHRASES) + r")(?![^\W_])")
#: One of :data:`MONEY_ANCHOR_UNSPACED`, anywhere.
MONEY_UNSPACED_RE = re.compile(_any_phrase(MONEY_ANCHOR_UNSPACED))
#: Either, in a lower-cased anchor text. Running text is searched with the two apart: a regex that starts with
#: a look-behind is tried at every position of the text, one that starts with literal characters skips to the
#: positions where a first character occurs. So the spaced phrases are looked for only on a page that has
#: every word of one of them (:data:`MONEY_PHRASE_WORDS`), and the unspaced ones directly.
MONEY_ANCHOR_RE = re.compile(f"{MONEY_SPACED_RE.pattern}|{MONEY_UNSPACED_RE.pattern}")
#: The words (as :data:`WORD_RE` cuts them) of the phrases of :data:`MONEY_ANCHOR_PHRASES`, by first word.
MONEY_PHRASE_WORDS: dict[str, tuple[tuple[str, ...], ...]] = {}
for _words in sorted({tuple(WORD_RE.findall(phrase)) for phrase in MONEY_ANCHOR_PHRASES}):
    MONEY_PHRASE_WORDS[_words[0]] = (*MONEY_PHRASE_WORDS.get(_words[0], ()), _words[1:])
del _words
MONEY_FIRST_WORDS = frozenset(MONEY_PHRASE_WORDS)
