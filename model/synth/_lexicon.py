"""Wording the families draw from, per language (en/de/es/fr).

Only the *framing* of a page lives here (calls to action, share labels, section headers, parked-domain
boilerplate, clickbait templates); every headline, blurb and paragraph comes from the ham records passed
to :func:`model.synth.synthesize`. Misspellings are deliberate: real aggregator spam has them ("Cick here").
"""

from __future__ import annotations

#: Languages with framing wording; pages whose text is in another language use the English framing.
LANGS = ("en", "de", "es", "fr")

TRENDING_HEADERS = {
    "en": (
        "Listed here the latest Trending News",
        "Latest Trending News",
        "Trending Now",
        "Also Trending",
        "Top Stories Today",
        "Hot News Right Now",
        "More Trending News",
        "Today's Viral News",
        "Trending News Today",
        "What Everyone Is Reading",
        "Must Read",
        "Latest Updates",
    ),
    "de": (
        "Aktuelle Trend-News",
        "Das ist gerade im Trend",
        "Meistgelesen heute",
        "Weitere Top-Nachrichten",
        "Trending jetzt",
        "Die neuesten Nachrichten im Überblick",
    ),
    "es": (
        "Últimas noticias en tendencia",
        "Lo más leído hoy",
        "Tendencias de hoy",
        "Noticias destacadas",
        "Lo último en tendencia",
    ),
    "fr": (
        "Les dernières actualités tendance",
        "Tendances du jour",
        "Les plus lus",
        "À ne pas manquer",
        "Actualités en tendance",
    ),
}

CTAS = {
    "en": (
        "Read more >> : Cick here",
        "Read more >> : Click here",
        "Read more >> :",
        "Click here",
        "Cick here",
        "Clik Here",
        "Continue reading",
        "Continue Reading >>",
        "Full story >>",
        "Read full story",
        "Read More",
        "Read more »",
        "Click Here to read in detail",
        "Read the full article here",
        "More >>",
    ),
    "de": (
        "Weiterlesen",
        "Weiterlesen >>",
        "Mehr lesen »",
        "Hier klicken",
        "Zum ganzen Artikel",
        "Weiter lesen ...",
    ),
    "es": (
        "Leer más",
        "Leer mas >>",
        "Seguir leyendo",
        "Haga clic aquí",
        "Haz click aqui",
        "Ver noticia completa",
    ),
    "fr": ("Lire la suite", "Lire la suite >>", "Cliquez ici", "En savoir plus", "Lire l'article complet"),
}

#: Calls to action that ``features.lexicon.CTA_PHRASES`` does not list (a test keeps it so). A quarter of the
#: teaser blocks use one of these: the evidence of an aggregator is one short line stamped under every
#: teaser, whatever it says, and a model that only knew the listed words would miss every template worded
#: otherwise, or written in a language the list lacks.
CTAS_UNLISTED = {
    "en": (
        "Get the full story",
        "Story continues >>",
        "Full details here",
        "The rest of the story >>",
        "Tap to read the story",
        "Go to the news >>",
        "Details inside >>",
        "Watch the video here",
        "Check it out here",
    ),
    "de": ("Alle Details >>", "Zur Meldung", "Hier geht's weiter", "Den ganzen Bericht gibt es hier", "Zum Video >>"),
    "es": ("Nota completa aquí", "Conoce los detalles", "Sigue la historia >>", "Toda la información >>", "Entra aquí"),
    "fr": (
        "Tous les détails ici",
        "La suite ici >>",
        "Découvrir l'article",
        "Voir l'article complet",
        "Accéder à l'article",
    ),
}

#: Ordinary "read more" wording of a legitimate teaser (ham families).
READ_MORE = {
    "en": ("Read more", "More", "Continue reading", "Read the story", "Full story"),
    "de": ("Weiterlesen", "Mehr", "Zum Artikel", "mehr"),
    "es": ("Leer más", "Más", "Seguir leyendo"),
    "fr": ("Lire la suite", "Plus", "Lire l'article"),
}

SHARE_LABELS = {
    "en": ("Share on : 👇", "Share on :", "Share this:", "Share :", "SHARE", "Share on:", "Share 👇"),
    "de": ("Teilen auf : 👇", "Teilen:", "Jetzt teilen", "Artikel teilen"),
    "es": ("Compartir en : 👇", "Compartir:", "Comparte esta noticia"),
    "fr": ("Partager sur : 👇", "Partager :", "Partagez cet article"),
}

#: (display names, share-intent URL template with {u} = URL-encoded page URL, icon class stem).
SHARE_NETWORKS = (
    (("Twitter (X)", "Twitter", "X", "Tweet"), "https://twitter.com/intent/tweet?url={u}", "twitter"),
    (("Facebook", "facebook", "Share"), "https://www.facebook.com/sharer/sharer.php?u={u}", "facebook"),
    (("truthsocial", "Truth Social"), "https://truthsocial.com/share?url={u}", "truth"),
    (("gettr", "GETTR"), "https://gettr.com/share?url={u}", "gettr"),
    (("pinterest", "Pinterest", "Pin it"), "https://pinterest.com/pin/create/button/?url={u}", "pinterest"),
    (("whatsapp", "WhatsApp"), "https://wa.me/?text={u}", "whatsapp"),
    (("telegram", "Telegram"), "https://t.me/share/url?url={u}", "telegram"),
    (("reddit", "Reddit"), "https://www.reddit.com/submit?url={u}", "reddit"),
    (("LinkedIn", "linkedin"), "https://www.linkedin.com/sharing/share-offsite/?url={u}", "linkedin"),
    (("Email", "E-Mail"), "mailto:?body={u}", "envelope"),
)

HASHTAG_HEADERS = {
    "en": (
        "These hashtags listed here are the most popular shared hashtags on {region}",
        "Most popular hashtags on {region}",
        "Trending hashtags in {region} today",
        "Top {region} hashtags right now",
    ),
    "de": ("Die beliebtesten Hashtags in {region}", "Diese Hashtags sind in {region} gerade im Trend"),
    "es": ("Los hashtags más populares en {region}", "Hashtags en tendencia en {region}"),
    "fr": ("Les hashtags les plus populaires en {region}", "Hashtags tendance en {region}"),
}

REGIONS = {
    "en": ("Worldwide", "United States", "United Kingdom", "India", "Canada", "Australia", "Nigeria"),
    "de": ("Deutschland", "Österreich", "der Schweiz", "Europa"),
    "es": ("España", "México", "Argentina", "Colombia", "todo el mundo"),
    "fr": ("France", "Belgique", "Suisse", "Canada", "Afrique"),
}

HASHTAG_FILLER = {
    "en": (
        "{site} is one of the most popular social media platforms, with hundreds of millions of monthly "
        "active users worldwide. One of the most exciting features of {site} is the ability to see what "
        "topics are trending in real-time.",
        "In this article, we will discuss {site} trends, how they work, and how you can use them to your advantage.",
        "What are {site} {region} Trends? {site} {region} trends are a list of topics that are currently "
        "being talked about on the platform and also world. The topics on this list change in real-time.",
        "How Do {site} {region} Trends Work? Trends are generated by an algorithm that analyzes the volume "
        "of posts using a particular hashtag or keyword. When the algorithm detects a sudden increase, it "
        "considers that topic to be trending.",
        "Once a topic is identified as trending, it is added to the list of {region} trends. The topics on "
        "this list are ranked based on their popularity, with the most popular topics appearing at the top.",
        "Trends can be filtered by location or category, allowing users to see what topics are trending in "
        "their area. Additionally, users can click on a trending topic to see all of the posts using it.",
        "Stay up to date with the latest trending news and viral stories from {region}. We update this "
        "list every hour so you never miss what people are talking about.",
    ),
    "de": (
        "{site} ist eine der beliebtesten Plattformen der Welt. Hier sehen Sie, welche Themen in {region} "
        "gerade im Trend liegen.",
        "In diesem Artikel erklären wir, wie die Trends auf {site} funktionieren und wie Sie sie nutzen.",
        "Die Trends werden von einem Algorithmus ermittelt, der die Anzahl der Beiträge zu einem Hashtag "
        "oder Stichwort auswertet. Die Liste wird ständig aktualisiert.",
    ),
    "es": (
        "{site} es una de las redes sociales más populares del mundo. Aquí puedes ver qué temas son "
        "tendencia en {region} en tiempo real.",
        "En este artículo hablaremos de las tendencias de {site}, cómo funcionan y cómo aprovecharlas.",
        "Las tendencias se generan mediante un algoritmo que analiza el volumen de publicaciones con un "
        "hashtag o palabra clave concreta.",
    ),
    "fr": (
        "{site} est l'un des réseaux sociaux les plus populaires au monde. Découvrez les sujets tendance "
        "en {region} en temps réel.",
        "Dans cet article, nous allons voir comment fonctionnent les tendances {site} et comment les utiliser.",
        "Les tendances sont calculées par un algorithme qui analyse le volume de publications utilisant un "
        "hashtag ou un mot-clé.",
    ),
}

SOCIAL_SITES = ("Twitter (X)", "Twitter", "X", "TikTok", "Instagram", "Google", "YouTube")

PARKED = {
    "en": {
        "sale": (
            "This domain may be for sale!",
            "This domain is for sale",
            "Buy this domain",
            "The domain owner may be interested in selling it.",
            "Make an offer on this domain",
            "Inquire about this domain",
        ),
        "related": (
            "Related searches",
            "Related Searches",
            "Related Links",
            "Top Searches",
            "Popular Categories",
        ),
        "sponsored": ("Sponsored Listings", "Sponsored Links", "Ads", "Sponsored results"),
        "welcome": ("Welcome to {domain}", "{domain}", "{domain} - Coming soon", "{domain} is parked free"),
        "footer": ("Privacy Policy", "Terms of Use", "Disclaimer", "Contact"),
        "search": ("Search", "Search here", "Go"),
    },
    "de": {
        "sale": (
            "Diese Domain steht zum Verkauf!",
            "Die Domain kaufen",
            "Diese Domain kann erworben werden.",
            "Jetzt Angebot abgeben",
        ),
        "related": ("Ähnliche Suchanfragen", "Verwandte Suchen", "Beliebte Kategorien"),
        "sponsored": ("Gesponserte Links", "Anzeigen", "Werbung"),
        "welcome": ("Willkommen bei {domain}", "{domain}", "{domain} - Hier entsteht eine neue Website"),
        "footer": ("Datenschutz", "Impressum", "Kontakt"),
        "search": ("Suchen", "Suche"),
    },
    "es": {
        "sale": ("¡Este dominio puede estar a la venta!", "Comprar este dominio", "Dominio en venta"),
        "related": ("Búsquedas relacionadas", "Enlaces relacionados", "Categorías populares"),
        "sponsored": ("Enlaces patrocinados", "Anuncios"),
        "welcome": ("Bienvenido a {domain}", "{domain}", "{domain} - Próximamente"),
        "footer": ("Política de privacidad", "Aviso legal", "Contacto"),
        "search": ("Buscar",),
    },
    "fr": {
        "sale": ("Ce domaine est peut-être à vendre !", "Acheter ce domaine", "Nom de domaine à vendre"),
        "related": ("Recherches associées", "Liens associés", "Catégories populaires"),
        "sponsored": ("Liens sponsorisés", "Annonces"),
        "welcome": ("Bienvenue sur {domain}", "{domain}", "{domain} - Bientôt en ligne"),
        "footer": ("Confidentialité", "Mentions légales", "Contact"),
        "search": ("Rechercher", "Chercher"),
    },
}

#: Commercial modifiers spliced into keyword phrases (directories, farms, doorways, parked searches).
KEYWORD_MODIFIERS = {
    "en": ("best", "cheap", "buy", "online", "free", "top", "discount", "review", "2024", "near me", "deals"),
    "de": ("günstig", "kaufen", "online", "beste", "kostenlos", "Test", "Angebote", "2024", "Vergleich"),
    "es": ("barato", "comprar", "online", "mejor", "gratis", "ofertas", "2024", "precio"),
    "fr": ("pas cher", "acheter", "en ligne", "meilleur", "gratuit", "avis", "2024", "promo"),
}

DIRECTORY = {
    "en": {
        "title": (
            "Web Directory",
            "Link Directory",
            "Business Directory",
            "Free Web Directory",
            "Site Directory",
        ),
        "cats": ("Categories", "Browse Categories", "Directory Categories", "Top Categories"),
        "submit": ("Submit your site", "Add URL", "Submit Link", "Add your website"),
        "new": ("Latest Listings", "New Links", "Featured Sites", "Recently Added"),
    },
    "de": {
        "title": ("Webkatalog", "Linkverzeichnis", "Branchenverzeichnis", "Webverzeichnis"),
        "cats": ("Kategorien", "Rubriken", "Alle Kategorien"),
        "submit": ("Eintrag hinzufügen", "Webseite eintragen", "Link eintragen"),
        "new": ("Neue Einträge", "Top-Einträge", "Zuletzt hinzugefügt"),
    },
    "es": {
        "title": ("Directorio web", "Directorio de enlaces", "Directorio de empresas"),
        "cats": ("Categorías", "Todas las categorías"),
        "submit": ("Añadir sitio", "Enviar enlace", "Agregar web"),
        "new": ("Últimos enlaces", "Sitios destacados"),
    },
    "fr": {
        "title": ("Annuaire web", "Annuaire de liens", "Annuaire gratuit"),
        "cats": ("Catégories", "Toutes les catégories"),
        "submit": ("Proposer un site", "Ajouter un lien", "Inscrire votre site"),
        "new": ("Derniers sites ajoutés", "Sites à la une"),
    },
}

LINK_BLOCK_HEADERS = {
    "en": (
        "Partners",
        "Our Partners",
        "Friends",
        "Useful Links",
        "Blogroll",
        "Links",
        "Resources",
        "Sponsors",
    ),
    "de": ("Partner", "Unsere Partner", "Freunde", "Nützliche Links", "Linktipps", "Empfehlungen"),
    "es": ("Socios", "Amigos", "Enlaces de interés", "Enlaces útiles", "Patrocinadores"),
    "fr": ("Partenaires", "Nos partenaires", "Amis", "Liens utiles", "Sites amis"),
}

CLICKBAIT = {
    "en": (
        "You Won't Believe What {name} Looks Like Now",
        "Doctors Hate This One Simple Trick",
        "{n} Photos That Will Make You Look Twice",
        "{n} Celebrities Who Quietly Left Hollywood",
        "This Is Why You Should Never Ignore {thing}",
        "{name}'s Net Worth Will Leave You Speechless",
        "The #{n} Reason Nobody Talks About {thing}",
        "She Tried {thing} For {n} Days. Here's What Happened",
        "{n} Things You Didn't Know About {thing}",
        "Experts Are Stunned By This {thing} Discovery",
        "Here's What {thing} Really Costs In {year}",
        "What Happened To {name}? The Truth Finally Revealed",
    ),
    "de": (
        "Sie werden nicht glauben, wie {name} heute aussieht",
        "{n} Fotos, die Sie zweimal hinsehen lassen",
        "Ärzte hassen diesen einfachen Trick",
        "{n} Dinge, die Sie über {thing} nicht wussten",
        "Darum sollten Sie {thing} niemals ignorieren",
    ),
    "es": (
        "No creerás cómo luce {name} ahora",
        "{n} fotos que te harán mirar dos veces",
        "Los médicos odian este sencillo truco",
        "{n} cosas que no sabías sobre {thing}",
    ),
    "fr": (
        "Vous ne croirez jamais à quoi ressemble {name} aujourd'hui",
        "{n} photos qui vont vous faire regarder deux fois",
        "Les médecins détestent cette astuce simple",
        "{n} choses que vous ignoriez sur {thing}",
    ),
}

#: Curiosity-gap teasers of the recommendation widgets (Taboola, Outbrain) under legitimate articles, in
#: the wording such widgets use; ``{thing}``: a word from another page's title.
WIDGET_BAIT = {
    "en": (
        "You Won't Believe What This {thing} Looks Like Now",
        "{thing}: Here's What Happened Next",
        "Doctors Are Stunned By This {thing} Discovery",
        "This One Weird Trick For {thing} Is Going Viral",
        "What This {thing} Did Next Will Shock You",
        "{thing} Photos That Will Blow Your Mind",
    ),
    "de": ("Du wirst nicht glauben, was aus diesem {thing} wurde", "{thing}: Dieses Video geht viral"),
    "es": ("No vas a creer cómo luce este {thing} ahora", "{thing}: lo que pasó después te sorprenderá"),
    "fr": ("Vous n'allez pas croire ce que ce {thing} est devenu", "{thing} : la suite va vous étonner"),
}

SPONSORED_HEADERS = {
    "en": ("Sponsored content", "You may like", "Promoted Stories", "Recommended for you", "Around the Web"),
    "de": ("Anzeige", "Das könnte Sie auch interessieren", "Gesponsert", "Empfohlen"),
    "es": ("Contenido patrocinado", "Te puede interesar", "Recomendado para ti"),
    "fr": ("Contenu sponsorisé", "Vous aimerez aussi", "Recommandé pour vous"),
}

AD_LABELS = {
    "en": ("Advertisement", "ADVERTISEMENT", "Sponsored", "Ad"),
    "de": ("Anzeige", "Werbung", "ANZEIGE"),
    "es": ("Publicidad", "Anuncio", "PUBLICIDAD"),
    "fr": ("Publicité", "Annonce", "PUBLICITÉ"),
}

NEXT_PAGE = {
    "en": ("Next page >>", "Next >>", "Continue >>", "Next Page", "Click Next to continue"),
    "de": ("Nächste Seite >>", "Weiter >>", "Nächste Seite"),
    "es": ("Página siguiente >>", "Siguiente >>", "Siguiente página"),
    "fr": ("Page suivante >>", "Suivant >>", "Page suivante"),
}

PAGE_OF = {
    "en": "Page {i} of {n}",
    "de": "Seite {i} von {n}",
    "es": "Página {i} de {n}",
    "fr": "Page {i} sur {n}",
}

SOURCE_LINES = {
    "en": ("Source:", "Originally published at", "Source link", "Via:", "Read the original at"),
    "de": ("Quelle:", "Zuerst erschienen bei", "Originalartikel:"),
    "es": ("Fuente:", "Publicado originalmente en", "Vía:"),
    "fr": ("Source :", "Publié à l'origine sur", "Via :"),
}

RELATED = {
    "en": (
        "Related posts",
        "Related Posts",
        "You may also like",
        "Related Articles",
        "More from this category",
    ),
    "de": ("Ähnliche Beiträge", "Das könnte dich auch interessieren", "Verwandte Artikel"),
    "es": ("Entradas relacionadas", "Artículos relacionados", "También te puede interesar"),
    "fr": ("Articles similaires", "À lire aussi", "Articles liés"),
}

TAGS = {
    "en": ("Tags:", "Tags", "Tag cloud", "Popular tags", "Topics"),
    "de": ("Schlagwörter:", "Tags:", "Themen"),
    "es": ("Etiquetas:", "Tags:", "Temas"),
    "fr": ("Mots-clés :", "Tags :", "Thèmes"),
}

SECTIONS = {
    "en": (
        "News",
        "World",
        "Politics",
        "Business",
        "Sports",
        "Culture",
        "Tech",
        "Science",
        "Health",
        "Opinion",
    ),
    "de": (
        "Politik",
        "Wirtschaft",
        "Sport",
        "Kultur",
        "Panorama",
        "Wissen",
        "Digital",
        "Regional",
        "Meinung",
    ),
    "es": ("Nacional", "Internacional", "Economía", "Deportes", "Cultura", "Tecnología", "Opinión"),
    "fr": ("Politique", "International", "Économie", "Sport", "Culture", "Sciences", "Société", "Opinions"),
}

FORUM = {
    "en": {
        "wrote": "{user} wrote:",
        "quote": ("Quote", "Reply with quote"),
        "reply": ("Reply", "Post Reply"),
        "posts": "Posts: {n}",
        "joined": "Joined: {date}",
        "page": "Page {i} of {n}",
        "prev": "Previous",
        "next": "Next",
    },
    "de": {
        "wrote": "{user} schrieb:",
        "quote": ("Zitieren", "Zitat"),
        "reply": ("Antworten", "Neue Antwort"),
        "posts": "Beiträge: {n}",
        "joined": "Registriert: {date}",
        "page": "Seite {i} von {n}",
        "prev": "Zurück",
        "next": "Weiter",
    },
    "es": {
        "wrote": "{user} escribió:",
        "quote": ("Citar",),
        "reply": ("Responder",),
        "posts": "Mensajes: {n}",
        "joined": "Registrado: {date}",
        "page": "Página {i} de {n}",
        "prev": "Anterior",
        "next": "Siguiente",
    },
    "fr": {
        "wrote": "{user} a écrit :",
        "quote": ("Citer",),
        "reply": ("Répondre",),
        "posts": "Messages : {n}",
        "joined": "Inscrit le : {date}",
        "page": "Page {i} sur {n}",
        "prev": "Précédent",
        "next": "Suivant",
    },
}

DOCS = {
    "en": ("Table of Contents", "Contents", "Documentation", "Guide", "API Reference", "Index"),
    "de": ("Inhaltsverzeichnis", "Inhalt", "Dokumentation", "Handbuch"),
    "es": ("Índice", "Contenido", "Documentación", "Guía"),
    "fr": ("Sommaire", "Table des matières", "Documentation", "Guide"),
}

PREV_NEXT = {
    "en": ("« Previous", "Next »"),
    "de": ("« Zurück", "Weiter »"),
    "es": ("« Anterior", "Siguiente »"),
    "fr": ("« Précédent", "Suivant »"),
}

COPYRIGHT = {
    "en": "© {year} {site}. All rights reserved.",
    "de": "© {year} {site}. Alle Rechte vorbehalten.",
    "es": "© {year} {site}. Todos los derechos reservados.",
    "fr": "© {year} {site}. Tous droits réservés.",
}

#: Stop words used to guess a page's language when <html lang> is missing, and to pick keywords.
STOPWORDS = {
    "en": frozenset(
        "the and of to in is that for it with as was on be are by this have from or at not but an they "
        "which you were his her their has more will would can about".split()
    ),
    "de": frozenset(
        "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an "
        "werden aus er hat dass sie nach wird bei einer um am sind noch wie".split()
    ),
    "es": frozenset(
        "de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o "
        "este ha sí porque esta entre cuando muy sin sobre".split()
    ),
    "fr": frozenset(
        "de la le et les des en du un une est que pour dans qui par sur au pas plus ne se ce il avec "
        "sont aux son elle mais ou nous vous leur été".split()
    ),
}

#: Fallback words for invented domain names when the ham records carry no URLs.
DOMAIN_WORDS = (
    "daily",
    "news",
    "trend",
    "viral",
    "media",
    "world",
    "post",
    "times",
    "hub",
    "today",
    "buzz",
    "report",
    "online",
    "info",
    "zone",
    "star",
    "press",
    "live",
    "point",
    "digest",
    "wire",
    "global",
    "smart",
    "plus",
)

#: Anchors of paid and hacked-in links, as link sellers write them: the spam verticals (gambling, pharma,
#: loans, replicas, adult, essays, followers), with the geographic and "best"/"cheap" trimmings of real
#: campaigns. Indonesian gambling anchors ("slot gacor", "togel") are used with every language, as the
#: campaigns that plant them do. Some are deliberately outside the feature lexicon (``features.lexicon``):
#: real campaigns use words no list has, and the model must not rely on the words alone.
MONEY_KEYWORDS = {
    "en": (
        "best online casino",
        "online casino real money",
        "new online casinos",
        "free spins no deposit",
        "no deposit bonus",
        "online slots",
        "real money pokies",
        "sports betting tips",
        "best betting sites",
        "bitcoin casino",
        "buy cialis online",
        "cheap viagra",
        "generic levitra",
        "buy tramadol without prescription",
        "canadian pharmacy",
        "online pharmacy no prescription",
        "cbd oil for sale",
        "best cbd gummies",
        "weight loss pills",
        "payday loans online",
        "bad credit loans",
        "fast cash loans",
        "installment loans",
        "replica watches",
        "rolex replica",
        "cheap nfl jerseys",
        "louis vuitton outlet",
        "essay writing service",
        "write my essay",
        "buy essays online",
        "do my homework",
        "buy instagram followers",
        "buy tiktok likes",
        "escort service",
        "call girls",
        "adult dating",
        "forex signals",
        "binary options",
        "crypto trading bot",
    ),
    "id": (
        "slot gacor",
        "slot gacor hari ini",
        "situs slot online",
        "link slot gacor",
        "slot88",
        "slot demo",
        "rtp slot",
        "bonus new member",
        "togel online",
        "bandar togel",
        "judi bola",
        "agen sbobet",
        "slot maxwin",
        "situs toto",
    ),
    "de": (
        "online casino echtgeld",
        "casino bonus ohne einzahlung",
        "freispiele ohne einzahlung",
        "sportwetten bonus",
        "beste wettanbieter",
        "viagra ohne rezept",
        "cialis kaufen",
        "kredit ohne schufa",
        "sofortkredit",
        "cbd öl kaufen",
        "replica uhren",
    ),
    "es": (
        "casino online",
        "mejores casinos online",
        "apuestas deportivas",
        "tragamonedas gratis",
        "comprar viagra sin receta",
        "préstamos rápidos",
        "créditos sin aval",
        "relojes réplica",
    ),
    "fr": (
        "casino en ligne",
        "meilleur casino en ligne",
        "paris sportifs",
        "machines à sous gratuites",
        "viagra sans ordonnance",
        "acheter cialis",
        "rachat de crédit",
        "prêt rapide",
    ),
}

#: Headers of a blog post's comment section ("{n}" is the number of comments, "{title}" the post's).
COMMENT_HEADERS = {
    "en": ("{n} Comments", "{n} Responses", "{n} thoughts on “{title}”", "Comments ({n})", "{n} Replies"),
    "de": ("{n} Kommentare", "{n} Gedanken zu „{title}“", "Kommentare ({n})"),
    "es": ("{n} comentarios", "{n} respuestas a «{title}»", "Comentarios ({n})"),
    "fr": ("{n} commentaires", "{n} réflexions sur « {title} »", "Commentaires ({n})"),
}
COMMENT_REPLY = {"en": "Reply", "de": "Antworten", "es": "Responder", "fr": "Répondre"}
COMMENT_SAYS = {"en": "says:", "de": "sagt:", "es": "dice:", "fr": "dit :"}
#: The praise of automated comment spam: it fits any post, so it says nothing about this one. (Real readers
#: write much the same under posts they like, so no feature counts it: see docs/SYNTH.md.)
COMMENT_PRAISE = {
    "en": (
        "Great post! Thanks for sharing.",
        "Very informative article, thank you.",
        "Thanks for sharing this useful information.",
        "I really enjoyed reading this post, keep up the good work!",
        "Nice article, I have bookmarked your site.",
        "This is a great blog post, very helpful.",
        "Wow, awesome blog layout! How long have you been blogging for?",
        "Hi there, I found your blog via Google and it is really informative.",
        "I have been browsing online more than three hours today, yet I never found any interesting article "
        "like yours.",
        "Excellent post. Keep writing such kind of info on your blog.",
        "Thank you for the good writeup. It in fact was an amusement account it.",
        "Hello! I just wanted to say that I love your content.",
        "Your article helped me a lot, is there any more related content?",
        "I like the valuable info you provide in your articles.",
        "Appreciate it! A lot of tips.",
        "Hey very nice website!! Man .. Beautiful .. Amazing ..",
    ),
    "de": (
        "Toller Beitrag, danke fürs Teilen!",
        "Sehr informativer Artikel, vielen Dank.",
        "Super Artikel, weiter so!",
        "Danke für die hilfreichen Informationen.",
        "Ich habe Ihren Blog zu meinen Lesezeichen hinzugefügt.",
        "Vielen Dank für diesen tollen Beitrag.",
    ),
    "es": (
        "¡Excelente artículo! Gracias por compartir.",
        "Muy buen post, muy informativo.",
        "Gracias por compartir esta información tan útil.",
        "Me encantó tu artículo, sigue así.",
        "Muy interesante, gracias por la información.",
    ),
    "fr": (
        "Super article, merci pour le partage !",
        "Très bon article, très instructif.",
        "Merci pour ces informations utiles.",
        "J'ai beaucoup aimé votre article, continuez comme ça.",
        "Article très intéressant, merci beaucoup.",
    ),
}
