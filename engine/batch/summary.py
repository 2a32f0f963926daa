"""A batch's running figures: counts, grades, the ranking and per-indicator
statistics, row by row or a block at a time."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..base.numbers import exact_keys
from ..base.records import record
from ..base.suspect import merged
from ..scoring.not_applicable import on_spec_scale
from ..spec.model import Spec
from .blocks import Block, Exact
from .rows import RowResult

#: notes of claimed scores not taken that a batch tells, at most (then how many more)
CLAIMS_TOLD = 20

#: how a ranked row is told: its number, or text naming its file (a batch of many files)
Where = int | str

if TYPE_CHECKING:
    from .tables import Table


@record
class IndicatorStats:
    """One indicator's scores over a batch: count, sum, range, full marks."""

    id: str
    name: str
    count: int = 0
    total: Fraction = Fraction(0)
    low: Fraction | None = None
    high: Fraction | None = None
    at_full: int = 0
    #: over the units where its full marks are above 0: how many, the sum of
    #: score / full marks, and how many reached full marks (the pictures' shares)
    weighed: int = 0
    share: Fraction = Fraction(0)
    weighed_full: int = 0

    def add(self, score: Fraction, full: Fraction) -> None:
        self.count += 1
        self.total += score
        self.low = score if self.low is None else min(self.low, score)
        self.high = score if self.high is None else max(self.high, score)
        if score >= full:
            self.at_full += 1
        if full > 0:
            self.weighed += 1
            self.share += score / full
            self.weighed_full += score >= full

    def add_many(
        self,
        count: int,
        total: Fraction,
        low: Fraction,
        high: Fraction,
        at_full: int,
        full: Fraction,
    ) -> None:
        """Figures of ``count`` scores at once (their sum, least, greatest, and
        how many reached ``full``, the full marks they share)."""
        self.count += count
        self.total += total
        self.low = low if self.low is None else min(self.low, low)
        self.high = high if self.high is None else max(self.high, high)
        self.at_full += at_full
        if full > 0:
            self.weighed += count
            self.share += total / full
            self.weighed_full += at_full

    @property
    def mean(self) -> Fraction | None:
        return self.total / self.count if self.count else None


@record
class Summary:
    """What a batch adds up as it goes: counts, failures, totals, grades, indicators."""

    spec: Spec
    scored: int = 0
    failed: list[RowResult] = field(default_factory=list)
    #: (total, where, entity, grade) for the ranking, in table order (:meth:`ranking`
    #: sorts them); where: the row, or for a batch of many files ``file:row`` (a
    #: table in parts) or the file (forms, one entity each: :attr:`forms`)
    totals: list[tuple[Fraction, Where, str, str | None]] = field(default_factory=list)
    grades: dict[str, int] = field(default_factory=dict)
    indicators: dict[str, IndicatorStats] = field(default_factory=dict)
    #: the ranking and per-indicator statistics (the terminal summary) need these;
    #: streamed outputs only count rows and grades
    keep_totals: bool = True
    #: the rows are filled forms, one entity each: a row is told by its file alone
    forms: bool = False
    #: values likely mistyped, by indicator and kind (:mod:`engine.batch.suspects`)
    suspects: dict[tuple[str, str], tuple[int, int, str]] = field(default_factory=dict)
    #: the first :data:`CLAIMS_TOLD` notes of claimed scores not taken (the rows are
    #: scored as without them), and how many there are in all
    claims: list[str] = field(default_factory=list)
    claims_count: int = 0
    #: each block's (or row's) row numbers, entities and periods, as given: for
    #: the check of one row per entity (:meth:`unnamed`, :meth:`twice`), made
    #: once, when asked, over the whole table
    named: list[tuple[Any, Any, Any]] = field(default_factory=list)
    #: place in :attr:`totals` → the row's full marks, for each row whose full
    #: marks exclusions shrank: it is ranked by its total on the spec's scale, as
    #: it is graded (decisions §5)
    shrunk: dict[int, Fraction] = field(default_factory=dict)
    #: leaves without a value scored 0 (``--missing zero``), and the rows holding one
    zeroed: int = 0
    zeroed_rows: int = 0
    #: (row, entity) of each row so scored that holds no value at all, only its
    #: entity: a note or a signature below the table (注：…, 填表人：…), in order
    bare: list[tuple[int, str]] = field(default_factory=list)
    #: the table's rows hidden from view in its sheet, and its columns so hidden
    #: (their number and header): told beside the rows (:meth:`seen`)
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[tuple[int, str]] = field(default_factory=list)
    #: cells the table's sheet may show otherwise than it stores (kind, row,
    #: column, the value read): told (:attr:`engine.batch.tables.Table.stored`)
    stored: list[tuple[str, int, int, str]] = field(default_factory=list)

    def seen(self, table: Table) -> None:
        """Keep what the table's sheet hides from view, and the cells it may show
        otherwise than it stores, to be told."""
        self.hidden_rows = table.hidden_rows
        self.hidden_columns = [(c.index, c.header) for c in table.hidden_columns]
        self.stored = table.stored

    def failed_rows(self) -> set[int]:
        """The rows that could not be scored (their errors are told)."""
        return {r.row for r in self.failed}

    def hidden_read(self) -> list[tuple[int, str]]:
        """(row, entity) of each row the sheet hides that the batch read (a row
        of empty cells, as a template's unused bordered rows, is not one), in
        order."""
        if not self.hidden_rows:
            return []
        hidden = set(self.hidden_rows)
        found = []
        for rows, entities, _periods in self.named:
            for k in [k for k, row in enumerate(rows) if row in hidden]:
                found.append((rows[k], _text_at(entities, k)))
        return sorted(found)

    def entities(
        self, rows: Sequence[int], entities: Sequence[str], periods: Sequence[str]
    ) -> None:
        """Keep a block's rows, entities and periods for the check of one row per
        entity (an Arrow column as its array: no Python string a row)."""
        self.named.append((_rows(rows), _column(entities), _column(periods)))

    def __post_init__(self) -> None:
        self._ids = [ind.id for ind in self.spec.walk()]
        self._leaves = sum(1 for _ in self.spec.leaves())
        self._found: tuple[int, tuple[list[int], list[tuple[int, int, str]]]] | None = None
        self._totals: tuple[int, list[tuple[int, str]]] | None = None
        #: the last ranking made, with the list of totals it ranked and their number
        #: (totals are only added to, so the same list at the same length is the
        #: same ranking; a list put in its place is ranked anew)
        self._ranked: (
            tuple[list[Any], int, list[tuple[int, Fraction, Where, str, str | None]]] | None
        ) = None
        for ind in self.spec.walk():
            self.indicators[ind.id] = IndicatorStats(ind.id, ind.name)

    @property
    def unnamed(self) -> list[int]:
        """The rows whose entity cell is empty, in order."""
        return self._entity_check()[0]

    @property
    def totals_rows(self) -> list[tuple[int, str]]:
        """(row, entity) of each row whose entity reads as a table's totals or
        averages row, or a section's heading (合计, 平均值, 一、镇街:
        :func:`totals_word`), in order."""
        found = self._totals
        if found is None or found[0] != len(self.named):
            found = self._totals = len(self.named), totals_rows(self.named)
        return found[1]

    @property
    def twice(self) -> list[tuple[int, int, str]]:
        """(row, earlier row, entity) of each row whose entity and period an
        earlier row has, in order."""
        return self._entity_check()[1]

    def _entity_check(self) -> tuple[list[int], list[tuple[int, int, str]]]:
        """:func:`one_row_each` of the rows so far (made again once more come)."""
        found = self._found
        if found is None or found[0] != len(self.named):
            found = self._found = len(self.named), one_row_each(self.named)
        return found[1]

    def across(self, sizes: Sequence[int]) -> list[tuple[int, int, int, int, str]]:
        """(file, row, earlier file, its row, entity) of each row whose entity and
        period a row of an earlier file has, for a table in parts (``sizes``: how
        many rows each file gave, in order; files counted from 0): a repeat within
        one file is that file's own to tell."""
        from bisect import bisect_right
        from itertools import accumulate

        _unnamed, twice = one_row_each(self.named, places=True)
        ends = list(accumulate(sizes))
        pieces = list(accumulate(len(r) for r, _, _ in self.named))

        def located(place: int) -> tuple[int, int]:
            k = bisect_right(pieces, place)
            rows = self.named[k][0]
            return bisect_right(ends, place), rows[place - (pieces[k - 1] if k else 0)]

        found = []
        told: set[tuple[int, int]] = set()  # (file, first place): a file's later rows of it
        for place, first, entity in twice:  # are that file's own repeats, told by it
            (part, row), (earlier, its_row) = located(place), located(first)
            if part != earlier and (part, first) not in told:
                told.add((part, first))
                found.append((part, row, earlier, its_row, entity))
        return found

    def add(self, r: RowResult) -> None:
        self.entities((r.row,), (r.entity,), (r.period,))
        self._add(r)

    def _add(self, r: RowResult) -> None:
        if r.claims:
            self.claims += r.claims[: max(CLAIMS_TOLD - len(self.claims), 0)]
            self.claims_count += len(r.claims)
        if r.suspects:  # counted as a block's are
            merged(self.suspects, {(iid, kind): (1, r.row, text) for iid, kind, text in r.suspects})
        if not r.ok or r.total is None:
            self.failed.append(r)
            return
        self.scored += 1
        if r.flags:
            gone = sum(f.endswith(":missing") for f in r.flags.split("; "))
            self.zeroed += gone
            self.zeroed_rows += gone > 0
            if gone == self._leaves:
                self.bare.append((r.row, r.entity))
        if self.keep_totals:
            self.totals.append((r.total, self.where(r.file, r.row), r.entity, r.grade))
            full = r.full_marks
            if full and full != self.spec.total:
                self.shrunk[len(self.totals) - 1] = full
        key = r.grade if r.grade is not None else "—"
        self.grades[key] = self.grades.get(key, 0) + 1
        if not self.keep_totals:
            return
        for iid, score, full in zip(self._ids, r.scores, r.fulls, strict=True):
            if score is not None:
                self.indicators[iid].add(score, full)

    def counted(
        self, items: Iterator[Block | RowResult], between: Callable[[], None] | None = None
    ) -> Iterator[Block | RowResult]:
        """The items, each added on the way (``between``: called before each, as
        a long job checks for a signal)."""
        for item in items:
            if between is not None:
                between()
            if isinstance(item, Block):
                self.add_block(item)
            else:
                self.add(item)
            yield item

    def add_block(self, b: Block) -> None:
        """Every row of a block: its fast rows column by column, the others one by one."""
        merged(self.suspects, b.suspects)
        self.entities(b.rows, b.entities, b.periods)
        for other in b.others.values():
            self._add(other)
        if not b.fast:
            return
        if b.marked is not None and self.keep_totals:  # N/A marks: row by row
            for i in b.fast:
                self._add(b.result(i))
            return
        self.scored += len(b.fast)
        every = len(b.fast) == len(b.rows)  # no row left the fast path: all in order
        if b.marked is not None and b.marked.gone is not None:
            gone = b.marked.gone[b.fast]
            self.zeroed += int(gone.sum())
            self.zeroed_rows += int(gone.any(axis=1).sum())
            for k in (gone.sum(axis=1) == self._leaves).nonzero()[0].tolist():
                i = b.fast[k]
                self.bare.append((b.rows[i], _text_at(b.entities, i)))

        def fast(column: Sequence[Any]) -> Sequence[Any]:
            return column if every else [column[i] for i in b.fast]

        grades = fast(b.grades)
        for g, count in Counter(grades).items():  # in the order the grades first come
            key = g if g is not None else "—"
            self.grades[key] = self.grades.get(key, 0) + count
        if not self.keep_totals:
            return
        value = Exact(b.scale).__getitem__
        rows: Sequence[Where] = fast(b.rows)
        if b.file:
            rows = [self.where(b.file, row) for row in fast(b.rows)]
        self.totals.extend(
            zip(map(value, fast(b.totals)), rows, fast(b.entities), grades, strict=True)
        )
        sub = b.matrix[b.fast]
        count = len(b.fast)
        for j, (iid, full) in enumerate(zip(self._ids, b.fulls, strict=True)):
            col = sub[:, j]
            least_full = -((-full.numerator * b.scale) // full.denominator)  # ceil(full·scale)
            self.indicators[iid].add_many(
                count,
                Fraction(int(col.sum()), b.scale),
                value(int(col.min())),
                value(int(col.max())),
                int((col >= least_full).sum()),
                full,
            )

    def where(self, file: str, row: int) -> Where:
        """How the ranking tells a row: its number; in a batch of many files,
        ``file:row``, or the file alone for a form."""
        if not file:
            return row
        return file if self.forms else f"{file}:{row}"

    def ranking(self) -> list[tuple[int, Fraction, Where, str, str | None]]:
        """(rank, total, where, entity, grade), best first; ties share a rank, in
        table order (by file, then row). A row whose full marks exclusions shrank is ranked by its
        total on the spec's scale (:attr:`shrunk`): 93.42 of 94 ranks above
        93.42 of 100."""
        totals = self.totals
        done = self._ranked
        if done is not None and done[0] is totals and done[1] == len(totals):
            return done[2]
        keys, _scale = exact_keys([self._on_scale(i, t[0]) for i, t in enumerate(totals)])
        places = [place_of(t[1]) for t in totals]
        order = sorted(zip([-k for k in keys], places, range(len(totals)), strict=True))
        out = []
        rank = 0
        previous: int | None = None
        for n, (key, _at, i) in enumerate(order, start=1):
            if key != previous:
                rank, previous = n, key
            out.append((rank, *totals[i]))
        self._ranked = (totals, len(totals), out)
        return out

    def _on_scale(self, i: int, total: Fraction) -> Fraction:
        return on_spec_scale(total, self.shrunk.get(i), self.spec.total)

    def full_marks(self) -> dict[tuple[Where, str], Fraction]:
        """(where, entity) → full marks, of the rows whose exclusions shrank them."""
        return {(self.totals[i][1], self.totals[i][2]): f for i, f in self.shrunk.items()}


def place_of(where: Where) -> tuple[str, int]:
    """Where a ranked row is, to order ties: (file, row) from :meth:`Summary.where`."""
    if isinstance(where, int):
        return "", where
    file, _colon, row = where.rpartition(":")
    return (file, int(row)) if file and row.isdigit() else (where, 0)


def _column(texts: Sequence[str]) -> Any:
    """A column of texts as kept: an Arrow column's array, a list of empty texts
    (a table without periods) as None, anything else as it is."""
    import sys

    arrowbuf = sys.modules.get(f"{__package__}.arrowbuf")  # not imported: no Arrow column
    if arrowbuf is not None and isinstance(texts, arrowbuf.TextColumn):
        return texts.array
    if isinstance(texts, list) and texts.count("") == len(texts):
        return None
    return texts


def _text_at(texts: Any, k: int) -> str:
    """Text ``k`` of a column of texts as kept (:func:`_column`)."""
    if texts is None:
        return ""
    cell = texts[k]
    return cell if isinstance(cell, str) else str(cell.as_py() or "")


def _rows(rows: Sequence[int]) -> Sequence[int]:
    """Row numbers as kept: a run of them (as a block's usually are) as a range."""
    if (
        isinstance(rows, list)
        and rows
        and rows[-1] - rows[0] == len(rows) - 1
        and rows == list(range(rows[0], rows[-1] + 1))  # in order, none skipped
    ):
        return range(rows[0], rows[-1] + 1)
    return rows


def one_row_each(
    named: list[tuple[Any, Any, Any]], places: bool = False
) -> tuple[list[int], list[tuple[int, int, str]]]:
    """The rows (of ``named``: pieces of row numbers, entities and periods, in
    table order; Arrow arrays or sequences of texts, periods None where all are
    empty) whose entity is empty, and those whose entity and period an earlier
    row has, with that row and the entity; with ``places``, each row by its
    place among all the rows of ``named`` (counted from 0), not its number, as a
    table in parts numbers its rows per file. Over Arrow arrays the texts are
    coded and grouped in C, and only the rows found become Python strings."""
    import sys

    if "pyarrow" in sys.modules and any(not isinstance(e, Sequence) for _, e, _ in named):
        return _by_codes(named, places)
    first: dict[tuple[str, str], int] = {}
    unnamed: list[int] = []
    twice: list[tuple[int, int, str]] = []
    at = 0
    for rows, entities, periods in named:
        places_here = range(at, at + len(rows)) if places else rows
        at += len(rows)
        texts = entities if entities is not None else [""] * len(rows)
        for row, entity, period in zip(
            places_here, texts, periods or [""] * len(rows), strict=True
        ):
            if not entity:
                unnamed.append(row)
                continue
            seen = first.setdefault((entity_key(entity), period_key(period)), row)
            if seen != row:
                twice.append((row, seen, entity))
    return unnamed, twice


def _by_codes(
    named: list[tuple[Any, Any, Any]], places: bool = False
) -> tuple[list[int], list[tuple[int, int, str]]]:
    """:func:`one_row_each` over Arrow: the entities coded by one dictionary over
    every piece. A dictionary codes texts in the order they first come, so a row
    holds an entity met before where its code is at most the highest code above
    it. With periods, each pair of codes is coded again in the order it first
    comes."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from .arrowbuf import integers, strings, to_numpy  # (no pandas import on the way)

    def array(texts: Any, n: int) -> Any:
        if texts is None:
            texts = [""] * n
        return strings(list(texts)) if isinstance(texts, Sequence) else texts

    def codes_of(column: Any, words: bool = False) -> tuple[Any, list[str]]:
        """Each row's code, and (``words``) the texts coded, as Python strings."""
        coded = pc.dictionary_encode(column)
        parts = [to_numpy(c.indices).astype(np.int64) for c in coded.chunks]
        told = coded.chunks[0].dictionary.to_pylist() if coded.num_chunks and words else []
        return np.concatenate(parts), told

    rows = np.concatenate([np.asarray(r, dtype=np.int64) for r, _, _ in named])
    if places:
        rows = np.arange(len(rows), dtype=np.int64)
    entities = pa.chunked_array([array(e, len(r)) for r, e, _ in named], pa.string())
    empty = np.concatenate([to_numpy(pc.binary_length(c)) == 0 for c in entities.chunks])
    codes, _ = codes_of(_entity_keys(entities))
    if any(p is not None for _, _, p in named):  # with periods: the pairs, coded as they come
        coded, words = codes_of(pa.chunked_array([array(p, len(r)) for r, _, p in named]), True)
        # each distinct period once: 2021, ２０２１ and 2021年 are one year
        _, same = np.unique([period_key(w) for w in words] or [""], return_inverse=True)
        periods = same.reshape(-1)[coded]
        size = int(periods.max()) + 1 if len(periods) else 1
        pairs = codes * size + periods
        _, firsts, inverse = np.unique(pairs, return_index=True, return_inverse=True)
        rank = np.empty(len(firsts), dtype=np.int64)
        rank[np.argsort(firsts)] = np.arange(len(firsts))
        codes = rank[inverse.reshape(-1)]
    if not len(codes):
        return [], []
    highest = np.maximum.accumulate(codes)
    again = np.zeros(len(codes), dtype=bool)
    again[1:] = codes[1:] <= highest[:-1]
    first = np.zeros(int(highest[-1]) + 1, dtype=np.int64)
    new = np.flatnonzero(~again)
    first[codes[new]] = new
    at = np.flatnonzero(again & ~empty)
    names = entities.take(integers(at)).to_pylist()
    twice = list(zip(rows[at].tolist(), rows[first[codes[at]]].tolist(), names, strict=True))
    return rows[empty].tolist(), twice


#: what a table's totals (or averages) row says in its entity cell, compared without
#: its spaces or a final colon, its width and case aside (:func:`totals_word`)
TOTALS_WORDS = frozenset(
    {"合计", "总计", "小计", "共计", "总合计", "合计数", "汇总", "总和"}
    | {"平均", "平均值", "平均数", "均值"}
    | {"total", "totals", "subtotal", "grandtotal", "sum", "average", "mean"}
)
#: what ends a totals row's entity cell (全区合计, 镇街小计, 全区平均)
_TOTALS_ENDS = ("合计", "小计", "总计", "共计", "汇总", "平均", "平均值", "平均数", "均值")
#: a section's heading above its rows (一、镇街, （二）区直部门)
_HEADING = r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\))"
#: a cell that may be one of them (searched in C before Python reads any text)
_TOTALS_LIKE = (  # (full-width letters, ㈠ and ⑴ read so once made one width)
    "(?i)计|汇|总|均|t|s|a|m|^[一二三四五六七八九十(（]|[\\x{FF00}-\\x{FFEF}\\x{2460}-\\x{24FF}"
    "\\x{3200}-\\x{32FF}]"
)


def totals_word(entity: str) -> bool:
    """Whether an entity cell says what a table's totals or averages row, or a
    section's heading, says (合计, 合  计, 全区合计, 合计（20个单位）, 平均值,
    ``Total:``, 一、镇街): such a row is scored as an entity, ranked with the
    others."""
    import re
    import unicodedata

    key = "".join(unicodedata.normalize("NFKC", entity).split()).rstrip(":").casefold()
    if key in TOTALS_WORDS or key.endswith(_TOTALS_ENDS) or re.match(_HEADING, key):
        return True
    base = key.split("(", 1)[0]  # 合计（20个单位）, 全区平均（20个）
    return base != key and (base in TOTALS_WORDS or base.endswith(_TOTALS_ENDS))


def totals_rows(named: list[tuple[Any, Any, Any]]) -> list[tuple[int, str]]:
    """(row, entity) of the rows of ``named`` (as :func:`one_row_each` takes
    them) whose entity reads as a totals row; over an Arrow array only the cells
    holding one of their characters become Python strings."""
    found = []
    for rows, entities, _periods in named:
        if entities is None:  # (every cell empty)
            continue
        if isinstance(entities, Sequence):
            at = [k for k, e in enumerate(entities) if e and totals_word(e)]
            found += [(rows[k], entities[k]) for k in at]
            continue
        import pyarrow.compute as pc

        from .arrowbuf import integers
        from .arrowbuf import to_numpy as _numpy

        at = _numpy(pc.match_substring_regex(entities, _TOTALS_LIKE)).nonzero()[0]
        texts = entities.take(integers(at)).to_pylist()
        found += [(rows[k], t) for k, t in zip(at.tolist(), texts, strict=True) if totals_word(t)]
    return found


#: characters an entity's key (:func:`entity_key`) never changes: CJK ideographs,
#: ASCII letters and digits, and a few marks (most tables' entities hold no other)
_KEPT_AS_THEY_ARE = r"^[\x{4E00}-\x{9FFF}0-9A-Za-z_.\-]*$"


def _entity_keys(entities: Any) -> Any:
    """:func:`entity_key` of each of an Arrow column of entities, in C (the
    column as it is where every entity is its own key)."""
    import pyarrow.compute as pc

    from .arrowforms import WHITESPACE

    if pc.all(pc.match_substring_regex(entities, _KEPT_AS_THEY_ARE)).as_py() is not False:
        return entities
    spaces = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE) + "]+"
    return pc.replace_substring_regex(pc.utf8_normalize(entities, "NFKC"), spaces, "")


def entity_key(entity: str) -> str:
    """An entity as compared for one row per entity: its width and spaces aside
    (区财政局（本级） and 区财政局(本级), ＡＢ街道 and AB街道, 朱村 街道 and 朱村街道
    are one entity)."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", entity).split())


@functools.lru_cache(maxsize=4096)  # a table's rows share a few periods (or none)
def period_key(period: str) -> str:
    """A period as compared for one row per entity: the days it runs (2021,
    ２０２１ and 2021年 are one year), or its text in ASCII digits when it names
    none."""
    if not period:
        return ""
    import unicodedata

    from ..base.errors import ScorecardError
    from ..spec.family import period_range

    text = unicodedata.normalize("NFKC", period).strip()
    try:
        first, last = period_range(text, None)
    except ScorecardError:
        return text
    return f"{first.isoformat()}/{last.isoformat()}"
