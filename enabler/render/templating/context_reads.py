"""Which top-level template values (`prospect`, `roi`, `objections`…) rendering a plan can read.

A build computes a context provider's data (an ROI business case, the objection checklist…)
only when the plan can read it. So the answer must never miss a name: it covers every text that
goes through templating (deck title, module texts, speaker notes) and what the opening slides
read. Slides that read the context directly instead — generated slides (ROI, objections,
worksheets) and designed slides, whose tags, conditions and repeats are not module text —
make the answer "anything" (None), as does a text that cannot be analysed.
"""

from __future__ import annotations

from enabler.domain.deck.plan import DeckPlan
from enabler.domain.modules import ModuleKind
from enabler.render.slides.generated import GENERATORS
from enabler.render.templating import engine as templating

# The title slide reads these outside any template text (enabler.render.slides.opening).
OPENING_NAMES = frozenset({"prospect", "contact", "rep", "vendor", "today"})


def plan_reads(plan: DeckPlan) -> frozenset[str] | None:
    """Top-level names rendering `plan` can read, or None when it may read any."""
    sources = [plan.title]
    for planned in plan.modules:
        version, content = planned.version, planned.version.content
        if version.kind is not ModuleKind.SMART or content is None:
            return None
        if content.layout in GENERATORS:
            return None
        sources += content.texts()
        sources.append(version.talking_points)
    names = set(OPENING_NAMES)
    for source in sources:
        found = templating.names_read(source)
        if found is None:
            return None
        names |= found
    return frozenset(names)
