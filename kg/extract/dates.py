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


def _day(tok: str, language: Language) -> int | None:
    """A day of the month, with the language's ordinal ending or none: "28", "28th"."""
    for suffix in language.day_suffixes:
        if tok.lower().endswith(suffix) and tok[:-len(suffix)].isdigit():
            return _num(tok[:-len(suffix)], 1, 31)
    return _num(tok, 1, 31)


def _pick_year(month: int, day: int, pub: date | None, tense: str | None, weekday: int | None = None) -> int | None:
    """The year of a day and month written without one: the tense's side of publication, else
    the nearest.  A weekday written with a date a month or more away ("Selasa (25/8)" in a
    March paper) picks the year it fits; near publication a wrong weekday is a slip."""
    if pub is None:
        return None
    cands = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cands.append(date(y, month, day))
        except ValueError:
            continue
    year = _year_by_tense(cands, pub, tense)
    fitting = [d for d in cands if d.weekday() == weekday] if weekday is not None else []
    if year is not None and len(fitting) == 1 and abs((date(year, month, day) - pub).days) > 31:
        return fitting[0].year
    return year


def _year_by_tense(cands: list[date], pub: date, tense: str | None) -> int | None:
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


def _said_before(low: list[str], language: Language, start: int) -> str | None:
    """"past" or "future" when the word before `start` says so: "last Monday", "next July"."""
    if start > 0 and low[start - 1] in language.last_words:
        return "past"
    if start > 0 and low[start - 1] in language.next_words:
        return "future"
    return None


def _weekday_before_date(tokens: list[str], low: list[str], language: Language,
                         i: int) -> tuple[int | None, int]:
    """The weekday that opens a date and where the date itself starts: "Sabtu (28/1)",
    "Thursday, Jan. 20"; (None, i) when no weekday stands at i."""
    weekdays = language.weekdays
    if not (low[i] in weekdays and _cap(tokens[i])):
        return None, i
    n = len(tokens)
    weekday = weekdays[low[i]]
    i += 1
    if i < n and tokens[i] == ",":
        i += 1
    if i < n and tokens[i] == "(":
        i += 1
    return weekday, i


_DayMonth = tuple[int | None, int, int | None, int]     # day, month, year, end


def _numeric_day_month(tokens: list[str], j: int) -> _DayMonth | None:
    """A day and month in figures, with the year or without: "(28/1)", "28/1/2017"."""
    n = len(tokens)
    if not (j + 2 < n and _num(tokens[j], 1, 31) and tokens[j + 1] == "/" and _num(tokens[j + 2], 1, 12)):
        return None
    day, month, year = int(tokens[j]), int(tokens[j + 2]), None
    j += 3
    if j + 1 < n and tokens[j] == "/" and _num(tokens[j + 1], 1900, 2100):
        year = int(tokens[j + 1])
        j += 2
    return day, month, year, j


def _day_month_name(tokens: list[str], low: list[str], language: Language, j: int) -> _DayMonth | None:
    """A day before a month name, or a range of days (its first): "7 Juli", "7–8 Juli",
    "7 hingga 8 Juli"; "20 January 2017" (the year is the tail's)."""
    n = len(tokens)
    if not (j < n and _day(tokens[j], language)):
        return None
    k = j + 1
    if k + 1 < n and low[k] in language.range_words and _num(tokens[k + 1], 1, 31):
        k += 2
    months = language.months
    if not (k < n and low[k] in months and _cap(tokens[k])):
        return None
    day, month = _day(tokens[j], language), months[low[k]]
    j = k + 1
    if j < n and tokens[j] == ".":
        j += 1
    return day, month, None, j


def _month_name_day(tokens: list[str], low: list[str], language: Language, j: int) -> _DayMonth | None:
    """A month name, then perhaps a day or a range of days: "Desember", "Desember lalu" (the
    "lalu" is the tail's); "July 7", "July 7-8", "Jan. 20, 2017".  "May" is a month only
    after "in", "of", … or before a day number."""
    n = len(tokens)
    months = language.months
    if not (j < n and low[j] in months and _cap(tokens[j])):
        return None
    ambiguous = language.ambiguous_months
    if (low[j] in ambiguous and (j == 0 or low[j - 1] not in ambiguous[low[j]])
            and not (j + 1 < n and _day(tokens[j + 1], language))):
        return None
    day, month = None, months[low[j]]
    j += 1
    if j < n and tokens[j] == ".":
        j += 1
    if j < n and _day(tokens[j], language) and not (j + 1 < n and tokens[j + 1] in ("/",)):
        day = _day(tokens[j], language)
        j += 1
        if j + 1 < n and low[j] in language.range_words and _num(tokens[j + 1], 1, 31):
            j += 2
    return day, month, None, j


def _year_tail(tokens: list[str], low: list[str], language: Language, pub: date | None,
               j: int, year: int | None) -> tuple[int | None, str | None, int]:
    """What follows a month: its year ("Juli 2017", "Jan. 20, 2017"), the closing bracket of
    "Sabtu (28/1)", then "lalu" / "mendatang" ("Desember lalu", "Juli mendatang") or a
    relative year ("September tahun lalu", "May last year").  Gives (year, tense said, end)."""
    n = len(tokens)
    said = None
    if j < n and tokens[j] == ",":
        if j + 1 < n and _num(tokens[j + 1], 1900, 2100):
            j += 1
    if year is None and j < n and _num(tokens[j], 1900, 2100):
        year = int(tokens[j])
        j += 1
    if j < n and tokens[j] == ")":
        j += 1
    if j < n and low[j] in language.last_words:
        said, j = "past", j + 1
    elif j < n and low[j] in language.next_words:
        said, j = "future", j + 1
    elif year is None and j < n and pub is not None:
        ry = language.relative_years.match(low, j)
        if ry:
            year, j = _year(pub.year + ry[1]), j + ry[0]
    return year, said, j


def _calendar_date(tokens: list[str], low: list[str], language: Language, pub: date | None,
                   tense: str | None, anchor: date | None, start: int) -> DateMention | None:
    """A month, with a day, a year, a weekday as it comes: "Sabtu (28/1)", "7 Juli 2017",
    "Desember lalu"; "Friday, Jan. 20, 2017", "last July".  A year not written is the one
    the tense picks; a weekday that contradicts the day makes a `conflict`."""
    weekday, j = _weekday_before_date(tokens, low, language, start)
    found = (_numeric_day_month(tokens, j) or _day_month_name(tokens, low, language, j)
             or _month_name_day(tokens, low, language, j))
    if found is None:
        return None
    day, month, year, j = found
    year, said, j = _year_tail(tokens, low, language, pub, j, year)
    local_tense = _said_before(low, language, start) or said or tense
    value = _iso(year or _pick_year(month, day or 1, pub, local_tense, weekday if day else None), month, day)
    if not value:
        return None
    conflict = False
    if weekday is not None and day:
        conflict = date.fromisoformat(value).weekday() != weekday
    return DateMention(start, j, value, conflict)


def _weekday_alone(tokens: list[str], low: list[str], language: Language, pub: date | None,
                   tense: str | None, anchor: date | None, start: int) -> DateMention | None:
    """A weekday with no date: the one before publication, or after it in a future clause
    ("pada Kamis", "Senin depan"; "on Thursday", "next Monday")."""
    weekdays = language.weekdays
    if pub is None or not (low[start] in weekdays and _cap(tokens[start])):
        return None
    weekday = weekdays[low[start]]
    n = len(tokens)
    j = start + 1
    wt, told_next = tense, False
    if j < n and low[j] in language.last_words:
        wt, j = "past", j + 1
    elif j < n and low[j] in language.next_words:
        wt, j, told_next = "future", j + 1, True
    before = _said_before(low, language, start)
    if before == "past":
        wt = "past"
    elif before == "future":
        wt, told_next = "future", True
    if wt == "future":
        # the publication's own weekday is that day ("Abe pada Senin mengecam …, dan
        # berikrar akan …" in a Monday paper) unless the text says "next"
        delta = (weekday - pub.weekday()) % 7 or (7 if told_next else 0)
        d = _shift(pub, delta)
    else:
        delta = (pub.weekday() - weekday) % 7
        d = _shift(pub, -delta)
    return DateMention(start, j, d.isoformat())


def _relative_day(tokens: list[str], low: list[str], language: Language, pub: date | None,
                  tense: str | None, anchor: date | None, start: int) -> DateMention | None:
    """Days from the story's last full date ("sehari kemudian", "the next day"), or else from
    publication ("kemarin", "yesterday")."""
    for index, base in ((language.relative_to_story, anchor), (language.relative_days, pub)):
        m = index.match(low, start) if base is not None else None
        if m:
            length, offset = m
            return DateMention(start, start + length, _shift(base, offset).isoformat())
    return None


def _relative_month(tokens: list[str], low: list[str], language: Language, pub: date | None,
                    tense: str | None, anchor: date | None, start: int) -> DateMention | None:
    """A month counted from publication: "bulan lalu", "last month"."""
    m = language.relative_months.match(low, start)
    if not (m and pub is not None):
        return None
    length, offset = m
    return DateMention(start, start + length, _month_from(pub, offset))


def _month_from(pub: date, offset: int) -> str:
    """The month `offset` months from publication, as YYYY-MM (clamped to the calendar)."""
    y, mo = divmod(pub.year * 12 + pub.month - 1 + offset, 12)
    y, mo = (y, mo) if date.min.year <= y <= date.max.year else (_year(y), 0 if y < 1 else 11)
    return f"{y:04d}-{mo + 1:02d}"


def _bare_year(tokens: list[str], low: list[str], language: Language, pub: date | None,
               tense: str | None, anchor: date | None, start: int) -> DateMention | None:
    """A year of four figures after a preposition: "pada 2016", "sejak 2014"; "in 2016"."""
    if (start > 0 and low[start - 1] in language.year_prepositions and _num(tokens[start], 1900, 2100)
            and len(tokens[start]) == 4):
        return DateMention(start, start + 1, tokens[start])
    return None


def _relative_year(tokens: list[str], low: list[str], language: Language, pub: date | None,
                   tense: str | None, anchor: date | None, start: int) -> DateMention | None:
    """A year counted from publication: "tahun lalu", "tahun depan"; "last year", "this year"."""
    m = language.relative_years.match(low, start)
    if not (m and pub is not None):
        return None
    length, offset = m
    return DateMention(start, start + length, f"{_year(pub.year + offset):04d}")


def _ago(tokens: list[str], low: list[str], language: Language, pub: date | None,
         tense: str | None, anchor: date | None, start: int) -> DateMention | None:
    """A count of units back from publication, in figures: "20 years ago", "3 days ago";
    "20 tahun silam", "2 pekan lalu" (not "tahun lalu", last year)."""
    count = _num(tokens[start], 1, 999)
    m = language.ago.match(low, start + 1) if count and pub is not None and start + 1 < len(low) else None
    if not m:
        return None
    length, unit = m
    end = start + 1 + length
    if unit == "year":
        return DateMention(start, end, f"{_year(pub.year - count):04d}")
    if unit == "month":
        return DateMention(start, end, _month_from(pub, -count))
    return DateMention(start, end, _shift(pub, -count * (7 if unit == "week" else 1)).isoformat())


# tried in this order at each position; the first that matches wins
_RULES = (_calendar_date, _ago, _weekday_alone, _relative_day, _relative_month, _bare_year, _relative_year)


def find(tokens: list[str], low: list[str], language: Language, pub: date | None,
         tense: str | None = None, anchor: date | None = None) -> list[DateMention]:
    """Every date expression in one sentence's tokens.  `anchor`: the last full date an
    earlier sentence gave, what "sehari kemudian" / "the next day" count from."""
    out: list[DateMention] = []
    n = len(tokens)
    starts = _starts(language)
    i = 0
    while i < n:
        if low[i] not in starts and not low[i][:1].isdigit():
            i += 1          # no date expression starts here
            continue
        for rule in _RULES:
            found = rule(tokens, low, language, pub, tense, anchor, i)
            if found is not None:
                out.append(found)
                i = found.end
                break
        else:
            i += 1
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
