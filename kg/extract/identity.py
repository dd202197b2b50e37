"""Article identity: one stable id per article, never the same id for two articles.

* an id the input declares (front matter `id:`, an `id` column) is kept, percent-encoded
  where it is not a valid IRI segment;
* else the page's URL gives it: a readable slug of host and path plus a hash of the URL;
* else the path relative to the folder it was found in, plus a short hash of the text, so
  `a/story.txt` and `b/story.txt` are two articles, and the same text is one.

Within a run, `Seen` counts an article that comes again (the same URL, or the same text
once case and spacing are normalised) once, and gives a declared id that two different
articles share a hash suffix, so neither replaces the other.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

HASH_CHARS = 8
SLUG_CHARS = 60


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    s = text
    if not s.isascii():     # an ASCII text has no accents to strip (the resolver slugs every name)
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _NOT_SLUG.sub("-", s.lower()).strip("-")
    return s or "article"


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:HASH_CHARS]


def normalised(text: str) -> str:
    """The text as compared for duplicates: NFC, case-folded, runs of space as one."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def iri_segment(value: str) -> str:
    """`value` as one IRI path segment: unreserved characters kept, the rest percent-encoded."""
    return quote(value.strip(), safe="-._~") or "article"


def from_url(url: str) -> str:
    parts = urlsplit(url.strip())
    readable = slug(f"{parts.hostname or ''} {parts.path}")[:SLUG_CHARS].strip("-")
    return f"{readable}-{short_hash(url.strip())}"


def from_path(relative: str, text: str) -> str:
    """`relative` is the path from the input root without its suffix ("2022/story")."""
    return f"{slug(relative)[:SLUG_CHARS].strip('-')}-{short_hash(normalised(text))}"


def article_id(*, declared: str | None, url: str | None, relative: str, text: str) -> str:
    if declared and declared.strip():
        return iri_segment(declared)
    if url and url.strip():
        return from_url(url)
    return from_path(relative, text)


@dataclass
class Seen:
    """What a run has read so far: ids, URLs and text hashes, each with where it came from."""
    ids: dict[str, str] = field(default_factory=dict)      # id -> text hash
    urls: dict[str, str] = field(default_factory=dict)     # url -> where
    texts: dict[str, str] = field(default_factory=dict)    # text hash -> where

    def duplicate(self, url: str | None, text: str) -> str | None:
        """Where the same article was read before (same URL or same text), else None."""
        if url and url.strip() in self.urls:
            return self.urls[url.strip()]
        return self.texts.get(short_hash(normalised(text)))

    def claim(self, art_id: str, url: str | None, text: str, where: str) -> str:
        """Record an article; returns its id, with a hash suffix if another article has it."""
        digest = short_hash(normalised(text))
        if art_id in self.ids and self.ids[art_id] != digest:
            art_id = f"{art_id}-{digest}"
        self.ids[art_id] = digest
        self.texts.setdefault(digest, where)
        if url and url.strip():
            self.urls.setdefault(url.strip(), where)
        return art_id
