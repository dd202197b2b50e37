"""Reading articles: every input format through one reader that yields `Article`s.

Inputs are chosen by suffix or `--input-format`: plain text and Markdown (with optional
front matter), HTML pages and WARC files (`kg.extract.web`), JSONL and CSV corpora with
one article per row (`kg.extract.corpus`), and standard input (`-`, text or JSONL).  A
folder is searched for these formats only; README-, LICENSE-like and other files are
skipped and counted.  Ids come from `kg.extract.identity`; an article given twice is read
once.

Front matter is an optional header of `key: value` lines between two `---` lines at
the top of a text file (keys: title, published, language, id, url, source).
"""
from __future__ import annotations

import io
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import IO, Iterable, Iterator, Mapping

from kg.extract import corpus, identity, lang, web
from kg.extract.identity import slug  # noqa: F401  (kept importable from here)
from kg.errors import DateError, FormatError, InputError, KGError
from kg.model import Article

MAX_BYTES = 5 * 1024 * 1024
COMMON_ENCODINGS = ["utf_16", "utf_32", "cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1250",
                    "iso8859_2", "cp1256", "cp1253", "cp1254", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr"]
FORMATS = {"text": (".txt", ".md", ".text", ".markdown"), "html": (".html", ".htm", ".xhtml"),
           "jsonl": (".jsonl", ".ndjson"), "csv": (".csv", ".tsv"), "warc": (".warc", ".warc.gz"),
           "parquet": (".parquet",)}
SUFFIXES = FORMATS["text"]
# Files a folder of articles often holds that are not articles (checked on the name's stem)
NOT_ARTICLES = re.compile(r"(readme|licen[cs]e|copying|notice|changelog|changes|history|contributing"
                          r"|authors|code_of_conduct|security|todo)([._-].*)?", re.I)
NO_DATE = ("no publication date (none given, none in the article's metadata): relative dates "
           "such as 'on Monday' are not resolved; give one with --published")
# characters no output format can carry as text (XML 1.0 forbids them): read as a space
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def parse_date(value: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise DateError(f"bad {what} {value!r}: expected YYYY-MM-DD") from None


def published_date(value: str, what: str) -> date:
    """A date given by a page or a corpus row: ISO, with a time after it allowed."""
    value = str(value).strip()
    return parse_date(value[:10] if re.match(r"\d{4}-\d{2}-\d{2}(?:[T ]|$)", value) else value, what)


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
    results = from_bytes(data, cp_isolation=COMMON_ENCODINGS)
    best = results.best() or from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(f"{name}: not text in any encoding that could be detected")
    text = _western(best, results, data) or str(best)
    if best.encoding in ("cp1252", "latin_1", "iso8859_15", "cp1250"):
        text = _euro(text, data)
    bad = sum(1 for c in text if unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\r\n\t\f")
    if bad > max(2, len(text) // 200):
        raise InputError(f"{name}: binary file, not an article")
    return text


# On a tie between cp1250 and cp1252 the letters each reading makes of the bytes where the
# pages differ decide: these are common in their languages and rare read the other way.
CENTRAL_LETTERS = frozenset("řěůőűąłśżźťďňľĺşţŘĚŮŐŰĄŁŚŻŹŤĎŇĽĹŞŢ")
WESTERN_LETTERS = frozenset("àÀãÃòÒèÈåÅæÆ")


def _western(best, results, data: bytes) -> str | None:
    """The Western (cp1252) reading of `data` when the
    detector's Central European page is only a tie with cp1252: charset-normalizer scores
    "São Paulo" read as cp1250 ("Săo Paulo") as high as the right reading, and lists it first."""
    if best.encoding not in ("cp1250", "iso8859_2"):
        return None
    western = next((m for m in results if m.encoding == "cp1252"), None)
    if western is None or western.chaos > best.chaos + 0.01 or western.coherence < best.coherence - 0.01:
        return None
    text, central = str(western), str(best)
    if sum(c in CENTRAL_LETTERS for c in central) > sum(c in WESTERN_LETTERS for c in text):
        return None
    return text


def _euro(text: str, data: bytes) -> str:
    """A currency sign ¤ of a Western reading is the euro sign of iso8859-15 (byte A4)."""
    if "¤" not in text or "€" in text:
        return text
    try:
        return data.decode("iso8859_15")
    except UnicodeDecodeError:
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


def _language(declared: str, body: str, notes: list[str]) -> str:
    if declared == "auto":
        code, warning = lang.identify(body)
        if warning:
            notes.append(warning)
        return code
    code = re.split(r"[-_]", declared.strip().lower(), maxsplit=1)[0]
    if code in lang.READ_AS and code not in lang.available():
        notes.append(f"the article is declared {lang.NAMES.get(code, code)} ({code}), which has no "
                     f"resources; read as {lang.READ_AS[code]}")
        code = lang.READ_AS[code]
    return lang.get(code).code


def make_article(record: Mapping[str, str | None], where: str, relative: str, *,
                 published: date | None = None, language: str = "auto") -> Article:
    """An Article of one record: its text (front matter allowed) and declared metadata.

    `published` and `language` given here (the command's options) win over what the record
    or its front matter declares; `relative` names the input for an id made from its path.
    """
    front, body = split_front_matter(record["text"] or "")
    meta = {k: _CONTROL.sub(" ", v) if isinstance(v, str) else v
            for k, v in {**front, **{k: v for k, v in record.items() if v and k != "text"}}.items()}
    body = unicodedata.normalize("NFC", _CONTROL.sub(" ", body.replace("\r\n", "\n").replace("\r", "\n")))
    if not body.strip():
        raise InputError(f"{where}: empty article")
    notes: list[str] = []
    if published is None and meta.get("published"):
        published = published_date(meta["published"], f"published date in {where}")
    if published is None:
        notes.append(NO_DATE)
    code = _language(language if language != "auto" else meta.get("language") or "auto", body, notes)
    title = meta.get("title") or next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
    url = meta.get("url")
    art_id = identity.article_id(declared=meta.get("id"), url=url, relative=relative, text=body)
    return Article(id=art_id, text=body, language=code, published=published, title=title,
                   source=meta.get("source") or url or where, url=url, notes=tuple(notes))


def read_text_article(text: str, name: str, *, published: date | None = None, language: str = "auto",
                      article_id: str | None = None) -> Article:
    """An article from a string (front matter allowed), named `name` (its id from the name)."""
    art = make_article({"text": text}, name, Path(name).stem, published=published, language=language)
    return replace(art, id=identity.iri_segment(article_id)) if article_id else art


def _read_bytes(path: Path, name: str) -> bytes:
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a folder, not an article file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{name}: empty file")
    if size > MAX_BYTES:
        raise InputError(f"{name}: too large ({size / 1048576:.1f} MiB; the limit is {MAX_BYTES // 1048576} MiB)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None


def read_article(path: str | Path, *, published: date | None = None, language: str = "auto") -> Article:
    """One article file (text or Markdown, or an HTML page by its suffix)."""
    path = Path(path)
    if format_of(path) == "html":
        _read_bytes(path, str(path))
        record = web.read_html(path, str(path), MAX_BYTES)
    else:
        record = {"text": decode(_read_bytes(path, str(path)), str(path))}
    return make_article(record, str(path), _stem(path.name), published=published, language=language)


# ---------------------------------------------------------------------------------------
# Inputs: files, folders and standard input
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """One input: a file (with the path that names it in ids) or standard input."""
    path: Path | None       # None: standard input
    name: str               # as shown in messages
    relative: str           # path from the input root, without suffix
    format: str             # a key of FORMATS, or "auto" (standard input: text or JSONL)
    error: str | None = None    # a folder that could not be read: why


@dataclass
class Summary:
    """Counts of a run over inputs, for the command's summary line."""
    articles: int = 0
    failed: int = 0
    duplicates: int = 0
    undated: int = 0
    skipped: int = 0        # files in folders that are not articles (README, other suffixes)

    def line(self) -> str:
        parts = [f"{n} {what}" for n, what in ((self.duplicates, "duplicate(s) counted once"),
                                                 (self.undated, "without a publication date"),
                                                 (self.skipped, "file(s) skipped in folders"),
                                                 (self.failed, "unreadable")) if n]
        return f"{self.articles} articles" + (f" ({', '.join(parts)})" if parts else "")


@dataclass(frozen=True)
class Item:
    """What the reader yields for each input record: an article, an error, or a duplicate."""
    where: str
    article: Article | None = None
    error: KGError | None = None
    duplicate_of: str | None = None


def _stem(name: str) -> str:
    low = name.lower()
    for suffixes in FORMATS.values():
        for s in sorted(suffixes, key=len, reverse=True):
            if low.endswith(s):
                return name[: -len(s)]
    return Path(name).stem


def format_of(path: Path, given: str | None = None) -> str:
    """The input format of a file: `given`, else by suffix; an unknown suffix is text."""
    if given:
        if given not in FORMATS:
            raise FormatError(f"unknown input format {given!r} (known: {', '.join(FORMATS)})")
        return given
    low = path.name.lower()
    for name, suffixes in FORMATS.items():
        if low.endswith(suffixes):
            return name
    return "text"


def _is_article_file(path: Path, input_format: str | None) -> bool:
    low = path.name.lower()
    suffixes = FORMATS[input_format] if input_format else tuple(s for v in FORMATS.values() for s in v)
    return (low.endswith(suffixes) and not path.name.startswith(".")
            and not NOT_ARTICLES.fullmatch(path.name) and not low.endswith(".gold.json"))


def _walk(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files under `folder`, and the subfolders that could not be read (with why):
    pathlib's rglob skips those without a word."""
    files, unreadable = [], []

    def report(exc: OSError) -> None:
        unreadable.append((Path(exc.filename), exc.strerror or str(exc)))
    for root, _dirs, names in os.walk(folder, onerror=report):
        files.extend(Path(root) / n for n in names)
    return sorted(f for f in files if f.is_file()), sorted(unreadable)


def collect(paths: Iterable[str | Path], input_format: str | None = None,
            summary: Summary | None = None) -> list[Source]:
    """The inputs named by `paths`: files, folders (searched recursively), `-` for stdin."""
    if input_format:
        format_of(Path("-"), input_format)
    out: list[Source] = []
    for given in paths:
        if str(given) == "-":
            out.append(Source(None, "-", "stdin", input_format or "auto"))
            continue
        p = Path(given)
        if p.is_dir():
            files, unreadable = _walk(p)
            out.extend(Source(d, str(d), "", "folder", f"{d}: cannot read this folder ({why})")
                       for d, why in unreadable)
            found = [f for f in files if _is_article_file(f, input_format)]
            if summary is not None:
                summary.skipped += len(files) - len(found)
            if not found and not unreadable:
                shown = ", ".join(FORMATS[input_format] if input_format else
                                  [s for v in FORMATS.values() for s in v])
                raise InputError(f"{p}: no article files ({shown}) in this folder")
            out.extend(Source(f, str(f), _stem(f.relative_to(p).as_posix()), format_of(f, input_format))
                       for f in found)
        elif p.exists():
            out.append(Source(p, str(p), _stem(p.name), format_of(p, input_format)))
        else:
            raise InputError(f"{p}: no such file or folder")
    return out


def _stdin_records(src: Source, columns: Mapping[str, str], stream: IO[bytes] | None):
    stream = stream if stream is not None else sys.stdin.buffer
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    first = text.readline()
    fmt = src.format
    if fmt == "auto":
        try:
            fmt = "jsonl" if isinstance(json.loads(first), dict) else "text"
        except ValueError:
            fmt = "text"
    if fmt == "jsonl":
        yield from corpus.jsonl_records(_chain([first], text), "-", columns)
    elif fmt == "text":
        rest = text.read(MAX_BYTES)
        if not (first + rest).strip():
            raise InputError("-: empty article (nothing on standard input)")
        yield "-", {"text": first + rest}
    else:
        raise InputError(f"-: standard input is read as text or jsonl, not {fmt}")


def _chain(*parts: Iterable[str]) -> Iterator[str]:
    for part in parts:
        yield from part


def _file_records(src: Source, columns: Mapping[str, str]):
    path, name = src.path, src.name
    if src.format == "text":
        yield name, {"text": decode(_read_bytes(path, name), name)}
    elif src.format == "html":
        _read_bytes(path, name)
        yield name, web.read_html(path, name, MAX_BYTES)
    elif src.format == "jsonl":
        with corpus.open_text(path, name) as fh:
            yield from corpus.jsonl_records(fh, name, columns)
    elif src.format == "csv":
        with corpus.open_text(path, name) as fh:
            yield from corpus.csv_records(fh, name, columns, "\t" if name.lower().endswith(".tsv") else ",")
    elif src.format == "parquet":
        yield from corpus.parquet_records(path, name, columns)
    else:
        with open(path, "rb") as fh:
            yield from web.warc_records(fh, name, MAX_BYTES)


def _records(src: Source, columns: Mapping[str, str], stdin: IO[bytes] | None):
    """(where, record or error) of one input; an error that ends the input is the last."""
    if src.error is not None:
        yield src.name, InputError(src.error)
        return
    try:
        if src.path is None:
            yield from _stdin_records(src, columns, stdin)
        else:
            yield from _file_records(src, columns)
    except KGError as exc:
        yield src.name, exc
    except UnicodeDecodeError as exc:
        yield src.name, InputError(f"{src.name}: not UTF-8 text (byte {exc.start}); corpora must be UTF-8")
    except OSError as exc:
        yield src.name, InputError(f"{src.name}: cannot read ({exc.strerror or exc})")


@dataclass
class Options:
    """How to read: the command's --published, --lang, --input-format and --column."""
    published: date | None = None
    language: str = "auto"
    input_format: str | None = None
    columns: dict[str, str] = field(default_factory=dict)


def read_inputs(paths: Iterable[str | Path], options: Options | None = None, *,
                summary: Summary | None = None, stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """Every article of `paths`, one at a time (corpora are streamed), with its identity.

    Yields an Item per record: the article, or the error that record met, or a note that
    it repeats one read before (same URL or same text), which is then not yielded again.
    """
    opts = options or Options()
    summary = summary if summary is not None else Summary()
    yield from read_sources(collect(paths, opts.input_format, summary), opts, summary=summary, stdin=stdin)


def read_sources(sources: Iterable[Source], options: Options | None = None, *,
                 summary: Summary | None = None, stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """`read_inputs` of sources already collected (a partition of a distributed run names
    its file as the user gave it, wherever the worker keeps its copy)."""
    opts = options or Options()
    summary = summary if summary is not None else Summary()
    seen = identity.Seen()
    for src in sources:
        for where, rec in _records(src, opts.columns, stdin):
            if isinstance(rec, KGError):
                summary.failed += 1
                yield Item(where, error=rec)
                continue
            try:
                art = make_article(rec, where, src.relative, published=opts.published, language=opts.language)
            except KGError as exc:
                summary.failed += 1
                yield Item(where, error=exc)
                continue
            first = seen.duplicate(art.url, art.text)
            if first is not None:
                summary.duplicates += 1
                yield Item(where, duplicate_of=first)
                continue
            yield Item(where, article=_claim(seen, art, where))
            summary.articles += 1
            summary.undated += art.published is None


def _claim(seen: identity.Seen, art: Article, where: str) -> Article:
    new_id = seen.claim(art.id, art.url, art.text, where)
    if new_id == art.id:
        return art
    return replace(art, id=new_id, notes=art.notes + (
        f"the id {art.id!r} belongs to another article of this run; this one is {new_id!r}",))
