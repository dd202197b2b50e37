"""Checks on SPARQL text before the engine sees it: size, nesting, and remote fetches.

query or update text -> tokens (strings, comments, IRIs and prefixed names kept whole) ->
`check` raises a QueryError for a text that is too large, too deeply nested, or that
makes the engine fetch a URL (`SERVICE`, `LOAD`) not on the allow-list.

Why before the engine: Oxigraph's parser and optimizer recurse over the syntax tree, and a
query nested a few thousand levels deep (`{{{…}}}`, `1+1+…`, `p/p/…`, `OPTIONAL …`
repeated) overflows the stack and kills the process (SIGSEGV), so it has to be refused
before it is parsed.  Why a tokenizer rather than a text search: `SERVICE` inside a
string, a comment or an IRI is harmless, and a naive search would refuse it; the other
way round, the tokenizer keeps escapes in prefixed names (`ex:a\\#b`) and IRIs
(`<http://x/\\u0041>`) whole, so a `#` or a quote there cannot hide a keyword behind it.
pyoxigraph has no parse-only API, so this is the earliest place to look.
"""
from __future__ import annotations

import re
import urllib.parse
from typing import Iterator, NamedTuple

from kg.errors import QueryError

MAX_CHARS = 1_000_000      # characters of one query or update
MAX_DEPTH = 256            # nesting cost (see `depth`); Oxigraph crashes at a few thousand

_IRI = r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>"
_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri>""" + _IRI + r""")
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:(?:[^\s{}()\[\],;<>"'#=!&|+*/^?$@\\]|\\.)*)
  | (?P<comment>\#[^\n\r]*)
  | (?P<word>[A-Za-z_][\w]*)
  | (?P<other>[0-9.,;]+)
  | (?P<op>&&|\|\||!=|<=|>=|\^\^|.)
""", re.X | re.S)

# Tokens that make the parsed tree one level deeper each time they chain in one group:
# operators, path steps, and the group elements that Oxigraph folds into left-deep joins.
_CHAIN_OPS = {"/", "|", "^", "!", "&&", "||", "+", "-", "*", "=", "!=", "<", ">", "<=", ">="}
_CHAIN_WORDS = {"OPTIONAL", "UNION", "MINUS", "FILTER", "BIND", "SERVICE", "GRAPH", "IN", "NOT", "VALUES"}
_OPEN, _CLOSE = "{([", "})]"


class RemoteRefused(QueryError):
    """A SERVICE or LOAD that would fetch from a URL not on the allow-list."""


class Token(NamedTuple):
    kind: str      # string, iri, var, pname, comment, word, other (numbers, punctuation), op
    text: str
    start: int


def tokens(text: str) -> Iterator[Token]:
    """The tokens of `text`, whitespace left out (comments kept: bind skips them)."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "op"
        if kind != "ws":
            yield Token(kind, m.group(), m.start())


def depth(toks: list[Token]) -> int:
    """A bound on the depth of the tree the engine builds: each open bracket adds one, and
    so does each chaining token (operator, path step, OPTIONAL …) in the open groups."""
    stack = [0]
    total = 1                 # len(stack) + sum(stack), kept up to date
    worst = 0
    for kind, text, _ in toks:
        if kind == "op":
            if text in _OPEN:
                stack[-1] += 1
                stack.append(0)
                total += 2
            elif text in _CLOSE:
                if len(stack) > 1:
                    total -= 1 + stack.pop()
                continue
            elif text in _CHAIN_OPS:
                stack[-1] += 1
                total += 1
            else:
                continue
        elif kind == "word" and text.upper() in _CHAIN_WORDS:
            stack[-1] += 1
            total += 1
        else:
            continue
        if total > worst:
            worst = total
    return worst


def remote_targets(toks: list[Token], prefixes: dict[str, str]) -> list[tuple[str, str | None]]:
    """(keyword, IRI) for each `SERVICE` and `LOAD`: the endpoint or document fetched;
    None when it is not a fixed absolute IRI (a variable, an unknown prefix)."""
    declared = dict(prefixes)
    base = ""
    out: list[tuple[str, str | None]] = []
    for i, t in enumerate(toks):
        if t.kind != "word" or len(t.text) not in (4, 6, 7):
            continue
        word = t.text.upper()
        if word not in ("PREFIX", "BASE", "SERVICE", "LOAD"):
            continue
        nxt = [u for u in toks[i + 1:i + 4] if u.kind != "comment"]
        if word == "PREFIX" and len(nxt) >= 2 and nxt[0].kind == "pname" and nxt[1].kind == "iri":
            declared[nxt[0].text[:-1]] = _iri_value(nxt[1].text, base)
        elif word == "BASE" and nxt and nxt[0].kind == "iri":
            base = _iri_value(nxt[0].text, base)
        elif word in ("SERVICE", "LOAD"):
            while nxt and nxt[0].kind == "word" and nxt[0].text.upper() == "SILENT":
                nxt = nxt[1:]
            target = nxt[0] if nxt else None
            iri = None
            if target is not None and target.kind == "iri":
                iri = _iri_value(target.text, base)
            elif target is not None and target.kind == "pname":
                prefix, _, local = target.text.partition(":")
                if prefix in declared:
                    iri = declared[prefix] + re.sub(r"\\(.)", r"\1", local)
            out.append((word, iri if iri and re.match(r"[A-Za-z][\w+.-]*:", iri) else None))
    return out


def _iri_value(token: str, base: str) -> str:
    value = re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})",
                   lambda m: chr(int(m.group(1) or m.group(2), 16)), token[1:-1])
    return urllib.parse.urljoin(base, value) if base else value


def check(text: str, *, prefixes: dict[str, str] | None = None, allow_remote: tuple[str, ...] | None = (),
          max_chars: int = MAX_CHARS, max_depth: int = MAX_DEPTH) -> None:
    """Raise a QueryError unless `text` is small and shallow enough, and fetches only
    allowed URLs: `allow_remote` lists the endpoints `SERVICE` and `LOAD` may name (None:
    any, as a local `kg query` allows; an empty tuple: none, as `kg serve` does by default)."""
    if len(text) > max_chars:
        raise QueryError(f"the query is {len(text)} characters long, over the limit of {max_chars}")
    toks = list(tokens(text))
    d = depth(toks)
    if d > max_depth:
        raise QueryError(f"the query is nested too deeply (depth {d}, the limit is {max_depth}): "
                         "split it, or use VALUES or IN instead of long chains")
    if allow_remote is None:
        return
    allowed = {a.rstrip("/") for a in allow_remote}
    for word, iri in remote_targets(toks, prefixes or {}):
        if iri is None or iri.rstrip("/") not in allowed:
            shown = f"<{iri}>" if iri else "a target that is not a fixed IRI"
            raise RemoteRefused(f"{word} {shown} is refused: this endpoint fetches only from the URLs "
                             "given with --allow-service" + (f" ({', '.join(sorted(allowed))})" if allowed else ""))
