"""What python-docx does not offer itself, in the few pieces of WordprocessingML the Word report
needs: fields (page numbers, a table of contents), cell shading, a header row repeated on
each page, live links, the document's language, and A4 pages.

Every piece of text passes :func:`safe` first: python-docx refuses characters XML cannot
hold, and control or bidirectional-override characters could make text read differently
from what it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..files.xlsx import cell_text

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph


def safe(text: object) -> str:
    return cell_text(str(text)) if text is not None else ""


class StyleIds:
    """A document's styles, looked up by name once. python-docx looks a style up by name,
    and then checks whether it is the default one, over every style in the document each
    time it is given one: over a third of the time a report took, for a few styles used
    hundreds of times. What is written is the same as python-docx writes."""

    def __init__(self, document: Document) -> None:
        self._part = document.part
        self._ids: dict[tuple[str, Any], str | None] = {}

    def _id(self, name: str, kind: Any) -> str | None:
        key = (name, kind)
        if key not in self._ids:
            self._ids[key] = self._part.get_style_id(name, kind)
        return self._ids[key]

    def paragraph(self, container: Any, style: str | None, text: str = "") -> Paragraph:
        """A new paragraph at the end of ``container`` (the document, or a cell), in
        ``style``, as ``container.add_paragraph(text, style)``."""
        from docx.enum.style import WD_STYLE_TYPE

        paragraph = container.add_paragraph(text)
        if style is not None:
            paragraph._p.style = self._id(style, WD_STYLE_TYPE.PARAGRAPH)
        return paragraph

    def table(self, table: Table, style: str) -> None:
        """As ``table.style = style``."""
        from docx.enum.style import WD_STYLE_TYPE

        table._tbl.tblStyle_val = self._id(style, WD_STYLE_TYPE.TABLE)


def heading_style(level: int) -> str:
    """The style of a heading of ``level`` (0: the title), as python-docx's ``add_heading``
    gives it; deeper than Word's deepest, Heading 9, a heading is a Heading 9."""
    return "Title" if level == 0 else f"Heading {min(level, 9)}"


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A field Word (and LibreOffice) works out when the document is opened or updated:
    PAGE, NUMPAGES, TOC. ``placeholder`` is shown until it is."""
    run = paragraph.add_run()
    run._r.append(_element("w:fldChar", fldCharType="begin"))
    instr = _element("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


def field_around(first: Paragraph, last: Paragraph, instruction: str) -> None:
    """Make the paragraphs from ``first`` to ``last`` the shown result of a field (a table
    of contents laaeval fills in itself, for programs that do not update fields), which
    Word replaces when it updates the field."""
    begin = [_element("w:fldChar", fldCharType="begin"), _element("w:instrText"),
             _element("w:fldChar", fldCharType="separate")]  # fmt: skip
    begin[1].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    begin[1].text = f" {instruction} "
    at = 1 if first._p.pPr is not None else 0
    for n, element in enumerate(begin):
        run = _element("w:r")
        run.append(element)
        first._p.insert(at + n, run)
    run = _element("w:r")
    run.append(_element("w:fldChar", fldCharType="end"))
    last._p.append(run)


def update_fields_on_open(document: Document) -> None:
    """Ask Word to fill in the table of contents when the document is first opened."""
    settings = document.settings.element
    settings.append(_element("w:updateFields", val="true"))


def shade(cell: _Cell, colour: str) -> None:
    """A table cell's background, as a hex colour such as "#e6d0b1"."""
    properties = cell._tc.get_or_add_tcPr()
    properties.append(_element("w:shd", val="clear", color="auto", fill=colour.lstrip("#")))


def repeat_header(row: Any) -> None:
    """Repeat a table's first row at the top of each page it runs on to."""
    properties = row._tr.get_or_add_trPr()
    properties.append(_element("w:tblHeader", val="true"))


def keep_together(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(_element("w:cantSplit", val="true"))


def hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    """A live link: only ever given an address that :func:`laaeval.text.web_link` passed."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    ident = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = _element("w:hyperlink")
    link.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", ident)
    run = _element("w:r")
    properties = _element("w:rPr")
    properties.append(_element("w:rStyle", val="Hyperlink"))
    properties.append(_element("w:color", val="0B4F8A"))
    properties.append(_element("w:u", val="single"))
    run.append(properties)
    text_element = _element("w:t")
    text_element.text = safe(text)
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def british(document: Document) -> None:
    """Mark the text as UK English, for Word's spelling and grammar checks."""
    from docx.oxml.ns import qn

    for name in ("Normal",):
        properties = document.styles[name].element.get_or_add_rPr()
        language = properties.find(qn("w:lang"))
        if language is None:
            language = _element("w:lang")
            properties.append(language)
        language.set(qn("w:val"), "en-GB")


def a4(document: Document) -> None:
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin, section.bottom_margin = Mm(18), Mm(20)
