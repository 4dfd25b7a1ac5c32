"""The Build page's prospect list: open deals first, closed ones on request, one to follow."""

from __future__ import annotations

from PySide6.QtCore import Qt

from enabler.app.closed_deals import hidden_by_filter, shown_prospects


class BuildProspects:
    """Mixin for BuildPage: lists prospects and selects one by company."""

    def _prospect_text(self, p) -> str:
        outcome = self._closed.get(p.id)
        ended = outcome.value.replace("_", " ").capitalize() if outcome else None
        return f"{p.company}\n{ended or p.stage.label}"

    def follow_prospect(self, company: str) -> None:
        """Show `company` once the list (reloaded as the page is shown) has it."""
        if self.prospect is None or self.prospect.company != company:
            self._follow = company

    def _list_prospects(self) -> None:
        self.prospects.set_items(
            shown_prospects(
                self._all_prospects, self._closed, self.closed_box.isChecked(), self.prospect
            )
        )

    def select_prospect(self, company: str) -> bool:
        if hidden_by_filter(company, self.prospects.items(), self._all_prospects):
            self.closed_box.setChecked(True)  # a closed deal asked for by name
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, Qt.ItemDataRole.UserRole).company == company:
                self.prospect_view.setCurrentIndex(index)
                return True
        return False
