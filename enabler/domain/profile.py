"""Who is using this copy of Enabler: a name for the audit log and a role for the workflow.

This is workflow, not security: anyone with the file can change the profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from enabler.errors import Fix, Hint, InvalidInput


class Role(StrEnum):
    MARKETING = "marketing"
    SALES = "sales"


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    role: Role

    def require_marketing(self, what: str) -> None:
        """Marketing owns the library; reps use it."""
        if self.role is not Role.MARKETING:
            raise InvalidInput(
                f"Only marketing can {what}; you are set up as {self.role.value}.",
                hint=Hint(Fix.DO_FIRST, "set_role"),
            )


def make_profile(name: str, role: str) -> Profile:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("Give your name.", hint=Hint(Fix.GIVE, "name"))
    try:
        return Profile(name, Role(role))
    except ValueError:
        raise InvalidInput(f"Role must be marketing or sales, not {role!r}.") from None
