"""``laaeval template``: a workbook an evaluator fills in, for one pilot and one round.

Sheets: About (how to fill it in), Pilot (the details), Criteria (one row per part of the
framework, with a rating drop-down and a rationale), Evidence (one row per piece of
evidence), Lists (what the drop-downs offer). The framework's own words are locked, the
cells to fill in are not; headers are frozen and explained. Filled from an evidence file
(``--from``), it holds everything in that file, so that ``laaeval import`` gives it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..files.xlsx import fit_height, new_workbook, put, to_bytes
from ..model.evidence import DIRECT, PRIMARY, EvidenceFile, EvidenceItem, Judgement, Pilot
from ..model.framework import MIXED, Criterion, Framework, Level
from . import layout as L
from .details import Given, attributes

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

HEADER_FILL, FIXED_FILL, GROUP_FILL = "FFD9E2EC", "FFF2F2F2", "FFDDDDDD"
SPARE_CAVEATS = 5
ABOUT_WIDTH = 88  # characters: the width of A4 portrait, so that it prints unscaled


@dataclass(frozen=True)
class Styles:
    """openpyxl style objects, made once and shared by every cell."""

    header: Any
    header_fill: Any
    fixed: Any
    group: Any
    wrap: Any
    top: Any
    unlocked: Any
    bold: Any


def _styles() -> Styles:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    return Styles(
        header=Font(bold=True), header_fill=PatternFill("solid", fgColor=HEADER_FILL),
        fixed=PatternFill("solid", fgColor=FIXED_FILL),
        group=PatternFill("solid", fgColor=GROUP_FILL),
        wrap=Alignment(wrap_text=True, vertical="top"), top=Alignment(vertical="top"),
        unlocked=Protection(locked=False), bold=Font(bold=True),
    )  # fmt: skip


def build(framework: Framework, record: EvidenceFile | None = None,
          given: Given | None = None) -> bytes:  # fmt: skip
    """The workbook, as the bytes of an .xlsx file."""
    given = given or Given()
    wb = new_workbook()
    styles = _styles()
    about = wb.active
    about.title = L.ABOUT
    lists = _Lists(wb.create_sheet(L.LISTS), framework, styles)
    _about(about, framework, styles)
    _pilot_sheet(wb.create_sheet(L.PILOT, 1), framework, record, given, lists, styles)
    _criteria_sheet(wb.create_sheet(L.CRITERIA, 2), framework, record, lists, styles)
    _evidence_sheet(wb.create_sheet(L.EVIDENCE, 3), framework, record, lists, styles)
    return to_bytes(wb)


# -- building blocks ---------------------------------------------------------------------


def _headers(ws: Worksheet, columns: Sequence[L.Column], styles: Styles) -> None:
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    for n, column in enumerate(columns, start=1):
        cell = put(ws, 1, n, column.header)
        cell.font, cell.fill, cell.alignment = styles.header, styles.header_fill, styles.wrap
        cell.comment = Comment(column.help, "laaeval", width=300, height=110)
        ws.column_dimensions[get_column_letter(n)].width = column.width
    fit_height(ws, 1, [(c.header, c.width) for c in columns])
    ws.freeze_panes = "B2"


def _page(ws: Worksheet, landscape: bool = False) -> None:
    """Printed on A4, as wide as the page and as long as it takes, the header on each page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if ws.title != L.ABOUT:
        ws.print_title_rows = "1:1"


def _height(ws: Worksheet, row: int, texts: Sequence[tuple[Any, float]]) -> None:
    fit_height(ws, row, texts)


def _protect(ws: Worksheet) -> None:
    """Lock the framework's own words against a slip of the keyboard; no password, so that
    Review › Unprotect Sheet lifts it. Widening columns and filtering stay allowed."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


class _Lists:
    """The Lists sheet: what each drop-down offers, in a column each, so that the lists
    can be as long as a framework needs and each choice can be read with its meaning."""

    def __init__(self, ws: Worksheet, framework: Framework, styles: Styles) -> None:
        self.ws, self.styles, self.column = ws, styles, 0
        self.ranges: dict[str, str] = {}
        ws.sheet_properties.tabColor = "808080"
        self.rating_key: dict[str, str] = {}  # criterion or indicator id -> its list
        self._rating_lists(framework)
        labels = L.labels_unique(framework)
        self.add("perspectives", "Perspectives",
                 [p.label if labels else p.id for p in framework.perspectives], 30)
        self.add("perspective ids", "Perspective id", [p.id for p in framework.perspectives], 16,
                 listed=False)  # fmt: skip
        self.add("sources", "Source types", [s.id for s in framework.source_types], 22)
        self.add("source labels", "Source type", [s.label for s in framework.source_types], 44,
                 listed=False)  # fmt: skip
        self.add("source kinds", "Kind", [s.kind for s in framework.source_types], 14,
                 listed=False)  # fmt: skip
        self.add("prevalence", "Prevalence", list(framework.prevalence), 12)
        self.add("basis", "Basis", list(L.BASIS_WORDS), 11)
        self.add("directness", "Directness", list(L.DIRECTNESS_WORDS), 11)
        self.add("yes no", "Yes or no", [L.YES, L.NO], 10)
        for attribute in framework.pilot_attributes:
            self.add(f"pilot:{attribute.id}", attribute.label, [*attribute.values, MIXED], 18)
        ws.freeze_panes = "A2"
        _page(ws, landscape=True)
        _protect(ws)

    def _rating_lists(self, framework: Framework) -> None:
        """A list of answers for each set of answers a question is judged on, so that each
        row's drop-down offers that question's own (SAMM: thirteen sets, 0 to 1 in words of
        their own, and no not applicable); one list, Ratings, where all share the scale."""
        lists: dict[tuple[str, ...], tuple[str, str]] = {}  # words -> (key, title)
        for criterion in framework.criteria:
            for unit_id, name in ((criterion.id, criterion.answers),
                                  *((i.id, i.answers or criterion.answers)
                                    for i in criterion.indicators)):  # fmt: skip
                words = tuple(w for w, _ in L.rating_choices(framework, unit_id))
                if words not in lists:
                    title = f"Answer set {name}" if name else "Ratings"
                    if any(t == title for _, t in lists.values()):
                        title += " (with not applicable)" if L.NOT_APPLICABLE_TEXT in words \
                            else " (no not applicable)"
                    lists[words] = (f"ratings:{len(lists)}", title)
                self.rating_key[unit_id] = lists[words][0]
        if not lists:  # a framework with no criteria yet: the scale's list
            lists[tuple(w for w, _ in L.rating_choices(framework))] = ("ratings:0", "Ratings")
        for words, (key, title) in lists.items():
            self.add(key, title, list(words), 24 if len(lists) == 1 else 30)

    def add(self, key: str, title: str, values: Sequence[str], width: float,
            listed: bool = True) -> None:  # fmt: skip
        from openpyxl.utils import get_column_letter

        self.column += 1
        letter = get_column_letter(self.column)
        cell = put(self.ws, 1, self.column, title)
        cell.font, cell.fill = self.styles.header, self.styles.header_fill
        for n, value in enumerate(values, start=2):
            put(self.ws, n, self.column, value, faithful=True)
        self.ws.column_dimensions[letter].width = width
        if listed:
            last = max(len(values) + 1, 2)
            self.ranges[key] = f"{L.LISTS}!${letter}$2:${letter}${last}"

    def validation(self, key: str, strict: bool = True, prompt: str = "") -> Any:
        """A drop-down of one list. ``strict`` refuses anything else; otherwise other
        words may be typed too (several source types, separated by spaces)."""
        from openpyxl.worksheet.datavalidation import DataValidation

        check = DataValidation(type="list", formula1=self.ranges[key], allow_blank=True,
                               showErrorMessage=strict, showInputMessage=bool(prompt))
        if strict:
            check.errorTitle, check.error = "Choose from the list", (
                "Choose one of the words in the drop-down list (the Lists sheet says what each "
                "means), or leave the cell empty.")  # fmt: skip
        if prompt:
            check.prompt = prompt[:250]
        return check


def _prompt(text: str) -> Any:
    """A note shown when a cell is chosen, where there is no list to choose from."""
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(showInputMessage=True, showErrorMessage=False, allow_blank=True)
    check.prompt = text[:250]
    return check


# -- the About sheet -----------------------------------------------------------------------


def _about(ws: Worksheet, framework: Framework, styles: Styles) -> None:
    from openpyxl.styles import Font

    title = f"Evidence workbook: {framework.title}"
    put(ws, 1, 1, title, faithful=True).font = Font(bold=True, size=14)
    row = 2
    for text in _about_text(framework):
        row += 1
        cell = put(ws, row, 1, text, faithful=True)
        cell.alignment = styles.wrap
        if text.endswith(":") or text in _ABOUT_HEADINGS:
            cell.font = styles.bold
        _height(ws, row, [(text, ABOUT_WIDTH)])
    ws.column_dimensions["A"].width = ABOUT_WIDTH
    _page(ws)
    _protect(ws)


_ABOUT_HEADINGS = ("How to fill it in", "When you have filled it in", "The rating scale",
                   "The answers", "About this workbook")  # fmt: skip


def _answers_text(framework: Framework, scale: str) -> list[str]:
    """What the ratings are: the scale, or, where questions have answers of their own (SAMM),
    that each row's drop-down offers its own."""
    if not framework.answer_sets:
        return ["The rating scale", f"{scale}. A criterion's score is its rating (or its "
                "indicators' mean rating) as a percentage of the highest rating."]
    sets = len(framework.answer_sets) + bool(framework.scale)
    own = (f"{scale}; or, for some, answers of their own. " if scale else
           "Each question has answers of its own. ")  # fmt: skip
    points = next(iter(framework.answer_sets.values()))
    example = points[min(1, len(points) - 1)]
    return ["The answers", own + f"Each row's Rating drop-down offers that row's own answers "
            f"(there are {sets} sets; the Lists sheet sets out each). An answer's value comes "
            f"first, as in {example.value:g} {example.label}."]


def _about_text(framework: Framework) -> list[str]:
    scale = "; ".join(f"{p.value} {p.label}" for p in framework.scale)
    verdicts = " or ".join(f"“{v.label.lower()}”" for v in framework.verdicts)
    return [
        f"This workbook records the evidence and judgements for one pilot, in one round, "
        f"against {framework.title} ({framework.id}, version {framework.version}). Fill it in "
        "here or in LibreOffice, then turn it into an evidence file with laaeval import.",
        "How to fill it in",
        "Pilot: the pilot's name and the round (such as mid-way or final) are needed; the "
        "other details are optional. Where a cell has a drop-down list, choose from it.",
        "Evidence: one row for each piece of evidence, such as what an interviewee said or "
        "what a document shows. Give each row an ID (such as E1), its kind of source and "
        "whose view it gives (from the drop-down lists), and a summary in your words. Put the "
        "criteria and indicators it bears on in the three Bears on columns, by whether it "
        "supports them, challenges them, or neither: several ids in one cell, separated by "
        "spaces (such as PN3 PN3.2). For evidence that draws on more than one kind of source, "
        "write their ids in Sources separated by spaces. The evaluators' own conclusions are "
        "evidence too: mark them synthesis in Basis; they need no source or perspective.",
        "Criteria: the framework's criteria and indicators, in order. Choose a rating for each "
        "indicator, or for a criterion as a whole, and say why in Rationale. Leave a rating "
        "empty until you have judged it: an empty rating means not yet judged, never a zero. "
        f"Instead of a rating you can choose not applicable, or a verdict such as {verdicts}. "
        "The framework's own words are locked so that they cannot be changed by accident; "
        "Review › Unprotect Sheet lifts the lock (there is no password).",
        "Lists: what each choice in the drop-down lists means.",
        "Each column heading has a note saying what to write in it. You may add, sort and "
        "reorder rows on the Evidence sheet; keep the headings as they are.",
        *_answers_text(framework, scale),
        "When you have filled it in",
        "Run: laaeval import THIS-WORKBOOK.xlsx --output evidence.yaml",
        "laaeval checks every cell and lists every problem it finds, each naming the sheet, "
        "the row and the column, such as: Evidence, row 14, column Sources: unknown source type "
        "\"cg-interveiw\"; did you mean \"cg-interview\"? It writes nothing until everything is "
        "right. Import into an evidence file you already have to bring it up to date: laaeval "
        "says which items and judgements were added, changed or removed.",
        "You can also save the Pilot, Criteria or Evidence sheet as a CSV file (CSV UTF-8) and "
        "import that: laaeval knows each sheet by its headings.",
        "About this workbook",
        "Made by laaeval template. The Pilot sheet's last column (Key) tells laaeval where each "
        "answer goes; leave it as it is.",
    ]


# -- the Pilot sheet ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Detail:
    label: str
    key: str
    value: Any
    help: str
    editable: bool = True
    choices: str | None = None  # a list on the Lists sheet


def _details(framework: Framework, record: EvidenceFile | None,
             given: Given) -> list[_Detail]:  # fmt: skip
    pilot = record.pilot if record else Pilot(given.pilot or "", given.round or "",
                                              given.region, attributes(framework, given))
    assessor = record.assessor if record else given.assessor
    rows = [
        _Detail("Made by", L.MARKER, L.WORKBOOK_FORMAT, "laaeval template", editable=False),
        _Detail("Framework", L.FRAMEWORK_ID, framework.id, framework.title, editable=False),
        _Detail("Framework version", L.FRAMEWORK_VERSION, framework.version, "", editable=False),
        _Detail("Framework fingerprint", L.FRAMEWORK_HASH, framework.hash,
                "Tells whether the framework has changed since", editable=False),
        _Detail("Pilot", "pilot:name", pilot.name or None, "Needed: the area or partnership"),
        _Detail("Round", "pilot:round", pilot.round or None, "Needed: such as mid-way or final"),
        _Detail("Region", "pilot:region", pilot.region, "Optional"),
        _Detail("Number of pilots, for a group", "pilot:group", pilot.group,
                "Only for an assessment of a group of pilots as a whole, such as 21"),
    ]
    for attribute in framework.pilot_attributes:
        rows.append(_Detail(attribute.label, f"pilot:{attribute.id}",
                            pilot.attributes.get(attribute.id),
                            f"Optional: one of {', '.join(attribute.values)} (mixed only for a "
                            "group)", choices=f"pilot:{attribute.id}"))  # fmt: skip
    rows.append(_Detail("Assessor", "record:assessor", assessor, "Optional: your name"))
    rows += _record_details(record)
    return rows


def _record_details(record: EvidenceFile | None) -> list[_Detail]:
    caveats = list(record.caveats) if record else []
    rows = [_Detail("Method", "record:method", record.method if record else None,
                    "Optional: how the evidence was gathered and judged")]
    for n in range(len(caveats) + SPARE_CAVEATS):
        rows.append(_Detail("Caveat", L.CAVEAT, caveats[n] if n < len(caveats) else None,
                            "Optional: one caveat a row; each is shown in every report"))
    narrative = record.narrative.get("overall") if record else None
    rows += [
        _Detail("Overall narrative", L.OVERALL, narrative,
                "Optional: what you would write about the pilot as a whole"),
        _Detail("Notes", "record:notes", record.notes if record else None, "Optional"),
        _Detail("Started", "record:created", record.created if record else None,
                "laaeval fills this in"),
        _Detail("Last updated", "record:updated", record.updated if record else None,
                "laaeval fills this in when it imports"),
    ]  # fmt: skip
    return rows


def _pilot_sheet(ws: Worksheet, framework: Framework, record: EvidenceFile | None,
                 given: Given, lists: _Lists, styles: Styles) -> None:  # fmt: skip
    _headers(ws, L.PILOT_COLUMNS, styles)
    widths = [c.width for c in L.PILOT_COLUMNS]
    for row, detail in enumerate(_details(framework, record, given), start=2):
        values = (detail.label, detail.value, detail.help, detail.key)
        for n, value in enumerate(values, start=1):
            cell = put(ws, row, n, value, faithful=True)
            cell.alignment = styles.wrap
            if n == 2 and detail.editable:
                cell.protection = styles.unlocked
            else:
                cell.fill = styles.fixed
        ws.cell(row, 1).font = styles.bold
        if detail.choices:
            check = lists.validation(detail.choices)
            ws.add_data_validation(check)
            check.add(ws.cell(row, 2))
        _height(ws, row, list(zip(values, widths, strict=True)))
    _page(ws, landscape=True)
    _protect(ws)


# -- the Criteria sheet --------------------------------------------------------------------


def _criteria_sheet(ws: Worksheet, framework: Framework, record: EvidenceFile | None,
                    lists: _Lists, styles: Styles) -> None:  # fmt: skip
    _headers(ws, L.CRITERIA_COLUMNS, styles)
    judgements = record.judgements if record else {}
    narrative = record.narrative if record else {}
    checks: dict[str, Any] = {}  # a drop-down per list of answers, made as first needed
    yes_no = lists.validation("yes no")
    ws.add_data_validation(yes_no)
    rows = _criteria_rows(framework)
    for row, (part, ident, text, criterion) in enumerate(rows, start=2):
        judgement = judgements.get(ident)
        cells = _criteria_cells(framework, part, ident, text, criterion, judgement,
                                narrative.get(ident))  # fmt: skip
        for n, (value, editable) in enumerate(cells, start=1):
            cell = put(ws, row, n, value, faithful=True)
            cell.alignment = styles.wrap
            if editable:
                cell.protection = styles.unlocked
            else:
                cell.fill = styles.group if part in ("aspect", "level") else styles.fixed
            if part != "indicator" and n <= 2:
                cell.font = styles.bold
        if cells[2][1]:
            key = lists.rating_key.get(ident, "ratings:0")
            if key not in checks:
                checks[key] = lists.validation(key)
                ws.add_data_validation(checks[key])
            checks[key].add(ws.cell(row, 3))
        if cells[4][1]:
            yes_no.add(ws.cell(row, 5))
        widths = [c.width for c in L.CRITERIA_COLUMNS]
        _height(ws, row, [(value, w) for (value, _), w in zip(cells, widths, strict=True)])
    ws.auto_filter.ref = f"A1:I{len(rows) + 1}"
    _page(ws, landscape=True)
    _protect(ws)


def _criteria_rows(framework: Framework) -> list[tuple[str, str, str, Criterion | None]]:
    rows: list[tuple[str, str, str, Criterion | None]] = []

    def level_rows(level: Level) -> None:  # a level, and the levels within it to any depth
        rows.append(("level", level.id, level.title, None))
        for inner in level.levels:
            level_rows(inner)
        if not level.levels:
            rows.extend(_criterion_rows(level.criteria))

    for aspect in framework.aspects:
        rows.append(("aspect", aspect.id, aspect.title, None))
        for level in aspect.levels:
            level_rows(level)
        if not aspect.levels:
            rows += _criterion_rows(aspect.criteria)
    return rows


def _criterion_rows(criteria: Sequence[Criterion]) -> list[tuple[str, str, str, Criterion]]:
    rows = []
    for c in criteria:
        rows.append(("criterion", c.id, c.text, c))
        for i in c.indicators:
            refers = f"\n(Refers to {', '.join(i.refers_to)}.)" if i.refers_to else ""
            rows.append(("indicator", i.id, i.text + refers, c))
    return rows


def _criteria_cells(framework: Framework, part: str, ident: str, text: str,
                    criterion: Criterion | None, judgement: Judgement | None,
                    narrative: str | None) -> list[tuple[Any, bool]]:  # fmt: skip
    """Each cell of a Criteria row, and whether the evaluator fills it in."""
    is_criterion = part == "criterion"
    rated = part == "indicator" or (is_criterion and criterion is not None and (
        not criterion.indicators or criterion.judged_as_whole))  # fmt: skip
    rating = L.rating_text(judgement, framework)
    if is_criterion and not rated:
        rating = "judged through its indicators"
    contested = None
    if judgement is not None and judgement.contested is not None:
        contested = L.YES if judgement.contested else L.NO
    applies, expected = "", ""
    if criterion is not None:
        owner = criterion if is_criterion else next(
            (i for i in criterion.indicators if i.id == ident), None)  # fmt: skip
        applies = _applies(framework, owner.applies_to if owner else {})
        expected = "; ".join(s.text for s in criterion.sources) if is_criterion else ""
    return [
        (ident, False), (text, False), (rating, rated),
        (judgement.rationale if judgement else None, rated or is_criterion),
        (contested, is_criterion), (narrative, part != "indicator"),
        (part, False), (applies, False), (expected, False),
    ]


def _applies(framework: Framework, applies_to: Any) -> str:
    parts = []
    for attr, allowed in applies_to.items():
        attribute = framework.attributes_by_id.get(attr)
        label = attribute.label.lower() if attribute else attr
        parts.append(f"only where {label} is {' or '.join(allowed)}")
    return "; ".join(parts)


# -- the Evidence sheet -------------------------------------------------------------------


def _evidence_sheet(ws: Worksheet, framework: Framework, record: EvidenceFile | None,
                    lists: _Lists, styles: Styles) -> None:  # fmt: skip
    from openpyxl.styles import Alignment, Protection
    from openpyxl.utils import get_column_letter

    _headers(ws, L.EVIDENCE_COLUMNS, styles)
    columns = L.EVIDENCE_COLUMNS
    for n, column in enumerate(columns, start=1):
        dimension = ws.column_dimensions[get_column_letter(n)]
        dimension.alignment = Alignment(wrap_text=True, vertical="top")
        dimension.protection = Protection(locked=False)
        if column.kind in ("text", "date", "ids"):
            # Stored as typed: Excel would turn "12-13" (pages) into a date.
            dimension.number_format = "@"
    widths = [c.width for c in columns]
    items = record.evidence if record else ()
    for row, item in enumerate(items, start=2):
        values = _item_cells(item, framework)
        for n, value in enumerate(values, start=1):
            cell = put(ws, row, n, value, faithful=True)
            cell.alignment = styles.wrap
            if columns[n - 1].kind in ("text", "date", "ids"):
                cell.number_format = "@"
        _height(ws, row, list(zip(values, widths, strict=True)))
    _evidence_checks(ws, lists)
    _page(ws, landscape=True)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(items) + 1, 2)}"


def _evidence_checks(ws: Worksheet, lists: _Lists) -> None:
    from openpyxl.utils import get_column_letter

    lists_for = {"basis": ("basis", True), "sources": ("sources", False),
                 "perspective": ("perspectives", True), "prevalence": ("prevalence", True),
                 "directness": ("directness", True)}  # fmt: skip
    for n, column in enumerate(L.EVIDENCE_COLUMNS, start=1):
        letter = get_column_letter(n)
        if column.field in lists_for:
            key, strict = lists_for[column.field]
            check = lists.validation(key, strict, prompt="" if strict else column.help)
        else:
            check = _prompt(column.help)
        ws.add_data_validation(check)
        check.add(f"{letter}2:{letter}1048576")


def _item_cells(item: EvidenceItem, framework: Framework) -> list[Any]:
    """An evidence item as the Evidence sheet's cells, column by column."""
    by_stance = {stance: " ".join(k for k, s in item.bears_on.items() if s == stance)
                 for stance in L.STANCE_FIELDS}  # fmt: skip
    values: dict[str, Any] = {
        "basis": None if item.basis == PRIMARY else item.basis,
        "sources": " ".join(item.sources) or None,
        "perspective": L.perspective_text(item.perspective, framework),
        "directness": None if item.directness == DIRECT else item.directness,
        **{stance: text or None for stance, text in by_stance.items()},
    }
    return [values[c.field] if c.field in values else getattr(item, c.field)
            for c in L.EVIDENCE_COLUMNS]  # fmt: skip
