"""Which way round a file writes its dates, decided by the votes of all its values (pure).

A value that makes sense only month-first (12/15/2026) votes MDY, one that makes sense only
day-first (15/12/2026) votes DMY; a value that reads both ways (03/04/2026) or neither
(31/31/2027) does not vote. One impossible date therefore never turns a file round. When both
orders have votes the file is not consistent and the user must say which it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from enabler.domain.crm.values import SLASHED_DATE, DateOrder
from enabler.errors import Fix, Hint, InvalidInput

_SHOWN = 3  # lines named per side in the conflict message


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def date_reading(text: str) -> DateOrder | None:
    """The only order in which `text` is a real date; None if it reads both ways or neither."""
    m = SLASHED_DATE.match(text.strip().split("T")[0].split(" ")[0])
    if not m or m.group(2) == ".":  # 23.11.2026 is day-first everywhere
        return None
    a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    year += 2000 if year < 100 else 0
    mdy, dmy = _valid(year, a, b), _valid(year, b, a)
    if mdy == dmy:
        return None
    return DateOrder.MDY if mdy else DateOrder.DMY


@dataclass(frozen=True, slots=True)
class DateVote:
    line: int
    column: str
    text: str

    def __str__(self) -> str:
        return f"line {self.line} ({self.column} {self.text!r})"


@dataclass(slots=True)
class DateBallot:
    """Votes collected over a file; keeps counts and the first few lines of each side."""

    counts: dict[DateOrder, int] = field(default_factory=lambda: dict.fromkeys(DateOrder, 0))
    examples: dict[DateOrder, list[DateVote]] = field(
        default_factory=lambda: {o: [] for o in DateOrder}
    )

    def add(self, line: int, column: str, text: str) -> None:
        order = date_reading(text)
        if order is None:
            return
        self.counts[order] += 1
        if len(self.examples[order]) < _SHOWN:
            self.examples[order].append(DateVote(line, column, text.strip()))

    def decide(self, file: str, default: DateOrder = DateOrder.MDY) -> DateOrder:
        """The order every vote agrees on (`default` when nothing votes); raises on a conflict."""
        mdy, dmy = self.counts[DateOrder.MDY], self.counts[DateOrder.DMY]
        if mdy and dmy:
            raise InvalidInput(
                f"{file} writes dates both ways: {_side(mdy, self.examples[DateOrder.MDY])} "
                f"only month-first, {_side(dmy, self.examples[DateOrder.DMY])} only day-first. "
                "Say which order the file uses, MDY or DMY; rows whose dates do not fit it are "
                "then skipped and named.",
                hint=Hint(Fix.GIVE, "date_order"),
            )
        if dmy:
            return DateOrder.DMY
        return DateOrder.MDY if mdy else default


def _side(count: int, examples: list[DateVote]) -> str:
    shown = ", ".join(str(v) for v in examples)
    more = f" and {count - len(examples)} more" if count > len(examples) else ""
    noun = "date reads" if count == 1 else "dates read"
    return f"{count} {noun} ({shown}{more})"
