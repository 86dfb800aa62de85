"""The workbook ``laaeval template`` writes and ``laaeval import`` reads: its sheets, their
columns, and how a cell's words stand for a value in the evidence file. Both directions read
this one description, so a column cannot be written one way and read another.

Nothing here needs openpyxl: CSV copies of the sheets are read with the same columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model.evidence import DIRECT, INDIRECT, PRIMARY, STANCES, SYNTHESIS, Judgement
from ..model.framework import NOT_APPLICABLE, Framework

WORKBOOK_FORMAT = "workbook/1"  # the value of the Pilot sheet's laaeval:workbook row
ABOUT, PILOT, CRITERIA, EVIDENCE, LISTS = "About", "Pilot", "Criteria", "Evidence", "Lists"
READ = (PILOT, CRITERIA, EVIDENCE)  # the sheets import reads, in the order it reports them

NOT_APPLICABLE_TEXT = "Not applicable"
YES, NO = "yes", "no"
SEPARATORS = re.compile(r"[\s,;]+")  # between ids in one cell: spaces, commas, semicolons


@dataclass(frozen=True)
class Column:
    header: str  # what the sheet says, and what a problem names
    field: str  # what it holds in the evidence file (or, for the judgement sheets, a role)
    width: float
    help: str
    kind: str = "text"  # text | whole (a whole number) | date | ids


EVIDENCE_COLUMNS = (
    Column("ID", "id", 8, "A short id for the item, such as E12 (letters, digits, dots, "
           "hyphens). Each item needs one, different from every other."),
    Column("Basis", "basis", 11, "primary: what a participant said or a document shows (the "
           "default, if left empty); synthesis: the evaluators' own conclusion."),
    Column("Sources", "sources", 20, "The kind of source, from the list: its id, as on the Lists "
           "sheet. Several, separated by spaces, if it draws on more than one. Primary evidence "
           "needs at least one.", "ids"),
    Column("Perspective", "perspective", 20, "Whose view it gives, from the list. Primary "
           "evidence needs one."),
    Column("Organisation", "organisation", 16, "Optional: the named body within the "
           "perspective, such as DfES (tells disagreement within one perspective apart)."),
    Column("Speaker", "speaker", 16, "Optional: who said it, a role or a name."),
    Column("Summary", "summary", 50, "What was said or found, in your words. Needed."),
    Column("Quote", "quote", 40, "Optional: the exact words, where there are some."),
    Column("Reference", "reference", 24, "Optional: the interview or document it comes from."),
    Column("Paragraph", "paragraph", 10, "Optional: a paragraph number, such as 7.1.6."),
    Column("Page", "page", 8, "Optional: a page, or pages such as 12-13."),
    Column("Link", "link", 20, "Optional: a web address."),
    Column("Date", "date", 12, "Optional: the date, written YYYY-MM-DD (such as 2005-01-19).",
           "date"),
    Column("Prevalence", "prevalence", 12, "Optional: how widely the view is held, from the list."),
    Column("Count", "count", 8, "Optional: how many interviewees, documents or pilots it stands "
           "for (a whole number).", "whole"),
    Column("Out of", "out_of", 8, "Optional: of how many (a whole number).", "whole"),
    Column("Counted", "counted", 14, "Optional: what was counted, such as pilots."),
    Column("Directness", "directness", 12, "direct (the default, if left empty) or indirect: "
           "reported second-hand."),
    Column("Bears on (supports)", "supports", 18, "The criteria or indicators this supports: "
           "ids such as PN3 PN3.2, separated by spaces.", "ids"),
    Column("Bears on (challenges)", "challenges", 18, "The criteria or indicators this "
           "challenges: ids separated by spaces.", "ids"),
    Column("Bears on (neutral)", "neutral", 18, "The criteria or indicators it bears on without "
           "supporting or challenging them: ids separated by spaces.", "ids"),
)  # fmt: skip

CRITERIA_COLUMNS = (
    Column("ID", "id", 9, "The framework's id for the part, criterion or indicator."),
    Column("Text", "text", 62, "The framework's own words (they cannot be changed here)."),
    Column("Rating", "rating", 22, "Your judgement, from the list: a rating on the scale, not "
           "applicable, or a verdict such as too early to say. Leave it empty if not yet judged."),
    Column("Rationale", "rationale", 48, "Why you judged it so. The framework may ask for one "
           "with every rating."),
    Column("Contested (your finding)", "contested", 14, "Optional, on a criterion: yes or no, "
           "only where you read the evidence differently from laaeval (say why in Rationale)."),
    Column("Narrative", "narrative", 40, "Optional: what you would write about this part of the "
           "framework in a report."),
    Column("Part", "part", 11, "Aspect, level, criterion or indicator."),
    Column("Applies to", "applies", 18, "Whom the framework says it applies to, if not everyone."),
    Column("Sources of evidence expected", "expected", 40, "The sources the framework expects "
           "for this criterion."),
)  # fmt: skip

PILOT_COLUMNS = (
    Column("Detail", "label", 26, "What the row is for."),
    Column("Value", "value", 60, "Your answer."),
    Column("What to write", "help", 60, "A note on what to write."),
    Column("Key", "key", 22, "Where the answer goes in the evidence file (laaeval reads this "
           "column; leave it as it is)."),
)  # fmt: skip

# The keys of the Pilot sheet: where each answer goes in the evidence file. Every one has a
# colon, which no pilot attribute's id can have, so a framework's attributes cannot clash.
MARKER = "laaeval:workbook"
FRAMEWORK_ID, FRAMEWORK_VERSION, FRAMEWORK_HASH = (
    "framework:id", "framework:version", "framework:hash")  # fmt: skip
RECORD_KEYS = {"record:assessor": "assessor", "record:created": "created",
               "record:updated": "updated", "record:method": "method",
               "record:notes": "notes"}  # fmt: skip
CAVEAT = "record:caveat"
OVERALL = "narrative:overall"
PILOT_PREFIX = "pilot:"

COLUMNS = {PILOT: PILOT_COLUMNS, CRITERIA: CRITERIA_COLUMNS, EVIDENCE: EVIDENCE_COLUMNS}
# A CSV copy of a sheet is told by its header row: the columns that only it has.
SIGNATURE = {PILOT: {"key", "value"}, CRITERIA: {"id", "rating"},
             EVIDENCE: {"id", "summary"}}  # fmt: skip


def header_key(text: object) -> str:
    """A header as compared: case and spacing do not matter ("bears on  (Supports)")."""
    return " ".join(str(text).split()).casefold() if text is not None else ""


def by_header(columns: Iterable[Column]) -> dict[str, Column]:
    return {header_key(c.header): c for c in columns}


# -- ratings, perspectives and other words in cells --------------------------------------


def rating_choices(framework: Framework, unit_id: str | None = None) -> list[tuple[str, Any]]:
    """The drop-down's words and what each means: the answers (the scale, or the item's own
    answer set, such as SAMM's "0.25 Yes, for some applications"), not applicable where
    the item may be so answered, the verdicts. Without an item: every answer there is."""
    points = _all_points(framework) if unit_id is None else framework.points_for(unit_id)
    choices: list[tuple[str, Any]] = list(dict.fromkeys(
        (f"{p.value:g} {p.label}", p.value) for p in points))  # fmt: skip
    if unit_id is None or not_applicable_allowed(framework, unit_id):
        choices.append((NOT_APPLICABLE_TEXT, NOT_APPLICABLE))
    choices += [(v.label, v.id) for v in framework.verdicts]
    return choices


def not_applicable_allowed(framework: Framework, unit_id: str) -> bool:
    """Whether an item may be judged not applicable: its own say, else the framework's rule
    (as validate checks it)."""
    item = framework.units_by_id.get(unit_id) or framework.criteria_by_id.get(unit_id)
    own = getattr(item, "not_applicable", None)
    if own is not None:
        return own != "forbidden"
    return framework.scoring.not_applicable != "forbidden"


def _all_points(framework: Framework) -> list[Any]:
    """The scale, then each answer set's answers (a framework may have no scale)."""
    return [*framework.scale, *(p for points in framework.answer_sets.values() for p in points)]


def rating_text(judgement: Judgement | None, framework: Framework) -> str | None:
    """A judgement's rating as the drop-down words it ("2 Largely met"), or None."""
    if judgement is None:
        return None
    if judgement.not_applicable:
        return NOT_APPLICABLE_TEXT
    if judgement.verdict is not None:
        verdict = framework.verdicts_by_id.get(judgement.verdict)
        return verdict.label if verdict else judgement.verdict
    if judgement.rating is not None:
        point = framework.point_for(judgement.unit_id, judgement.rating)
        return f"{point.value:g} {point.label}" if point else str(judgement.rating)
    return None


_LEADING_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)\s*(?:[-–—:.)]\s*)?(.*)")


def parse_rating(value: Any, framework: Framework, unit_id: str | None = None) -> Any:
    """What a Rating cell means: a value among the item's answers (``unit_id``'s, or any
    answer), n/a, or a verdict's id. Words the framework does not offer are returned as
    they are, for the evidence checks to name (with a "did you mean"); a number with the
    wrong label is a ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"{value} is not a rating")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    text = " ".join(str(value).split())
    wanted = text.casefold()
    for words, meaning in rating_choices(framework, unit_id):
        if wanted == words.casefold():
            return meaning
    if wanted in ("n/a", "na", "not applicable"):
        return NOT_APPLICABLE
    if wanted in framework.verdicts_by_id:
        return wanted
    match = _LEADING_NUMBER.fullmatch(text)
    if match:
        found = float(match.group(1))
        number = int(found) if found.is_integer() else found
        rest = match.group(2).strip()
        own = _all_points(framework) if unit_id is None else framework.points_for(unit_id)
        meanings = [p for p in own if p.value == number]
        point = meanings[0] if meanings else None
        if not rest or point is None:
            return number
        if any(rest.casefold() == p.label.casefold() for p in meanings):
            return number
        where = "on the scale" if unit_id is None or not framework.answer_sets else (
            f"for {unit_id}")  # fmt: skip
        raise ValueError(f"says {number} but {rest!r} is not what {number} means {where} "
                         f"({number} is {point.label}); choose from the list")  # fmt: skip
    return text


def perspective_text(ident: str | None, framework: Framework) -> str | None:
    """A perspective as the drop-down words it: its label, where labels tell them apart."""
    if ident is None:
        return None
    perspective = framework.perspectives_by_id.get(ident)
    if perspective is None or not labels_unique(framework):
        return ident
    return perspective.label


def labels_unique(framework: Framework) -> bool:
    labels = [p.label.casefold() for p in framework.perspectives]
    return len(set(labels)) == len(labels)


def parse_perspective(text: str, framework: Framework) -> str:
    """A perspective's id from its label or id, in any case; anything else as it is."""
    wanted = " ".join(text.split()).casefold()
    for p in framework.perspectives:
        if wanted in (p.id.casefold(), p.label.casefold()):
            return p.id
    return text.strip()


def split_ids(text: str) -> list[str]:
    return [part for part in SEPARATORS.split(text) if part]


def id_lookup(framework: Framework) -> dict[str, str]:
    """Criterion and indicator ids by their upper case, for :func:`known_id`."""
    ids = [*framework.criteria_by_id, *framework.units_by_id]
    return {ident.upper(): ident for ident in ids}


def known_id(token: str, lookup: dict[str, str]) -> str:
    """A criterion or indicator id as the framework writes it (people type ``pn3``); an
    unknown one as it was typed, for the checks to name."""
    return lookup.get(token.upper(), token)


BASIS_WORDS = (PRIMARY, SYNTHESIS)
DIRECTNESS_WORDS = (DIRECT, INDIRECT)
STANCE_FIELDS = STANCES  # the three Bears on columns, in order
