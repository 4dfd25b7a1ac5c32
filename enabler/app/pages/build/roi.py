"""The Build page's part of the ROI page's "Copy to deck": add the business-case slides.

Mixed into BuildPage (before QWidget); uses its plan, undo stack, `_run`, `select_prospect`.
"""

from __future__ import annotations

from enabler.app.models import PlanEntry
from enabler.app.undo import AddModule
from enabler.domain.refs import ProspectRef


class RoiCopying:
    def add_roi_slides(self, company: str) -> None:
        """Put `company`'s business-case slides into its plan, as one undoable step."""
        self._roi_for = company
        if self.prospect is not None and self.prospect.company == company:
            self._place_roi()  # a list refresh in flight still completes
        elif not self.select_prospect(company):
            self.refresh()  # the list is not loaded yet: _loaded selects the prospect

    def _place_roi(self) -> None:
        keys, pid = self.plan.module_keys(), ProspectRef.by_id(self.prospect.id)
        self._roi_for = None

        def work(ctx):
            from enabler.services.roi.deck import place_in_plan

            return place_in_plan(ctx.open_db(), pid, keys)

        self._run(work, self._roi_placed)

    def _roi_placed(self, placement) -> None:
        if not placement.modules:
            self.status.emit("The business-case slides are already in the deck.")
            return
        self.undo_stack.beginMacro("Copy the business case to the deck")
        for n, m in enumerate(placement.modules):
            entry = PlanEntry(m.key, m.title, "business case, copied from the ROI page")
            self.undo_stack.push(AddModule(self.plan, placement.row + n, entry))
        self.undo_stack.endMacro()
        self.status.emit(
            f"Added {len(placement.modules)} business-case slides to the deck; Ctrl+Z removes them."
        )
