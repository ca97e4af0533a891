"""Second pass of the recogniser: logical rows to the tables of a format.

Labels are matched against every national format at once; each (format, table) pair
collects the rows it recognises, and the format of each table is the one its labels and
cell counts fit best. Values are placed in columns only when their place is known: in a
grid with blank cells kept, or when a row gives exactly as many values as it has columns.
Otherwise the cells stay blank (~) and the table note says why.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..formats import FORMATS
from ..formats.base import Row
from .segment import LRow
from .text_norm import is_unit, key
from .vocab import RowRef, Vocabulary


@dataclass
class FoundRow:
    ref: RowRef
    values: list[str]  # cells after the label, as printed
    positional: bool
    where: str
    label: str
    weak: bool = False  # printed as a label before another row's label: no cells of its own
    values_first: bool = False  # from copied text that lists non-empty cells first


@dataclass
class Collected:
    rows: dict[tuple[str, str], dict[str, FoundRow]] = field(default_factory=dict)  # (fmt, table) -> code -> row
    headers: dict[tuple[str, str], int] = field(default_factory=dict)
    review_values: list[str] = field(default_factory=list)
    review_positional: bool = True
    review_where: str = ""
    tables_seen: set[str] = field(default_factory=set)
    unknown_labels: list[str] = field(default_factory=list)
    stray_values: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def _pick(refs: list[RowRef], got: dict[tuple[str, str], dict[str, FoundRow]],
          last: dict[tuple[str, str], int]) -> list[RowRef]:
    """One candidate row per (format, table): the first unfilled one after the last row
    filled (printed order settles labels that repeat, like 其他情形数 under 四, 五, 六)."""
    chosen: dict[tuple[str, str], RowRef] = {}
    for ref in refs:
        pair = (ref.fmt, ref.table)
        filled = got.get(pair, {})
        if ref.row.code in filled:
            continue
        prev = chosen.get(pair)
        after = ref.index > last.get(pair, -1)
        if prev is None or (after and not prev.index > last.get(pair, -1)):
            chosen[pair] = ref
    return list(chosen.values())


def collect(rows: list[LRow], vocab: Vocabulary) -> Collected:
    out = Collected()
    last: dict[tuple[str, str], int] = {}
    context: str | None = None
    pending: str | None = None  # an unmatched label fragment (a label cut by a page break)
    pending_row: LRow | None = None  # the row it was printed in, when that row's cells went unused
    stray: list[str | None] = []
    pending_row_stray = -1
    pending_unknown = -1  # index in unknown_labels of the pending fragment, withdrawn when it joins
    for lr in rows:
        labels = [lab for lab in lr.labels if not is_unit(lab)]
        refs: list[RowRef] = []
        earlier: list[tuple[list[RowRef], str]] = []  # rows printed before this one with no cells
        i = 0
        matched_label = ""
        while i < len(labels):
            m = None
            used = labels[i]
            if i + 1 < len(labels):  # a label broken over two cells or lines
                joined = vocab.match(labels[i] + labels[i + 1], prefix=False)
                if joined.rows or (joined.columns and not vocab.match(labels[i]).columns):
                    m, used = joined, labels[i] + labels[i + 1]
                    i += 1
            if m is None:
                m = vocab.match(labels[i])
            if m.empty and pending:
                joined = vocab.match(pending + labels[i], prefix=False)
                if not joined.empty and joined.rows and pending_row is not None:
                    # the label began on the row above, next to its cells: those cells are this
                    # row's, not the cells printed beside the label's second half
                    for ref in _pick(joined.rows, out.rows, last):
                        pair = (ref.fmt, ref.table)
                        out.rows.setdefault(pair, {})[ref.row.code] = FoundRow(
                            ref, list(pending_row.values), pending_row.positional, pending_row.where,
                            pending + labels[i])
                        last[pair] = ref.index
                    stray[pending_row_stray] = None
                    _withdraw(out.unknown_labels, pending_unknown)
                    pending, pending_row = None, None
                    i += 1
                    continue
                if not joined.empty:
                    m, used = joined, pending + labels[i]
                    _withdraw(out.unknown_labels, pending_unknown)
            if m.empty:
                pending, pending_row, pending_unknown = labels[i], None, -1
                if len(key(labels[i])) > 1:
                    out.unknown_labels.append(f"{lr.where}：{labels[i]}")
                    pending_unknown = len(out.unknown_labels) - 1
            else:
                pending, pending_row = None, None
                if len(m.tables) == 1:  # 总计 is printed in tables 三 and 四: no evidence of either
                    out.tables_seen |= m.tables
                if len(m.tables) == 1:
                    context = next(iter(m.tables))
                for pair in m.columns or ():
                    out.headers[pair] = out.headers.get(pair, 0) + 1
                if m.rows:
                    if refs and not any(r.table == "review" for r in refs):
                        earlier.append((refs, matched_label))
                    refs = m.rows
                    matched_label = used
            i += 1
        for prev_refs, prev_label in earlier:
            # a label that is a row in one format and a merged group in another (（六）其他处理)
            # is a row without cells only in the formats where it is a row
            for ref in _pick(prev_refs, out.rows, last):
                pair = (ref.fmt, ref.table)
                out.rows.setdefault(pair, {})[ref.row.code] = FoundRow(ref, [], lr.positional, lr.where, prev_label, weak=True)
                last[pair] = ref.index
        review_refs = [r for r in refs if r.table == "review"]
        if review_refs:  # table 四 prints its row names as column headers; values follow in one row
            context = "review"
            refs = []
        if refs:
            context = refs[0].table
            chosen = _pick(refs, out.rows, last)
            if not chosen:
                out.duplicates.append(f"{lr.where}：{matched_label}")
            for ref in chosen:
                pair = (ref.fmt, ref.table)
                out.rows.setdefault(pair, {})[ref.row.code] = FoundRow(
                    ref, list(lr.values), lr.positional, lr.where, matched_label, values_first=lr.values_first)
                last[pair] = ref.index
        elif context == "review" and lr.values and not labels and (lr.positional or any(v.strip() for v in lr.values)):
            if not out.review_values:
                out.review_where = lr.where
            out.review_values += lr.values
            out.review_positional = out.review_positional and lr.positional
        elif any(v.strip() for v in lr.values):
            if context == "review":
                if not out.review_values:
                    out.review_where = lr.where
                out.review_values += lr.values
                out.review_positional = out.review_positional and lr.positional
            else:
                stray.append(f"{lr.where}：{'、'.join(v for v in lr.values if v.strip())}")
                if pending is not None and labels and pending == labels[-1]:
                    pending_row, pending_row_stray = lr, len(stray) - 1
    out.stray_values = [s for s in stray if s is not None]
    # a label cut in two by a page break with rows in between (（四）无 … 法提供): say that the
    # two unknown halves make one printed label, in one entry
    parts = [u.split("：", 1) if u is not None else None for u in out.unknown_labels]
    for i in range(len(parts) - 1):
        a, b = parts[i], parts[i + 1]
        if a is not None and b is not None and len(a) == len(b) == 2 \
                and not vocab.match(a[1] + b[1], prefix=False).empty:
            out.unknown_labels[i] = (f"{a[0]}、{b[0]}：“{a[1]}”与“{b[1]}”是被分页或换行截断的同一标签"
                                     f"“{a[1]}{b[1]}”（仅提示，未据此改动任何数值）")
            out.unknown_labels[i + 1] = None
            parts[i + 1] = None
    out.unknown_labels = [u for u in out.unknown_labels if u is not None]
    return out


def _withdraw(unknown: list[str | None], index: int) -> None:
    """A fragment listed as unrecognised turned out to be the first half of a label."""
    if 0 <= index < len(unknown):
        unknown[index] = None


# ---- placing values in columns ----------------------------------------------------------------
@dataclass
class Placed:
    cells: list[str | None]  # printed text per column; None = not placed
    ok: bool  # every value has a place (known, or set by the documented rule below)
    problem: str | None = None  # Chinese, when not ok
    guessed: str | None = None  # Chinese, when the places come from TOTAL_LAST_RULE


TOTAL_LAST_RULE = ("一行只列出部分数值、没有标出空白单元格时，按以下规则推定列位置（低可信度，请对照原文核对）："
                   "最后一个值记入“总计”列，其余的值依次记入最前面的列，其他单元格记为空白（~）；"
                   "只在推定的结果满足“各列之和等于总计”时采用，否则整行留空。")


def _as_number(text: str) -> float | None:
    from .text_norm import read_cell
    return read_cell(text).value


def _total_last(said: list[str], n: int) -> Placed | None:
    """TOTAL_LAST_RULE, for tables whose last column is the row total (表三)."""
    numbers = [_as_number(v) for v in said]
    if len(said) < 2 or any(x is None for x in numbers):
        return None
    if abs(sum(numbers[:-1]) - numbers[-1]) > 1e-9:
        return None
    cells: list[str | None] = list(said[:-1]) + [""] * (n - len(said)) + [said[-1]]
    return Placed(cells, True, guessed=f"原文只列出 {len(said)} 个值（{'、'.join(said)}），按推定规则记入"
                                       f"前 {len(said) - 1} 列和“总计”列")


def place(values: list[str], n: int, positional: bool, total_last: bool = False) -> Placed:
    if positional:
        cells = list(values)
        while len(cells) > n and not cells[-1].strip():
            cells.pop()
        while len(cells) > n and not cells[0].strip():
            cells.pop(0)
        if len(cells) == n:
            return Placed(cells, True)
        said = [v for v in cells if v.strip()]
        if not said:
            return Placed([""] * n, True)
        return Placed([None] * n, False,
                      f"该行有 {len(cells)} 个单元格（{'、'.join(said)}），表格应有 {n} 列，无法确定各值所在的列，已留空")
    said = [v for v in values if v.strip()]
    if len(said) == n:
        return Placed(said, True)
    if not said:
        return Placed([""] * n, True)
    if total_last and len(said) < n:
        guessed = _total_last(said, n)
        if guessed:
            return guessed
    return Placed([None] * n, False,
                  f"原文只列出 {len(said)} 个值（{'、'.join(said)}），没有标出空白单元格，无法确定它们在 {n} 列中的位置，已留空")


def fit(found: FoundRow, row: Row) -> int:
    """How well a found row's cells fit the row's columns (format evidence)."""
    n = len(row.columns)
    p = place(found.values, n, found.positional)
    return 2 if p.ok and any(c and c.strip() for c in p.cells) else (1 if p.ok else 0)


def decide_format(col: Collected, table: str, default: str) -> tuple[str | None, str]:
    """The format of one table from its labels; (None, …) when the table is absent."""
    scores: dict[str, int] = {}
    for fmt in FORMATS:  # newest first
        if not FORMATS[fmt].has_table(table):
            continue
        found = col.rows.get((fmt, table), {})
        if not found and not col.headers.get((fmt, table)):
            continue
        # a row found counts 2, plus how well its cells fit; a weak row (a label that is a
        # merged group in the other format, like （六）其他处理) counts nothing
        scores[fmt] = sum(2 + fit(f, f.ref.row) for f in found.values() if not f.weak) \
            + 2 * col.headers.get((fmt, table), 0)
    if not scores:
        return None, ""
    best = max(scores.values())
    top = [f for f, s in scores.items() if s == best]
    if len(top) == 1:
        return top[0], "由表中标签判断"
    if default in top:
        return default, "标签两种格式都符合，按报告的其余部分判断"
    return top[0], "标签两种格式都符合"
