"""Word and Excel files as the text they hold, for golden files that compare content and not
bytes (a .docx or .xlsx is a zip whose bytes change with every save): each paragraph with
its style, each table row by row, each picture by its description; each sheet's cells with
their types, and where its header is frozen and filtered."""

from __future__ import annotations

import io
import json
from pathlib import Path


def docx_text(data: bytes) -> str:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    lines = [f"[page] {section.page_width.mm:.0f} x {section.page_height.mm:.0f} mm",
             "[footer] " + " ".join(p.text for p in section.footer.paragraphs)]
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = Paragraph(element, doc)
            pictures = element.findall(".//" + qn("wp:docPr"))
            for picture in pictures:
                lines.append(f"[picture] {picture.get('descr')}")
            if paragraph.text or not pictures:
                lines.append(f"[{paragraph.style.name}] {paragraph.text}")
        elif element.tag == qn("w:tbl"):
            table = Table(element, doc)
            lines.append("[table]")
            for row in table.rows:
                cells = [c.text.replace("\n", " / ") for c in _unique(row.cells)]
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _unique(cells):
    seen = []
    for cell in cells:  # a merged cell is listed once per column it spans
        if not any(cell._tc is s._tc for s in seen):
            seen.append(cell)
    return seen


def xlsx_text(data: bytes) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    lines = []
    for ws in wb.worksheets:
        lines.append(f"== {ws.title} (frozen at {ws.freeze_panes}, filter {ws.auto_filter.ref})")
        for row in ws.iter_rows():
            values = [_cell(c) for c in row]
            while values and values[-1] is None:
                values.pop()
            lines.append(json.dumps(values, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def _cell(cell):
    value = cell.value
    if value is None:
        return None
    fmt = cell.number_format
    return value if fmt in ("General", "@") else {"value": value, "format": fmt}


def dump(path: Path) -> str:
    data = path.read_bytes()
    return docx_text(data) if path.suffix == ".docx" else xlsx_text(data)
