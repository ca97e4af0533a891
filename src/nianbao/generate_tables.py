"""Table values for the synthetic corpus, solved from the identities each format declares.

Nothing here names a format, a table or a row: cells are filled from the rules in formats/,
so a format declared there is generated without a change here. For each table a plan is
made once per set of applicable identities (which identity sets which cell, which known
total is split among its parts, which cells are drawn and within what bounds) and then
replayed with fresh random draws for every report. The result is checked against every
identity; a draw that missed a bound is simply drawn again.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

from .findings import ERROR
from .formats.base import AMOUNT, PREVIOUS_YEAR, SIGNED, THIS_YEAR, Format, Identity, Table, Term

Cell = tuple[str, str, str]  # (table, row, column)
Values = dict[Cell, float]  # one report's cells; ints for counts, floats for amounts

TOLERANCE = 1e-6
WEIGHT = 1.0  # a row's share among the parts of a known total when its `typical` is unset
MAGNITUDE = 0.05  # a freely drawn cell's typical value per unit of agency scale, likewise
RARE = 0.1  # parts after the first of a total column (applicant types, outcomes) are rarer
STOCK = 5.0  # a stock drawn without last year's value holds several years' worth
ATTEMPTS = 50
_SET, _SPLIT, _DRAW = 0, 1, 2


@dataclass
class _Constraint:
    """sum(coef * cell) + (cells known beforehand) == 0, or <= 0."""

    identity: Identity | None  # None: a bound for next year (see _forward)
    cells: tuple[tuple[Cell, int], ...]  # cells of the table being solved, with coefficients
    fixed: tuple[tuple[int, Cell, int], ...]  # (year, cell, coef): last year's, or an earlier table's
    equal: bool
    sides: tuple[frozenset[Cell], frozenset[Cell]]  # cells added with sign + on the left, on the right
    last_year: tuple[Cell, ...] = ()  # the cells of `fixed` in last year's report

    def applies(self, previous: Values | None) -> bool:
        """Like the validator: an identity whose cell last year does not exist does not apply."""
        if not self.last_year:
            return True
        return previous is not None and all(cell in previous for cell in self.last_year)

    def constant(self, values: Values, previous: Values | None) -> float:
        return sum(coef * (previous if year == PREVIOUS_YEAR else values)[cell] for year, cell, coef in self.fixed)


def _cell(own: str, term: Term) -> Cell:
    return (term.table or own, term.row, term.column)


def _constraint(own: str, solved_here: str, identity: Identity) -> _Constraint:
    cells, fixed = [], []
    sides: tuple[set, set] = (set(), set())
    for side, terms, sign in ((0, identity.left, 1), (1, identity.right, -1)):
        for t in terms:
            cell = _cell(own, t)
            if t.year == THIS_YEAR and cell[0] == solved_here:
                cells.append((cell, sign * t.sign))
                if t.sign == 1:
                    sides[side].add(cell)
            else:
                fixed.append((t.year, cell, sign * t.sign))
    return _Constraint(identity, tuple(cells), tuple(fixed), identity.relation == "=",
                       (frozenset(sides[0]), frozenset(sides[1])),
                       tuple(cell for year, cell, _ in fixed if year == PREVIOUS_YEAR))


class _TableSolver:
    """The cells of one table of one format, their constraints and plans."""

    def __init__(self, table: Table, homed: list[tuple[str, Identity]]):
        own = self.code = table.code
        self.cells: list[Cell] = []
        self.kind: dict[Cell, str] = {}
        self.typical: dict[Cell, float | None] = {}
        for row in table.rows:
            for col in row.columns:
                cell = (own, row.code, col.code)
                self.cells.append(cell)
                self.kind[cell] = row.cell_kind(col)
                self.typical[cell] = row.typical
        checks = [_constraint(decl, own, ident) for decl, ident in homed]
        self.checks = checks  # every identity solved here, verified after each solve
        self.derived = self._derived(table, checks)
        defs = {id(c) for c in self.derived.values()}
        # Identities on a total column hold by linearity once the other columns satisfy them.
        self.constraints = [c for c in checks if id(c) in defs or not any(x in self.derived for x, _ in c.cells)]
        self.constraints += self._forward(homed)
        # In a row summed into a total column, the parts after the first (applicant types
        # after 自然人, outcomes after 结果维持) are the rare ones.
        self.rare = {x for c in self.derived.values() for x in [x for x, a in c.cells if a < 0][1:]}
        # Cells carried from year to year (现行有效件数, 上一年项目数量, 对外公开总数量).
        self.stocks = {x for c in checks for x, _ in c.cells if x in c.last_year}
        # Only identities reaching into last year may not apply: the plan depends on which do.
        self.crossing = [c for c in self.constraints + self.checks if c.last_year]
        self.plans: dict[tuple[bool, ...], tuple] = {}

    @staticmethod
    def _derived(table: Table, checks: list[_Constraint]) -> dict[Cell, _Constraint]:
        """Columns that in every row of their block are the sum of the row's other cells (总计):
        filled last, from those sums. Maps each such cell to its row's sum."""
        sums: dict[Cell, _Constraint] = {}
        for c in checks:
            ident = c.identity
            if not c.equal or c.fixed or len(ident.left) != 1 or len(c.sides[0]) != 1:
                continue
            (total,) = c.sides[0]
            parts = [x for x, _ in c.cells if x != total]
            if parts and c.sides[1] == set(parts) and all(x[1] == total[1] for x in parts):
                sums.setdefault(total, c)
        out: dict[Cell, _Constraint] = {}
        for block in table.blocks:
            rows = [r for r in table.rows if r.block == block]
            for col in block.columns:
                cells = [(table.code, r.code, col.code) for r in rows]
                if rows and all(x in sums for x in cells):
                    out.update((x, sums[x]) for x in cells)
        return out

    def _forward(self, homed: list[tuple[str, Identity]]) -> list[_Constraint]:
        """Next year's cell set from this year's (上一年项目数量 = last year's + 本年增/减) must not
        come out negative: with a SIGNED term, this year's sum is bounded here."""
        out = []
        for decl, ident in homed:
            if ident.relation != "=" or len(ident.left) != 1 or not ident.across_years:
                continue
            left = ident.left[0]
            if left.year != THIS_YEAR or self.kind.get(_cell(decl, left)) in (None, SIGNED):
                continue
            now = [(_cell(decl, t), t.sign) for t in ident.right]
            if all(t.year == PREVIOUS_YEAR for t in ident.right) and all(x in self.kind for x, _ in now) \
                    and any(self.kind[x] == SIGNED or s < 0 for x, s in now):
                out.append(_Constraint(None, tuple((x, -s) for x, s in now), (), False, (frozenset(), frozenset())))
        return out

    # ---- plans --------------------------------------------------------------------------
    def _plan(self, active: tuple[int, ...], checked: tuple[int, ...]) -> tuple[list, list[_Constraint]]:
        """(steps, the identities to verify after them): an equality of counts that a step sets
        or splits holds exactly; the others (bounds, amounts, total columns) are verified."""
        cons = [(i, self.constraints[i]) for i in active]
        crossing = {x for _, c in cons if c.last_year for x, _ in c.cells}
        known: set[Cell] = set()
        steps: list = []
        order = [x for x in self.cells if x not in self.derived]  # draws in printed order
        while True:
            step = self._settle(cons, known) or self._split(cons, known)
            if step is None:
                cell = next((x for x in order if x not in known), None)
                if cell is None:
                    break
                step = self._draw(cell, cons, known, crossing)
            steps.append(step)
            known.update(step[1] if step[0] == _SPLIT else (step[1],))
        missing = [x for x in self.cells if x not in known]
        if missing:
            raise ValueError(f"table {self.code}: no identity fills {missing[:3]}")
        exact = {id(self.constraints[s[2]]) for s in steps if s[0] != _DRAW
                 and all(self.kind[x] != AMOUNT for x, _ in self.constraints[s[2]].cells)}
        return steps, [self.checks[i] for i in checked if id(self.checks[i]) not in exact]

    def _settle(self, cons, known):
        """An equality with one unknown cell sets it."""
        for i, c in cons:
            if c.equal:
                unknown = [(x, a) for x, a in c.cells if x not in known]
                if len(unknown) == 1:
                    (cell, a), = unknown
                    return (_SET, cell, i, a, tuple((x, b) for x, b in c.cells if x != cell), self.kind[cell])
        return None

    def _split(self, cons, known):
        """An equality whose unknown cells are all parts of one side shares the known rest among
        them: totals come before their parts, so the parts add up by construction."""
        for i, c in cons:
            if not c.equal:
                continue
            unknown = [x for x, _ in c.cells if x not in known]
            if len(unknown) < 2 or any(self.kind[x] == SIGNED for x in unknown):
                continue
            if set(unknown) <= c.sides[0] or set(unknown) <= c.sides[1]:
                a = next(a for x, a in c.cells if x == unknown[0])
                weights = tuple(WEIGHT if self.typical[x] is None else self.typical[x] for x in unknown)
                cents = any(self.kind[x] == AMOUNT for x in unknown)
                return (_SPLIT, tuple(unknown), i, a, tuple((x, b) for x, b in c.cells if x in known), weights, cents)
        return None

    def _draw(self, cell, cons, known, crossing):
        """A free cell, within the bounds every constraint on it gives (other unknown cells of
        a count are >= 0, a SIGNED one is anything)."""
        bounds = []
        for i, c in cons:
            a = next((a for x, a in c.cells if x == cell), None)
            if a is None:
                continue
            up = down = False  # can the other unknown cells move the sum up, down?
            for x, b in c.cells:
                if x != cell and x not in known:
                    signed = self.kind[x] == SIGNED
                    up, down = up or b > 0 or signed, down or b < 0 or signed
            knowns = tuple((x, b) for x, b in c.cells if x != cell and x in known)
            # a*cell <= R when the others can only add; for '=' also a*cell >= R when they can only subtract
            if not down:
                bounds.append((i, knowns, a, a > 0))
            if c.equal and not up:
                bounds.append((i, knowns, a, a < 0))
        factor = MAGNITUDE if self.typical[cell] is None else self.typical[cell]
        nonzero = 0.4 if self.kind[cell] == AMOUNT else 0.9  # money is often not charged at all
        if cell in self.rare:
            factor, nonzero = factor * RARE, 0.3
        if cell in self.stocks and cell not in crossing:
            factor, nonzero = factor * STOCK, 1.0  # years of documents or items: seldom none
        return (_DRAW, cell, tuple(bounds), factor, nonzero, self.kind[cell])

    # ---- solving ------------------------------------------------------------------------
    def solve(self, rng: random.Random, scale: int, values: Values, previous: Values | None) -> None:
        key = tuple(c.applies(previous) for c in self.crossing)
        plan = self.plans.get(key)
        if plan is None:
            active = tuple(i for i, c in enumerate(self.constraints) if c.applies(previous))
            checked = tuple(i for i, c in enumerate(self.checks) if c.applies(previous))
            plan = self.plans[key] = (*self._plan(active, checked), [i for i in active if self.constraints[i].fixed])
        steps, checks, fixed = plan
        # Last year's cells and earlier tables' do not change between attempts.
        const = dict.fromkeys(range(len(self.constraints)), 0.0)
        const.update((i, self.constraints[i].constant(values, previous)) for i in fixed)
        for _ in range(ATTEMPTS):
            if self._run(rng, steps, scale, values, const) and all(_holds(c, values, previous) for c in checks):
                return
        raise RuntimeError(f"table {self.code}: cannot satisfy its identities")

    def _run(self, rng, steps, scale, values, const) -> bool:
        for step in steps:
            if step[0] == _SET:
                _, cell, i, a, knowns, kind = step
                v = _fit(kind, -(const[i] + _sum(knowns, values)) / a)
                if v is None:
                    return False
                values[cell] = v
            elif step[0] == _SPLIT:
                _, cells, i, a, knowns, weights, cents = step
                parts = _share(rng, -(const[i] + _sum(knowns, values)) / a, weights, cents)
                if parts is None:
                    return False
                values.update(zip(cells, parts))
            else:
                _, cell, bounds, factor, nonzero, kind = step
                lo, hi = -math.inf, math.inf
                for i, knowns, a, upper in bounds:
                    r = -(const[i] + _sum(knowns, values)) / a
                    lo, hi = (lo, min(hi, r)) if upper else (max(lo, r), hi)
                v = _draw(rng, kind, factor * scale, nonzero, lo, hi)
                if v is None:
                    return False
                values[cell] = v
        return True


def _sum(terms: tuple[tuple[Cell, int], ...], values: Values) -> float:
    return sum(a * values[x] for x, a in terms)


def _holds(c: _Constraint, values: Values, previous: Values | None) -> bool:
    s = c.constant(values, previous) + _sum(c.cells, values)
    return abs(s) <= TOLERANCE if c.equal else s <= TOLERANCE


def _fit(kind: str, x: float) -> float | None:
    """`x` as a value of `kind`, or None if it cannot be one (negative count, fraction)."""
    if kind == AMOUNT:
        return (round(max(x, 0.0), 2) or 0) if x > -TOLERANCE else None
    r = round(x)
    if abs(x - r) > TOLERANCE or (kind != SIGNED and r < 0):
        return None
    return int(r)


def _share(rng: random.Random, total: float, weights: tuple[float, ...], cents: bool) -> list | None:
    """`total` spread over parts by weight, with noise; rounding down leaves rare parts at 0,
    and the remainder goes to the heaviest part, so the parts sum exactly to total."""
    units = round(total * 100) if cents else round(total)
    if units < 0 or (not cents and abs(total - units) > TOLERANCE):
        return None
    w = [x * (0.5 + rng.random()) for x in weights]  # noise, but no part swallows a heavier one
    s = sum(w)
    parts = [int(units * x / s) for x in w] if s > 0 else [0] * len(w)
    parts[weights.index(max(weights))] += units - sum(parts)
    return [(p / 100 or 0) for p in parts] if cents else parts


def _draw(rng: random.Random, kind: str, mean: float, nonzero: float, lo: float, hi: float) -> float | None:
    """0 or, with probability `nonzero`, a value around `mean` (rounded at random, so that small
    means give some 1s); a lower bound (last year's stock, a total to cover) is a floor this
    year's own value adds to."""
    if kind != SIGNED:
        lo = max(lo, 0.0)
    step = 100 if kind == AMOUNT else 1
    lo = math.ceil(lo * step - TOLERANCE) / step if lo > -math.inf else lo
    hi = math.floor(hi * step + TOLERANCE) / step if hi < math.inf else hi
    if lo > hi:
        return None
    v = 0.0
    u = rng.random()
    if u < nonzero:
        u /= nonzero  # uniform again, given that it is below `nonzero`
        v = mean * (2 * u - 1) if kind == SIGNED else mean * 2 * u
        v = math.floor(v * step + rng.random()) / step
    if lo > 0:
        v += lo
    v = min(max(v, lo), hi)
    return (round(v, 2) or 0) if kind == AMOUNT else int(v)  # a zero amount is written 0


class _FormatSolver:
    """A format's tables, each with the identities it is solved with."""

    def __init__(self, fmt: Format):
        order = [t.code for t in fmt.tables]
        exists = {(t.code, r.code, c.code) for t in fmt.tables for r in t.rows for c in r.columns}
        homed: dict[str, list[tuple[str, Identity]]] = {code: [] for code in order}
        errors: dict[str, set[Cell]] = {code: set() for code in order}
        for t in fmt.tables:
            for rule in t.rules:
                for ident in rule.identities:
                    now = [_cell(t.code, x) for x in ident.terms if x.year == THIS_YEAR]
                    if not now or not all(x in exists for x in now):
                        continue  # names a cell this format does not print: it never applies
                    # solved with the last table it reads, the others being known by then
                    homed[max((x[0] for x in now), key=order.index)].append((t.code, ident))
                    if rule.severity == ERROR and ident.relation == "=" and not ident.across_years:
                        for x in now:
                            errors[x[0]].add(x)
        self.tables = [_TableSolver(t, homed[t.code]) for t in fmt.tables]
        # Cells an injected error may change: each breaks an error-level identity of its report.
        self.error_cells = {s.code: [x for x in s.cells if x in errors[s.code]] for s in self.tables}


_SOLVERS: dict[int, tuple[Format, _FormatSolver]] = {}  # by id: the format is kept, so its id is not reused


def _solver(fmt: Format) -> _FormatSolver:
    entry = _SOLVERS.get(id(fmt))
    if entry is None:
        entry = _SOLVERS[id(fmt)] = (fmt, _FormatSolver(fmt))
    return entry[1]


def fill(fmt: Format, rng: random.Random, scale: int, previous: Values | None) -> Values:
    """Every cell of every table of `fmt`: all identities hold, within the report and with
    `previous`, the same agency's values of last year (None if it has none)."""
    values: Values = {}
    for table in _solver(fmt).tables:
        table.solve(rng, scale, values, previous)
    return values


def rows_of(table: Table, values: Values) -> dict:
    """The YAML `rows` of a table: a scalar per row, or the row's cells in column order."""
    if table.scalar_rows:
        return {r.code: values[(table.code, r.code, r.columns[0].code)] for r in table.rows}
    return {r.code: [values[(table.code, r.code, c.code)] for c in r.columns] for r in table.rows}


def error_cells(fmt: Format) -> dict[str, list[Cell]]:
    """Per table, the cells taking part in an error-level identity within the report."""
    return {code: cells for code, cells in _solver(fmt).error_cells.items() if cells}


def restated(fmt: Format, values: Values) -> dict[str, float]:
    """The narrative quantities (formats.base NEW … LITIGATION): sums of their rows' totals."""
    out: dict[str, float] = {}
    for t in fmt.tables:
        for r in t.rows:
            if r.restates:
                out[r.restates] = out.get(r.restates, 0) + values[(t.code, r.code, r.columns[-1].code)]
    return out
