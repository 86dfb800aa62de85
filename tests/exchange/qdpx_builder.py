"""REFI-QDA projects built for the tests, to the published schema (tests/data/refi-qda/), as
NVivo, ATLAS.ti and MAXQDA write them: ``project.qde`` plus each source's text under
``sources/``, or the text inside the XML."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

NS = "urn:QDA-XML:project:1.0"
XSD = Path(__file__).resolve().parents[1] / "data" / "refi-qda" / "Project-mrt2019.xsd"
ET.register_namespace("", NS)


def guid(*names: str) -> str:
    """A GUID that is the same every run, so that tests can name it."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "laaeval-test:" + "/".join(names))).upper()


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


@dataclass
class Code:
    name: str
    children: list[Code] = field(default_factory=list)


@dataclass
class Selection:
    text: str  # the passage: found in the document's text
    codes: list[str]  # code names (a nested code as "PN3/supports")
    memo: str | None = None
    occurrence: int = 0  # which occurrence of the text, when it appears more than once


@dataclass
class Document:
    name: str
    text: str
    variables: dict[str, str] = field(default_factory=dict)
    selections: list[Selection] = field(default_factory=list)
    inline: bool = False  # the text inside project.qde rather than a file under sources/
    whole: list[str] = field(default_factory=list)  # codes applied to the whole document


@dataclass
class Project:
    codes: list[Code]
    documents: list[Document]
    cases: dict[str, tuple[dict[str, str], list[str]]] = field(default_factory=dict)

    def xml(self) -> bytes:
        root = ET.Element(_q("Project"), {"name": "Test project", "origin": "laaeval tests"})
        users = ET.SubElement(root, _q("Users"))
        ET.SubElement(users, _q("User"), {"guid": guid("user"), "name": "Tester"})
        book = ET.SubElement(ET.SubElement(root, _q("CodeBook")), _q("Codes"))
        paths = {}
        for code in self.codes:
            _code(book, code, "", paths)
        names = sorted({v for d in self.documents for v in d.variables}
                       | {v for values, _ in self.cases.values() for v in values})  # fmt: skip
        if names:
            variables = ET.SubElement(root, _q("Variables"))
            for name in names:
                ET.SubElement(variables, _q("Variable"), {"guid": guid("variable", name),
                              "name": name, "typeOfVariable": "Text"})  # fmt: skip
        if self.cases:
            cases = ET.SubElement(root, _q("Cases"))
            for name, (values, documents) in self.cases.items():
                case = ET.SubElement(cases, _q("Case"), {"guid": guid("case", name),
                                                         "name": name})  # fmt: skip
                _values(case, values)
                for document in documents:
                    ET.SubElement(case, _q("SourceRef"), {"targetGUID": guid("doc", document)})
        sources = ET.SubElement(root, _q("Sources"))
        for document in self.documents:
            _document(sources, document, paths)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)

    def write(self, path: Path, extra: dict[str, bytes] | None = None) -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("project.qde", self.xml())
            for document in self.documents:
                if not document.inline:
                    archive.writestr(f"sources/{guid('doc', document.name)}.txt",
                                     document.text.encode("utf-8"))  # fmt: skip
            for name, data in (extra or {}).items():
                archive.writestr(name, data)
        return path


def _code(parent: ET.Element, code: Code, prefix: str, paths: dict[str, str]) -> None:
    path = f"{prefix}/{code.name}" if prefix else code.name
    paths[path] = guid("code", path)
    element = ET.SubElement(parent, _q("Code"), {"guid": paths[path], "name": code.name,
                                                 "isCodable": "true"})  # fmt: skip
    for child in code.children:
        _code(element, child, path, paths)


def _values(parent: ET.Element, values: dict[str, str]) -> None:
    for name, value in values.items():
        element = ET.SubElement(parent, _q("VariableValue"))
        ET.SubElement(element, _q("VariableRef"), {"targetGUID": guid("variable", name)})
        ET.SubElement(element, _q("TextValue")).text = value


def _coding(parent: ET.Element, code_path: str, paths: dict[str, str], key: str) -> None:
    coding = ET.SubElement(parent, _q("Coding"), {"guid": guid("coding", key, code_path)})
    ET.SubElement(coding, _q("CodeRef"), {"targetGUID": paths.get(code_path, guid("missing"))})


def _document(parent: ET.Element, document: Document, paths: dict[str, str]) -> None:
    ident = guid("doc", document.name)
    attrs = {"guid": ident, "name": document.name}
    if not document.inline:
        attrs["plainTextPath"] = f"internal://{ident}.txt"
    source = ET.SubElement(parent, _q("TextSource"), attrs)
    if document.inline:
        ET.SubElement(source, _q("PlainTextContent")).text = document.text
    for n, selection in enumerate(document.selections):
        start = _find(document.text, selection.text, selection.occurrence)
        element = ET.SubElement(source, _q("PlainTextSelection"), {
            "guid": guid("selection", document.name, str(n)), "name": selection.text[:30],
            "startPosition": str(start), "endPosition": str(start + len(selection.text))})
        if selection.memo:
            ET.SubElement(element, _q("Description")).text = selection.memo
        for code in selection.codes:
            _coding(element, code, paths, f"{document.name}/{n}")
    for code in document.whole:
        _coding(source, code, paths, document.name)
    _values(source, document.variables)


def _find(text: str, passage: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(passage, at + 1)
    return at


def validate(xml: bytes) -> None:
    """Raise if ``xml`` does not follow the published REFI-QDA project schema."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.fromstring(xml)
    if not schema.validate(document):
        raise AssertionError(f"not a valid REFI-QDA project: {schema.error_log}")
