"""Date expressions, resolved against the publication date.

"Sabtu (28/1)" -> 2017-01-28, "7–8 Juli" -> 2017-07-07 (a range gives its first day),
"Desember lalu" -> 2016-12, "on Thursday" -> the Thursday before publication (after it
when the clause speaks of the future).  A weekday that contradicts the date it stands
with lowers confidence (`conflict`), it is not silently dropped.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kg.extract.lang import Language


@dataclass(frozen=True)
class DateMention:
    start: int          # token offsets in the sentence
    end: int
    value: str          # ISO date, or YYYY-MM for a month alone
    conflict: bool = False


def _cap(tok: str) -> bool:
    return tok[:1].isupper()


def _num(tok: str, lo: int, hi: int) -> int | None:
    # ASCII only: "¹" and "²" are digits to str.isdigit() but not to int()
    if tok.isascii() and tok.isdigit() and len(tok) <= 4:
        n = int(tok)
        if lo <= n <= hi:
            return n
    return None


def _pick_year(month: int, day: int, pub: date | None, tense: str | None) -> int | None:
    if pub is None:
        return None
    cands = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cands.append(date(y, month, day))
        except ValueError:
            continue
    if not cands:
        return None
    if tense == "past":
        past = [d for d in cands if d <= pub]
        if past:
            return max(past).year
    if tense == "future":
        fut = [d for d in cands if d >= pub]
        if fut:
            return min(fut).year
    return min(cands, key=lambda d: abs((d - pub).days)).year


def _shift(d: date, days: int) -> date:
    """`d` moved by `days`, clamped to date.min and date.max ("yesterday" of 0001-01-01)."""
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def _year(y: int) -> int:
    return min(max(y, date.min.year), date.max.year)


def _iso(y: int | None, m: int, d: int | None) -> str | None:
    if y is None:
        return None
    try:
        return date(y, m, d).isoformat() if d else f"{y:04d}-{m:02d}"
    except ValueError:
        return None


_STARTS: dict[str, frozenset[str]] = {}


def _starts(language: Language) -> frozenset[str]:
    """The words a date expression of `language` can start with, besides a number."""
    got = _STARTS.get(language.code)
    if got is None:
        indexes = (language.relative_to_story, language.relative_days, language.relative_months,
                   language.relative_years)
        got = _STARTS[language.code] = frozenset(language.months).union(
            language.weekdays, *(index.lengths for index in indexes))
    return got


def find(tokens: list[str], low: list[str], language: Language, pub: date | None,
         tense: str | None = None, anchor: date | None = None) -> list[DateMention]:
    """Every date expression in one sentence's tokens.  `anchor`: the last full date an
    earlier sentence gave, what "sehari kemudian" / "the next day" count from."""
    out: list[DateMention] = []
    n = len(tokens)
    months, weekdays = language.months, language.weekdays
    starts = _starts(language)
    i = 0
    while i < n:
        if low[i] not in starts and not low[i][:1].isdigit():
            i += 1          # no date expression starts here
            continue
        start = i
        weekday = None
        if low[i] in weekdays and _cap(tokens[i]):
            weekday = weekdays[low[i]]
            i += 1
            if i < n and tokens[i] == ",":
                i += 1
            if i < n and tokens[i] == "(":
                i += 1
        local_tense = tense
        day = month = year = None
        j = i
        # 28/1 or 28/1/2017
        if j + 2 < n and _num(tokens[j], 1, 31) and tokens[j + 1] == "/" and _num(tokens[j + 2], 1, 12):
            day, month = int(tokens[j]), int(tokens[j + 2])
            j += 3
            if j + 1 < n and tokens[j] == "/" and _num(tokens[j + 1], 1900, 2100):
                year = int(tokens[j + 1])
                j += 2
        # 7 Juli / 7–8 Juli / 7 hingga 8 Juli / 20 January 2017
        elif j < n and _num(tokens[j], 1, 31):
            k = j + 1
            if k + 1 < n and low[k] in language.range_words and _num(tokens[k + 1], 1, 31):
                k += 2
            if k < n and low[k] in months and _cap(tokens[k]):
                day, month = int(tokens[j]), months[low[k]]
                j = k + 1
                if j < n and tokens[j] == ".":
                    j += 1
        # July 7 / July 7-8 / Jan. 20, 2017 / July / Desember lalu
        elif j < n and low[j] in months and _cap(tokens[j]) and not (
                # "May" is a month only after "in", "of", … or before a day number
                low[j] in language.ambiguous_months
                and (j == 0 or low[j - 1] not in language.ambiguous_months[low[j]])
                and not (j + 1 < n and _num(tokens[j + 1], 1, 31))):
            month = months[low[j]]
            j += 1
            if j < n and tokens[j] == ".":
                j += 1
            if j < n and _num(tokens[j], 1, 31) and not (j + 1 < n and tokens[j + 1] in ("/",)):
                day = int(tokens[j])
                j += 1
                if j + 1 < n and low[j] in language.range_words and _num(tokens[j + 1], 1, 31):
                    j += 2
        if month:
            if j < n and tokens[j] == ",":
                if j + 1 < n and _num(tokens[j + 1], 1900, 2100):
                    j += 1
            if year is None and j < n and _num(tokens[j], 1900, 2100):
                year = int(tokens[j])
                j += 1
            if j < n and tokens[j] == ")":
                j += 1
            if j < n and low[j] in language.last_words:
                local_tense, j = "past", j + 1
            elif j < n and low[j] in language.next_words:
                local_tense, j = "future", j + 1
            elif year is None and j < n and pub is not None:
                ry = language.relative_years.match(low, j)     # "September tahun lalu", "May last year"
                if ry:
                    year, j = _year(pub.year + ry[1]), j + ry[0]
            if start > 0 and low[start - 1] in language.last_words:
                local_tense = "past"
            elif start > 0 and low[start - 1] in language.next_words:
                local_tense = "future"
            y = year or _pick_year(month, day or 1, pub, local_tense)
            value = _iso(y, month, day)
            if value:
                conflict = False
                if weekday is not None and day:
                    conflict = date.fromisoformat(value).weekday() != weekday
                out.append(DateMention(start, j, value, conflict))
                i = j
                continue
        if weekday is not None and pub is not None:
            # A weekday alone: the one before publication, or after it in a future clause.
            j = start + 1
            wt, told_next = tense, False
            if j < n and low[j] in language.last_words:
                wt, j = "past", j + 1
            elif j < n and low[j] in language.next_words:
                wt, j, told_next = "future", j + 1, True
            if start > 0 and low[start - 1] in language.last_words:
                wt = "past"
            elif start > 0 and low[start - 1] in language.next_words:
                wt, told_next = "future", True
            if wt == "future":
                # the publication's own weekday is that day ("Abe pada Senin mengecam …, dan
                # berikrar akan …" in a Monday paper) unless the text says "next"
                delta = (weekday - pub.weekday()) % 7 or (7 if told_next else 0)
                d = _shift(pub, delta)
            else:
                delta = (pub.weekday() - weekday) % 7
                d = _shift(pub, -delta)
            out.append(DateMention(start, j, d.isoformat()))
            i = j
            continue
        # days from the story's last date ("sehari kemudian"), or from publication ("kemarin")
        m = base = None
        for index, base in ((language.relative_to_story, anchor), (language.relative_days, pub)):
            m = index.match(low, start) if base is not None else None
            if m:
                break
        if m:
            length, offset = m
            out.append(DateMention(start, start + length, _shift(base, offset).isoformat()))
            i = start + length
            continue
        m = language.relative_months.match(low, start)
        if m and pub is not None:
            length, offset = m
            y, mo = divmod(pub.year * 12 + pub.month - 1 + offset, 12)
            y, mo = (y, mo) if date.min.year <= y <= date.max.year else (_year(y), 0 if y < 1 else 11)
            out.append(DateMention(start, start + length, f"{y:04d}-{mo + 1:02d}"))
            i = start + length
            continue
        if (start > 0 and low[start - 1] in language.year_prepositions and _num(tokens[start], 1900, 2100)
                and len(tokens[start]) == 4):
            out.append(DateMention(start, start + 1, tokens[start]))
            i = start + 1
            continue
        m = language.relative_years.match(low, start)
        if m and pub is not None:
            length, offset = m
            out.append(DateMention(start, start + length, f"{_year(pub.year + offset):04d}"))
            i = start + length
            continue
        i = start + 1
    return out


def last_full_date(mentions: list[DateMention]) -> date | None:
    """The last YYYY-MM-DD date among `mentions` (the anchor of the next sentence), if any."""
    for d in reversed(mentions):
        if len(d.value) == 10:
            try:
                return date.fromisoformat(d.value)
            except ValueError:
                continue
    return None
