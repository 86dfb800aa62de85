"""What a sitting of ``laaeval assess`` covers (the whole framework, or an aspect, level,
criterion or source of evidence), and the order it walks the indicators in."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import UsageError, unknown
from ..model import evidence as ev
from ..model.framework import Framework


@dataclass(frozen=True)
class Focus:
    """What this sitting covers: everything, or part of the framework."""

    aspect: str | None = None
    level: str | None = None
    criterion: str | None = None
    unjudged: bool = False
    source: str | None = None

    def check(self, framework: Framework) -> Focus:
        """The same focus with ids as the framework writes them; unknown ids refused."""
        fixed = {}
        for name, kind in (("aspect", "aspect"), ("level", "level"), ("criterion", "criterion")):
            value = getattr(self, name)
            if value is None:
                continue
            found = framework.find(value)
            if found is None or type(found).__name__.lower() != kind:
                known = _ids_of_kind(framework, kind)
                raise UsageError(unknown(kind, value, known) + f" (known: {', '.join(known)})")
            fixed[name] = found.id
        if self.source is not None and self.source not in framework.source_types_by_id:
            raise UsageError(unknown("source type", self.source, framework.source_types_by_id))
        return replace(self, **fixed)


def _ids_of_kind(framework: Framework, kind: str) -> list[str]:
    if kind == "aspect":
        return [a.id for a in framework.aspects]
    if kind == "level":
        return [lv.id for a in framework.aspects for lv in a.levels]
    return [c.id for c in framework.criteria]


def walk_order(framework: Framework, record: ev.EvidenceFile, focus: Focus) -> list[str]:
    """The ids to visit, in framework order, leaving out what cannot apply to this pilot."""
    ids = []
    for c in framework.criteria:
        if focus.aspect and c.aspect_id != focus.aspect:
            continue
        if focus.level and c.level_id != focus.level:
            continue
        if focus.criterion and c.id != focus.criterion:
            continue
        if focus.source and focus.source not in c.expected_types:
            continue
        for unit in c.units:
            if ev.excluded_by(framework, unit.id, record.pilot):
                continue
            if focus.unjudged and ev.covered(framework, record, unit.id):
                continue
            ids.append(unit.id)
    return ids
