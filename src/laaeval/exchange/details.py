"""A pilot's details given on the command line (``--pilot``, ``--round``, ``--detail
tier=two-tier``…), checked against the framework: for a new template, or for a new evidence
file made from sources that do not say whom they are about (a coded project, a CSV)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UsageError, unknown
from ..model.evidence import Pilot
from ..model.framework import MIXED, Framework


@dataclass(frozen=True)
class Given:
    pilot: str | None = None
    round: str | None = None
    region: str | None = None
    assessor: str | None = None
    details: tuple[str, ...] = ()  # NAME=VALUE

    @property
    def any(self) -> bool:
        return any((self.pilot, self.round, self.region, self.assessor, self.details))


def attributes(framework: Framework, given: Given) -> dict[str, str]:
    """The ``--detail NAME=VALUE`` options as pilot attributes the framework knows."""
    out: dict[str, str] = {}
    for text in given.details:
        key, sep, value = text.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            raise UsageError(f"--detail takes NAME=VALUE, such as tier=two-tier (not {text!r})")
        attribute = framework.attributes_by_id.get(key)
        if attribute is None:
            raise UsageError(unknown("pilot detail", key, framework.attributes_by_id)
                             + f" (this framework's: {', '.join(framework.attributes_by_id)})")
        if value not in attribute.values and value != MIXED:
            raise UsageError(unknown(attribute.label.lower(), value, attribute.values)
                             + f" (one of: {', '.join(attribute.values)})")  # fmt: skip
        out[key] = value
    return out


def pilot_from(framework: Framework, given: Given, why: str) -> Pilot:
    """The pilot a new evidence file is about; ``why`` says why we must be told."""
    if not given.pilot or not given.round:
        raise UsageError(f"{why}: say whom it is about with --pilot NAME and --round LABEL "
                         "(such as --round final)")  # fmt: skip
    return Pilot(given.pilot, given.round, given.region or None, attributes(framework, given))
