"""Web pages in: a saved HTML page, or the HTML responses of a WARC file, as article records.

The main text, title, publication date and canonical URL come from trafilatura (dates by
htmldate): it is made for news pages and removes navigation, related links, share buttons
and comment sections.  It works offline on the bytes given; nothing is downloaded.  The
page's language is what the page declares (`<html lang>`, `Content-Language`, `og:locale`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO, Iterator

from kg.errors import InputError

_LANG = [
    re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I),
    re.compile(rb"<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*?content\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I),
    re.compile(rb"<meta\b[^>]*?property\s*=\s*[\"']?og:locale[\"']?[^>]*?content\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I),
]
# ISO 639-1 codes a page may still use for Indonesian ("in", withdrawn in 1989)
_LANG_ALIASES = {"in": "id", "ind": "id", "eng": "en"}
_DATE_OPTIONS = {"extensive_search": False, "original_date": True}


def declared_language(html: bytes) -> str | None:
    head = html[:65536]
    for pattern in _LANG:
        m = pattern.search(head)
        if m:
            code = m.group(1).decode("ascii").lower()
            return _LANG_ALIASES.get(code, code)
    return None


def page_record(html: bytes, name: str, url: str | None = None) -> dict:
    """{text, title, published, url, language} of an HTML page; text without boilerplate."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, date_extraction_params=_DATE_OPTIONS)
    if doc is None or not (doc.text or "").strip():
        raise InputError(f"{name}: no article text found in the page")
    return {"text": doc.text, "title": doc.title or None, "published": doc.date or None,
            "url": doc.url or url or None, "language": declared_language(html)}


def read_html(path: Path, name: str, max_bytes: int) -> dict:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"{name}: too large ({size / 1048576:.1f} MiB; the limit is {max_bytes // 1048576} MiB)")
    return page_record(path.read_bytes(), name)


def warc_records(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[tuple[str, dict | InputError]]:
    """(where, record or error) for each HTML response in a WARC file, streamed."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for rec in ArchiveIterator(stream):
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in ctype:
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI")
            where = f"{name}: {url}"
            body = rec.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield where, InputError(f"{where}: page too large")
                continue
            try:
                yield where, page_record(body, where, url)
            except InputError as exc:
                yield where, exc
    except ArchiveLoadFailed as exc:
        raise InputError(f"{name}: not a WARC file ({' '.join(str(exc).split())})") from None
