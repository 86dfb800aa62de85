"""An evidence file read into the model and written back, field by field, against a file
written out by hand with every field in it (in the order laaeval writes them: what the
README's evidence file section shows). Added where mutation testing (tests/MUTATION.md)
showed a field that could be dropped, renamed or defaulted unnoticed.
"""

from __future__ import annotations

import copy

import pytest

from laaeval.model.checks import check_evidence
from laaeval.model.evidence import (
    EvidenceItem,
    Judgement,
    Pilot,
    covered,
    evidence_from_data,
    excluded_by,
    exclusions,
    item_data,
    to_data,
    upgraded,
)
from laaeval.model.framework import load_framework

from ..conftest import MINI_FRAMEWORK

EVERYTHING = {
    "laaeval": "evidence/2",
    "framework": {"id": "mini", "version": "2", "hash": "sha256:" + "0" * 64},
    "pilot": {"name": "Testham", "round": "final", "region": "North West", "group": 3,
              "tier": "two-tier"},
    "assessor": "A. Assessor",
    "created": "2005-01-19T10:00:00Z",
    "updated": "2005-02-01T09:30:00Z",
    "notes": "Second visit",
    "method": "Interviews and documents",
    "caveats": ["Few interviews"],
    "narrative": {"overall": "Good progress", "X1": "Mixed"},
    "evidence": [
        {"id": "E1", "sources": ["int-a", "doc"], "perspective": "cg",
         "organisation": "DfES", "speaker": "J Smith", "summary": "Supports X1.1",
         "quote": "We agreed", "reference": "Interview 3", "paragraph": "7.1.6",
         "page": "12-13", "link": "https://example.org/3", "date": "2005-01-10",
         "prevalence": "most", "count": 4, "out_of": 5, "counted": "departments",
         "directness": "indirect", "bears_on": {"X1.1": "supports", "X2": "neutral"}},
        {"id": "S1", "basis": "synthesis", "summary": "Our view",
         "bears_on": {"X1": "challenges"}},
    ],
    "judgements": {
        "X1": {"rating": 2, "rationale": "Largely", "contested": False},
        "X1.1": {"rating": "n/a", "rationale": "Does not arise"},
        "X1.2": {"rating": "too-early"},
        "X2": {"rating": 0},
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def framework():
    return load_framework(MINI_FRAMEWORK)


def test_the_hand_written_file_is_valid(framework):
    data = copy.deepcopy(EVERYTHING)
    data["framework"].pop("hash")
    assert [p.one_line() for p in check_evidence(data, framework, "t.yaml")] == []


def test_every_field_is_read_into_the_model():
    record = evidence_from_data(copy.deepcopy(EVERYTHING), "t.yaml")
    assert (record.framework_id, record.framework_version, record.framework_hash) == (
        "mini", "2", "sha256:" + "0" * 64)  # fmt: skip
    assert record.pilot == Pilot("Testham", "final", "North West", {"tier": "two-tier"}, 3)
    assert (record.assessor, record.created, record.updated, record.notes, record.method) == (
        "A. Assessor", "2005-01-19T10:00:00Z", "2005-02-01T09:30:00Z", "Second visit",
        "Interviews and documents")  # fmt: skip
    assert (record.caveats, dict(record.narrative), record.path, record.format) == (
        ("Few interviews",), {"overall": "Good progress", "X1": "Mixed"}, "t.yaml", 2)  # fmt: skip
    assert record.evidence == (
        EvidenceItem("E1", ("int-a", "doc"), "cg", "Supports X1.1",
                     {"X1.1": "supports", "X2": "neutral"}, "primary", "DfES", "J Smith",
                     "We agreed", "Interview 3", "7.1.6", "12-13", "https://example.org/3",
                     "2005-01-10", "most", 4, 5, "departments", "indirect"),
        EvidenceItem("S1", (), None, "Our view", {"X1": "challenges"}, "synthesis"),
    )  # fmt: skip
    assert dict(record.judgements) == {
        "X1": Judgement("X1", 2, False, "Largely", None, False),
        "X1.1": Judgement("X1.1", None, True, "Does not arise"),
        "X1.2": Judgement("X1.2", None, False, None, "too-early"),
        "X2": Judgement("X2", 0),
    }  # fmt: skip
    assert record.evidence[0].named == "dfes"  # the organisation, before the speaker
    assert record.evidence[0].primary and not record.evidence[1].primary


def test_the_model_is_written_back_exactly_in_the_order_people_read_it():
    written = to_data(evidence_from_data(copy.deepcopy(EVERYTHING)))
    assert written == EVERYTHING
    assert list(written) == list(EVERYTHING)
    assert list(written["pilot"]) == ["name", "round", "region", "group", "tier"]
    assert [list(item) for item in written["evidence"]] == [list(item) for item in
                                                            EVERYTHING["evidence"]]  # fmt: skip
    assert [list(j) for j in written["judgements"].values()] == [
        ["rating", "rationale", "contested"], ["rating", "rationale"], ["rating"], ["rating"]]


def test_optional_fields_are_left_out_when_they_say_nothing():
    bare = {"laaeval": "evidence/2", "framework": {"id": "mini", "version": "2"},
            "pilot": {"name": "Testham", "round": "final"}, "evidence": [],
            "judgements": {}}  # fmt: skip
    assert to_data(evidence_from_data(copy.deepcopy(bare))) == bare
    item = EvidenceItem("E9", ("doc",), "go", "A finding", {"X2": "supports"}, quote="",
                        count=0)  # fmt: skip
    # An empty quote says nothing; a count of nought does.
    assert item_data(item) == {"id": "E9", "sources": ["doc"], "perspective": "go",
                               "summary": "A finding", "count": 0,
                               "bears_on": {"X2": "supports"}}  # fmt: skip


def test_a_format_1_file_is_read_and_upgraded_saying_the_same():
    old = {"laaeval": "evidence/1", "framework": {"id": "mini", "version": "2"},
           "pilot": {"name": "Testham", "round": "final"},
           "evidence": [{"id": "E1", "source": "int-a", "perspective": "cg",
                         "summary": "Said so", "bears_on": {"X2": "supports"}}],
           "judgements": {"X2": {"rating": 1}}}  # fmt: skip
    record = evidence_from_data(copy.deepcopy(old))
    assert (record.format, record.evidence[0].sources) == (1, ("int-a",))
    new = upgraded(copy.deepcopy(old))
    assert new == {**old, "laaeval": "evidence/2",
                   "evidence": [{"id": "E1", "sources": ["int-a"], "perspective": "cg",
                                 "summary": "Said so", "bears_on": {"X2": "supports"}}]}
    assert list(new["evidence"][0]) == ["id", "sources", "perspective", "summary", "bears_on"]
    assert upgraded({**old, "evidence": None})["evidence"] == []


def test_the_framework_rules_out_by_the_pilots_details(framework):
    single = Pilot("Testham", "final", attributes={"tier": "single-tier"})
    assert excluded_by(framework, "X3", single) == (
        "X3 applies only where tier is two-tier and this pilot's is single-tier")  # fmt: skip
    # An indicator inherits its criterion's rule.
    assert excluded_by(framework, "X3.1", single) == excluded_by(framework, "X3", single)
    for detail in ({"tier": "two-tier"}, {"tier": "mixed"}, {}):
        assert excluded_by(framework, "X3", Pilot("T", "final", attributes=detail)) is None
    assert exclusions(framework, single) == {
        "X3": excluded_by(framework, "X3", single), "X3.1": excluded_by(framework, "X3", single)}
    assert exclusions(framework, Pilot("T", "final", attributes={"tier": "two-tier"})) == {}


@pytest.fixture(scope="module")
def funded(tmp_path_factory):
    """The mini framework with a second pilot detail, funding, that two indicators are
    ruled by: X1.2 (of a criterion for every pilot) and X3.2 (of the two-tier criterion)."""
    text = MINI_FRAMEWORK.read_text(encoding="utf-8")
    text = text.replace(
        "  - {id: tier, label: Tier, values: [single-tier, two-tier]}\n",
        "  - {id: tier, label: Tier, values: [single-tier, two-tier]}\n"
        "  - {id: funding, label: Funding, values: [single-pot, pooled, ring-fenced]}\n")
    text = text.replace(
        "{id: X1.2, text: Second indicator, weight: 3}",
        "{id: X1.2, text: Second indicator, weight: 3,"
        " applies_to: {funding: [single-pot, pooled]}}")
    text = text.replace(
        "              - {id: X3.1, text: Two-tier indicator}\n",
        "              - {id: X3.1, text: Two-tier indicator}\n"
        "              - {id: X3.2, text: Pooled only, applies_to: {funding: [pooled]}}\n")
    path = tmp_path_factory.mktemp("funded") / "funded.yaml"
    path.write_text(text, encoding="utf-8")
    return load_framework(path)


def test_an_indicator_is_ruled_out_by_a_rule_of_its_own(funded):
    pilot = Pilot("Testham", "final", attributes={"tier": "two-tier", "funding": "ring-fenced"})
    x12 = ("X1.2 applies only where funding is single-pot or pooled and this pilot's is "
           "ring-fenced")  # fmt: skip
    x32 = "X3.2 applies only where funding is pooled and this pilot's is ring-fenced"
    assert excluded_by(funded, "X1.2", pilot) == x12
    assert excluded_by(funded, "X3.2", pilot) == x32
    for ident in ("X1", "X1.1", "X2", "X3", "X3.1"):
        assert excluded_by(funded, ident, pilot) is None
    assert exclusions(funded, pilot) == {"X1.2": x12, "X3.2": x32}
    # Either allowed value lets the indicator in; a detail not known, or mixed, rules
    # nothing out.
    for funding in ("single-pot", "pooled", "mixed"):
        detail = {"tier": "two-tier", "funding": funding}
        assert excluded_by(funded, "X1.2", Pilot("T", "final", attributes=detail)) is None
    assert exclusions(funded, Pilot("T", "final", attributes={"tier": "two-tier"})) == {}
    assert exclusions(funded, Pilot("T", "final", attributes={"funding": "pooled"})) == {}


def test_a_criterion_ruled_out_gives_its_reason_to_every_indicator_before_their_own(funded):
    pilot = Pilot("T", "final", attributes={"tier": "single-tier", "funding": "single-pot"})
    x3 = "X3 applies only where tier is two-tier and this pilot's is single-tier"
    assert exclusions(funded, pilot) == {"X3": x3, "X3.1": x3, "X3.2": x3}
    both = Pilot("T", "final", attributes={"tier": "single-tier", "funding": "ring-fenced"})
    assert excluded_by(funded, "X3.2", both) == x3
    assert exclusions(funded, both)["X3.2"] == x3
    assert exclusions(funded, both)["X1.2"].startswith("X1.2 applies only where funding")


def test_the_rules_are_worked_out_for_each_framework_and_pilot_asked_about(framework, funded):
    """Nothing is kept from one call to the next: the same details asked of two frameworks,
    or twice of one, get each framework's own answer."""
    pilot = Pilot("T", "final", attributes={"tier": "two-tier", "funding": "ring-fenced"})
    assert exclusions(framework, pilot) == {}
    assert set(exclusions(funded, pilot)) == {"X1.2", "X3.2"}
    assert exclusions(framework, pilot) == {}
    assert [c.id for c in funded.ruled] == ["X1", "X3"]
    assert [c.id for c in framework.ruled] == ["X3"]


def test_an_indicator_is_covered_by_its_own_judgement_or_its_criterion_as_a_whole(framework):
    def record(judgements):
        return evidence_from_data({"laaeval": "evidence/2",
                                   "framework": {"id": "mini", "version": "2"},
                                   "pilot": {"name": "T", "round": "final"},
                                   "judgements": judgements})  # fmt: skip

    assert covered(framework, record({"X1.1": {"rating": 1}}), "X1.1")
    assert covered(framework, record({"X1.1": {"rating": "n/a"}}), "X1.1")
    assert not covered(framework, record({"X1.2": {"rating": 1}}), "X1.1")
    assert covered(framework, record({"X1": {"rating": 2}}), "X1.1")
    assert not covered(framework, record({"X1": {"rationale": "Thinking"}}), "X1.1")
    # Y1 is judged through its indicators only: a judgement of Y1 answers for none.
    assert not covered(framework, record({"Y1": {"rating": 2}}), "Y1.1")


def test_a_pilots_details_by_name():
    pilot = Pilot("Testham", "final", "North West", {"tier": "two-tier"})
    assert [pilot.get(k) for k in ("name", "round", "region", "tier", "size")] == [
        "Testham", "final", "North West", "two-tier", None]  # fmt: skip


def test_a_new_file_records_the_framework_and_when_it_was_started(framework):
    import re

    from laaeval.model.evidence import new_evidence_file, now_stamp

    record = new_evidence_file(framework, Pilot("Testham", "final"), "A. Assessor")
    assert (record.framework_id, record.framework_version, record.framework_hash) == (
        "mini", "2", framework.hash)  # fmt: skip
    assert record.assessor == "A. Assessor"
    # Universal time to the second, written with a Z: 2005-01-19T10:00:00Z.
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record.created), record.created
    assert record.updated == record.created
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", now_stamp())
