"""Reading an article file: size, binary and encoding checks, front matter, language.

Front matter is an optional header of `key: value` lines between two `---` lines at
the top of the file (keys: title, published, language, id, source).
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from kg.extract import lang
from kg.errors import DateError, InputError
from kg.model import Article

MAX_BYTES = 5 * 1024 * 1024
COMMON_ENCODINGS = ["utf_16", "utf_32", "cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1250",
                    "iso8859_2", "cp1256", "cp1253", "cp1254", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr"]
SUFFIXES = (".txt", ".md", ".text")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def parse_date(value: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise DateError(f"bad {what} {value!r}: expected YYYY-MM-DD") from None


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "article"


def decode(data: bytes, name: str) -> str:
    """Text of `data`: UTF-8 (with or without BOM), else the encoding charset-normalizer detects."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: binary file, not an article (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    # Only the encodings news text really comes in; an open search picks exotic code pages
    # (mac_latin2 for a Latin-1 page with two accents).
    best = from_bytes(data, cp_isolation=COMMON_ENCODINGS).best() or from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(f"{name}: not text in any encoding that could be detected")
    text = str(best)
    bad = sum(1 for c in text if unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\r\n\t\f")
    if bad > max(2, len(text) // 200):
        raise InputError(f"{name}: binary file, not an article")
    return text


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            meta[k.strip().lower()] = v.strip().strip('"\'')
    return meta, text[m.end():]


def read_text_article(text: str, name: str, *, published: date | None = None, language: str = "auto",
                      article_id: str | None = None) -> Article:
    meta, body = split_front_matter(text)
    body = unicodedata.normalize("NFC", body.replace("\r\n", "\n").replace("\r", "\n"))
    if not body.strip():
        raise InputError(f"{name}: empty article")
    if published is None and meta.get("published"):
        published = parse_date(meta["published"], f"published date in {name}")
    code = language if language != "auto" else meta.get("language", "auto")
    code = lang.detect(body) if code == "auto" else lang.get(code).code
    title = meta.get("title") or next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
    return Article(id=article_id or meta.get("id") or slug(Path(name).stem), text=body, language=code,
                   published=published, title=title, source=meta.get("source") or name)


def read_article(path: str | Path, *, published: date | None = None, language: str = "auto") -> Article:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not an article file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path}: empty file")
    if size > MAX_BYTES:
        raise InputError(f"{path}: too large ({size / 1048576:.1f} MiB; the limit is {MAX_BYTES // 1048576} MiB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return read_text_article(decode(data, str(path)), str(path), published=published, language=language)


def collect(paths: list[str | Path]) -> list[Path]:
    """Article files named by `paths` (folders are searched recursively for .txt/.md)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not f.name.startswith("."))
            if not found:
                raise InputError(f"{p}: no article files (.txt, .md) in this folder")
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return out
