"""Per-page markup choices: class names, tags, links, images, share rows.

Each page draws its own :class:`Markup` so that two pages of one family differ in idioms the way two
sites' templates do; within one page the choices are consistent, as a template's are.
"""

from __future__ import annotations

import random
from urllib.parse import quote

from model.synth import _lexicon as lex
from model.synth._shell import GENERIC_CLASSES, attr, esc
from model.synth._sources import slugify
from model.synth._urls import share_url

#: Probability that an element gets no class attribute at all.
NO_CLASS_RATE = 0.2
#: Probability that a class name is taken from the shell's own classes rather than the generic list.
SHELL_CLASS_RATE = 0.45
_IMG_EXTS = (".jpg", ".jpeg", ".png", ".webp")
#: ``src`` of lazily loaded images, as common lazy-load plugins write it.
_LAZY_PLACEHOLDERS = (
    "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
    "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7",
    "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%3E%3C/svg%3E",
    "/wp-content/plugins/lazy-load/images/1x1.trans.gif",
    "/images/blank.gif",
)


class Markup:
    def __init__(self, rng: random.Random, shell_classes: list[str], *, base: str, domain: str) -> None:
        self.rng = rng
        self._shell_classes = shell_classes or list(GENERIC_CLASSES)
        self._classes: dict[str, str] = {}
        self.base = base  # absolute site root, e.g. https://www.example.org
        self.domain = domain
        self.quote_attrs = '"'

    def cls(self, role: str) -> str:
        """` class="..."` (with the leading space) for a role, stable within the page, or nothing."""
        if role not in self._classes:
            rng = self.rng
            if rng.random() < NO_CLASS_RATE:
                self._classes[role] = ""
            else:
                pool = self._shell_classes if rng.random() < SHELL_CLASS_RATE else GENERIC_CLASSES
                name = rng.choice(pool)
                if rng.random() < 0.3:
                    name = f"{name} {rng.choice(GENERIC_CLASSES)}"
                self._classes[role] = f' class="{attr(name)}"'
        return self._classes[role]

    def a(self, href: str, text: str, *, rel: str | None = None, blank: bool = False, extra: str = "") -> str:
        rel_attr = f' rel="{rel}"' if rel else ""
        target = ' target="_blank"' if blank else ""
        return f'<a href="{attr(href)}"{rel_attr}{target}{extra}>{esc(text)}</a>'

    def img(self, title: str, *, lazy: bool | None = None, host: str | None = None) -> str:
        rng = self.rng
        year, month = rng.randint(2012, 2026), rng.randint(1, 12)
        name = slugify(title, rng.randint(2, 6)) + rng.choice(
            ("", f"-{rng.randint(300, 1200)}x{rng.randint(200, 800)}")
        )
        path = rng.choice(
            (
                f"/wp-content/uploads/{year}/{month:02d}/{name}{rng.choice(_IMG_EXTS)}",
                f"/images/{name}{rng.choice(_IMG_EXTS)}",
                f"/img/{rng.randint(1, 99999)}.jpg",
                f"/media/{year}/{name}.jpg",
            )
        )
        src = f"https://{host}{path}" if host else (self.base + path if rng.random() < 0.5 else path)
        alt = esc(title).replace('"', "&quot;") if rng.random() < 0.8 else ""
        size = (
            f' width="{rng.choice((150, 300, 320, 480, 640))}" height="{rng.choice((100, 180, 200, 270, 360))}"'
            if rng.random() < 0.5
            else ""
        )
        if lazy if lazy is not None else rng.random() < 0.3:
            placeholder = rng.choice(_LAZY_PLACEHOLDERS)
            return f'<img data-src="{attr(src)}" src="{placeholder}" alt="{alt}"{size}>'
        return f'<img src="{attr(src)}" alt="{alt}"{size}>'

    def share_row(self, url: str, lang: str, *, style: str, networks: list[int], label: str) -> str:
        """A share row: ``text`` names, ``links`` to share-intent URLs, or ``icons`` with aria-labels."""
        rng = self.rng
        parts = []
        for k in networks:
            names, template, stem = lex.SHARE_NETWORKS[k]
            name = names[0] if rng.random() < 0.7 else rng.choice(names)
            if style == "text":
                parts.append(esc(name))
            elif style == "links":
                parts.append(
                    self.a(
                        share_url(template, url),
                        name,
                        blank=rng.random() < 0.7,
                        rel="nofollow noopener" if rng.random() < 0.3 else None,
                    )
                )
            else:
                icon = rng.choice(
                    (
                        f'<i class="fa fa-{stem}"></i>',
                        f'<span class="icon-{stem}"></span>',
                        f'<svg class="icon icon-{stem}" aria-hidden="true"><use href="#{stem}"></use></svg>',
                    )
                )
                parts.append(
                    f'<a href="{attr(share_url(template, url))}" aria-label="{attr(name)}" '
                    f'title="{attr(name)}" target="_blank">{icon}</a>'
                )
        sep = " " if style != "text" or rng.random() < 0.7 else rng.choice((" | ", " · ", ", "))
        tag = rng.choice(("div", "div", "p", "ul")) if style != "text" else rng.choice(("div", "p"))
        if tag == "ul":
            inner = "".join(f"<li>{p}</li>" for p in parts)
            return f"<div{self.cls('share')}>{esc(label)}<ul>{inner}</ul></div>"
        br = "<br>" if rng.random() < 0.6 else " "
        return f"<{tag}{self.cls('share')}>{esc(label)}{br}{sep.join(parts)}</{tag}>"

    def hashtag_link(self, tag: str, style: str) -> str:
        if style == "twitter":
            return self.a(f"https://twitter.com/hashtag/{quote(tag)}?src=hash", f"#{tag}")
        if style == "site":
            return self.a(f"/tag/{slugify(tag, 3)}/", f"#{tag}")
        return esc(f"#{tag}")
