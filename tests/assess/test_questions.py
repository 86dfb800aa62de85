"""Issue 10: the keys every question shares (b, Enter, q, ?), evidence in few questions,
reuse by typing, drafts kept at Ctrl-C, and one way of counting."""

from __future__ import annotations

import json

import pytest

from laaeval.assess import items
from laaeval.assess.draft import draft_path
from laaeval.files import yamlio
from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence

from ..conftest import MINI_EVIDENCE, MINI_FRAMEWORK, ROOT
from .test_assess import DETAILS, MINI, run

FRAMEWORK = load_framework(MINI_FRAMEWORK)


def unjudged(tmp_path, name: str = "x.yaml"):
    """The mini evidence file with X1.1 not yet judged: a sitting starts there."""
    path = tmp_path / name
    path.write_text(MINI_EVIDENCE.read_text().replace(
        "  X1.1: {rating: 3, rationale: Fully met on the interviews}\n", ""))  # fmt: skip
    return path


def flat(text: str) -> str:
    return " ".join(text.split())


# -- b, Enter, q and ? in every question ---------------------------------------------------

# Each sub-question of the menu at X1.1, then the way out typed at its first question.
@pytest.mark.parametrize("opening", [
    ["e"], ["e", "1", "1", "A point"], ["e", "1", "1", '"Exact words"', "Summary"],
    ["e", "1", "1", "A point", "Interview 2"], ["u"], ["u", "E1"], ["j"], ["v"], ["v", "1"],
    ["w"], ["w", "v"], ["w", "2"], ["n"], ["3"], ["u", "council"],
])  # fmt: skip
@pytest.mark.parametrize("way_out", ["q", "Q", "quit"])
def test_q_leaves_any_question_for_the_menu_and_changes_nothing(cli, tmp_path, opening,
                                                                way_out):  # fmt: skip
    path = unjudged(tmp_path)
    before = path.read_text()
    result = run(cli, path, [*opening, way_out, "q"])
    assert result.exit_code == 0, result.output
    assert "Back at X1.1; nothing was changed." in result.stdout
    assert "unknown evidence id" not in result.stdout
    assert "Please type a number" not in result.stdout
    assert path.read_text() == before
    assert not draft_path(path).exists()


@pytest.mark.parametrize("opening", [["e"], ["u"], ["j"], ["v"], ["w"], ["3"]])
@pytest.mark.parametrize("back", ["b", "", "B", "back"])
def test_b_or_enter_at_a_first_question_goes_back_to_the_menu(cli, tmp_path, opening, back):
    path = unjudged(tmp_path)
    before = path.read_text()
    result = run(cli, path, [*opening, back, "q"])
    assert result.exit_code == 0, result.output
    assert "Back at X1.1; nothing was changed." in result.stdout
    assert path.read_text() == before


def test_b_goes_back_one_step_at_a_time_in_a_new_item(cli, tmp_path):
    path = unjudged(tmp_path)
    answers = [
        "e", "1",            # source: Interviews of kind A
        "b",                 # at whose view: back to the source
        "2", "",             # source B; then Enter at whose view (an answer is needed): back
        "3", "3",            # documents, local authority
        "First try", "b",    # the summary, then back from where it is, to the summary again
        "Second try", "Minutes, 2005-03-01", "b",  # and back from the stance to where
        "Minutes of 1 March", "s", "q",
    ]  # fmt: skip
    result = run(cli, path, answers)
    assert result.exit_code == 0, result.output
    item = load_evidence(path, FRAMEWORK)[0].evidence[-1]
    assert (item.sources, item.perspective, item.summary, item.reference, item.date) == (
        ("doc",), "la", "Second try", "Minutes of 1 March", None)  # fmt: skip
    assert item.bears_on == {"X1.1": "supports"}


def test_question_mark_explains_the_question_and_the_keys_then_asks_it_again(cli, tmp_path):
    path = unjudged(tmp_path)
    result = run(cli, path, ["e", "?", "1", "?", "q", "q"])
    out = flat(result.stdout)
    assert "What kind of source the evidence comes from, from the framework's list" in out
    assert "Whose point of view the evidence gives: type its number." in out
    assert out.count("At every question: b goes back a step (so does Enter, where an answer "
                     "is needed), q leaves the question, ? explains it.") == 3  # fmt: skip


def test_the_keys_are_shown_once_a_sitting_not_at_every_question(cli, tmp_path):
    path = unjudged(tmp_path)
    result = run(cli, path, ["e", "q", "u", "q", "j", "q", "q"])
    assert flat(result.stdout).count("At every question: b goes back a step") == 1


def test_b_and_q_in_the_questions_for_a_new_file(cli, tmp_path):
    path = tmp_path / "new.yaml"
    answers = ["Smallvile", "b", "Smallville", "final", "", "b", "b", "Final", "North",
               "1", "", "q"]  # fmt: skip
    result = run(cli, path, answers)
    assert result.exit_code == 0, result.output
    record = load_evidence(path, FRAMEWORK)[0]
    assert (record.pilot.name, record.pilot.round, record.pilot.region) == (
        "Smallville", "Final", "North")  # fmt: skip
    left = tmp_path / "left.yaml"
    result = run(cli, left, ["q"])
    assert result.exit_code == 0
    assert "Left before the file was made. Nothing was saved." in flat(result.stdout)
    assert not left.exists()


# -- a new item in few questions -------------------------------------------------------------


def implying(tmp_path):
    """The mini framework, saying that interviews of kind A give the GO's view."""
    framework = tmp_path / "implying.yaml"
    framework.write_text(MINI_FRAMEWORK.read_text().replace(
        "{id: int-a, label: Interviews of kind A, kind: views}",
        "{id: int-a, label: Interviews of kind A, kind: views, perspective: go}"))  # fmt: skip
    return framework


def test_one_rated_indicator_with_one_new_item_takes_six_questions(cli, tmp_path):
    """The count the README gives: exactly six answers, then the answers run out at the
    next indicator, with the item and the rating both saved."""
    framework = implying(tmp_path)
    path = unjudged(tmp_path)
    six = ["e",                                  # 1 the menu: new evidence
           "1",                                  # 2 the source (its perspective implied)
           "The GO said the targets were agreed",  # 3 what was said or found
           "Interview 4, 2005-01-19",            # 4 where and when
           "s X1.2",                             # 5 its stance here, and elsewhere
           "2 The GO's account, not yet corroborated"]  # 6 the rating, with its reason
    result = cli("assess", path, "--framework", framework, "--answers", "-",
                 input="\n".join(six) + "\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Whose view: Government Office (as that source gives)." in out
    assert "Whose view does it give?" not in out
    assert out.rstrip().endswith("The answers ran out. Everything you answered is saved in "
                                 f"{path}. To carry on: laaeval assess {path}") or \
        "The answers ran out. Everything you answered is saved" in flat(out)  # fmt: skip
    assert flat(out).index("Saved: X1.1 rated 2") < flat(out).index("X1 — indicator 2 of 2")
    record, _ = load_evidence(path, load_framework(framework))
    item = record.evidence[-1]
    assert (item.sources, item.perspective, item.reference, item.date) == (
        ("int-a",), "go", "Interview 4", "2005-01-19")  # fmt: skip
    assert item.bears_on == {"X1.1": "supports", "X1.2": "supports"}
    assert record.judgements["X1.1"].rating == 2
    assert record.judgements["X1.1"].rationale == "The GO's account, not yet corroborated"


def test_a_perspective_not_implied_is_asked(cli, tmp_path):
    framework = implying(tmp_path)
    path = unjudged(tmp_path)
    result = cli("assess", path, "--framework", framework, "--answers", "-",
                 input="e\n1 2\n3\nBoth said so\n\ns\nq\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Whose view does it give?" in result.stdout
    assert load_evidence(path, load_framework(framework))[0].evidence[-1].perspective == "la"


def test_a_framework_naming_an_unknown_perspective_for_a_source_is_refused(cli, tmp_path):
    framework = tmp_path / "bad.yaml"
    framework.write_text(MINI_FRAMEWORK.read_text().replace(
        "kind: views}", "kind: views, perspective: og}", 1))  # fmt: skip
    result = cli("validate", framework)
    assert result.exit_code == 1
    assert 'unknown perspective "og"; did you mean "go"?' in result.output
    assert "line 22, at source_types › int-a › perspective" in result.output


@pytest.mark.parametrize("typed", ["“Never heard of it”", '"Never heard of it"',
                                   "‘Never heard of it’", "“Never heard of it"])
def test_a_quote_typed_in_quotation_marks_is_kept_without_them(cli, tmp_path, typed):
    path = unjudged(tmp_path)
    result = run(cli, path, ["e", "1", "1", typed, "Not known to CG", "", "c", "q"])
    assert result.exit_code == 0, result.output
    item = load_evidence(path, FRAMEWORK)[0].evidence[-1]
    assert (item.quote, item.summary) == ("Never heard of it", "Not known to CG")


def test_a_stance_for_each_indicator_an_item_bears_on(cli, tmp_path):
    path = unjudged(tmp_path)
    result = run(cli, path, ["e", "2", "3", "Mixed", "", "x", "s X9", "s x1.2 c Y1.3 Y1.1 n X2",
                             "q"])  # fmt: skip
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "Please start with s (supports), c (challenges) or n (neutral) for X1.1." in out
    assert 'unknown indicator "X9"' in out
    item = load_evidence(path, FRAMEWORK)[0].evidence[-1]
    assert item.bears_on == {"X1.1": "supports", "X1.2": "supports", "Y1.3": "challenges",
                             "Y1.1": "challenges", "X2": "neutral"}  # fmt: skip


# -- using evidence recorded already ---------------------------------------------------------


def test_several_ids_at_once_and_a_stance_each(cli, tmp_path):
    path = unjudged(tmp_path)
    result = run(cli, path, ["u", "E9", "E2,e3 4", "c Y1.3 s X1.2", "q"])
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert 'unknown evidence id "E9"' in out
    assert "Saved: E2 E3 E4 challenges X1.1, challenges Y1.3, supports X1.2." in out
    by_id = {e.id: e for e in load_evidence(path, FRAMEWORK)[0].evidence}
    assert by_id["E3"].bears_on == {"Y1.1": "challenges", "X1.1": "challenges",
                                    "Y1.3": "challenges", "X1.2": "supports"}  # fmt: skip
    assert by_id["E1"].bears_on == {"X1.1": "supports", "Y1.1": "supports"}  # not chosen


def test_words_typed_find_the_items_that_have_them_all(cli, tmp_path):
    path = unjudged(tmp_path)
    result = run(cli, path, ["u", "go document", "nothing like this", "E5", "n", "q"],
                 "--criterion", "X1")  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    found = out[out.index("go document"):out.index("nothing like this")]
    assert "  E2 " in found and "  E5 " in found
    assert "  E4 " not in found and "  E1 " not in found
    assert 'No evidence recorded matches "nothing like this".' in out


def test_matching_looks_in_summary_reference_source_and_perspective():
    item = items.ev.EvidenceItem(id="E7", sources=("int-b",), perspective="la",
                                 summary="The board met twice", bears_on={"X1.1": "neutral"},
                                 reference="Interview 12")  # fmt: skip
    for words in (["board"], ["interview", "12"], ["kind", "b"], ["local", "authority"],
                  ["BOARD", "twice"]):
        assert items.matching(FRAMEWORK, [item], words) == [item], words
    assert items.matching(FRAMEWORK, [item], ["board", "council"]) == []


def test_a_long_file_lists_a_few_likely_items_and_the_rest_can_be_found(cli, tmp_path):
    path = unjudged(tmp_path)
    data = yamlio.load_path(path)
    extra = [{"id": f"E{n}", "sources": ["doc"], "perspective": "go",
              "summary": f"Paper number {n} on Y1", "bears_on": {"Y1.2": "supports"}}
             for n in range(6, 40)]  # fmt: skip
    extra.append({"id": "E40", "sources": ["doc"], "perspective": "go",
                  "summary": "A paper on X1.2", "bears_on": {"X1.2": "supports"}})
    text = path.read_text().replace("judgements:\n", yamlio.dumps({"x": extra})
                                    .replace("x:\n", "") + "judgements:\n")  # fmt: skip
    path.write_text(text)
    assert len(yamlio.load_path(path)["evidence"]) == len(data["evidence"]) + 35
    result = run(cli, path, ["u", "q", "q"])
    out = result.stdout
    assert "(on X1's other indicators; type words to find any of the 40)" in out
    assert "A paper on X1.2" in out
    assert "Paper number" not in out  # only those on X1's other indicators are listed


@pytest.mark.parametrize(("width", "most"), [(80, 80), (60, 60)])
def test_an_item_is_shown_in_the_terminals_width(width, most):
    item = items.ev.EvidenceItem(id="E12", sources=("int-a", "doc"), perspective="go",
                                 summary="word " * 60, bears_on={}, reference="Interview " * 9,
                                 date="2005-01-19")  # fmt: skip
    lines = [str(t) for t in items.item_lines(FRAMEWORK, item, width, "challenges")]
    assert len(lines) == 3 and all(len(line) <= most for line in lines), lines
    assert lines[0].startswith("  E12  Interview") and lines[0].endswith(" · challenges")
    assert lines[2].endswith("…")


# -- the parts of an answer ----------------------------------------------------------------


@pytest.mark.parametrize(("typed", "where"), [
    ("Interview 4, 2005-01-19", ("Interview 4", "2005-01-19")),
    ("Interview 4 2005-01-19", ("Interview 4", "2005-01-19")),
    ("2005-01-19", (None, "2005-01-19")),
    ("Minutes, p. 3", ("Minutes, p. 3", None)),
    ("Report 2005-01 draft", ("Report 2005-01 draft", None)),
    ("", (None, None)),
])  # fmt: skip
def test_where_and_when_in_one_answer(typed, where):
    assert items.parse_where(typed) == where


def test_a_date_that_is_not_a_real_one_is_refused():
    with pytest.raises(ValueError, match="2005-02-30 is not a real date"):
        items.parse_where("Interview 4, 2005-02-30")


@pytest.mark.parametrize(("typed", "ids"), [("E1 E2", ["E1", "E2"]), ("E1,E3", ["E1", "E3"]),
                                            ("1, 3", ["E1", "E3"]), ("e2 E2", ["E2"]),
                                            ("council", None), ("E1 council", None)])
def test_ids_typed_several_at_once(typed, ids):
    recorded = load_evidence(MINI_EVIDENCE, FRAMEWORK)[0].evidence
    assert items.parse_ids(typed, recorded) == ids


# -- drafts --------------------------------------------------------------------------------


def stopped_at(monkeypatch, question: str):
    """Ctrl-C as the evaluator is asked ``question``."""
    from laaeval.assess.prompts import Prompter

    ask = Prompter.ask

    def interrupted(self, q, default=None):
        if q.startswith(question):
            raise KeyboardInterrupt
        return ask(self, q, default)

    monkeypatch.setattr(Prompter, "ask", interrupted)


def test_ctrl_c_part_way_keeps_a_draft_says_so_and_offers_it_back(cli, tmp_path, monkeypatch):
    path = unjudged(tmp_path)
    before = path.read_text()
    with monkeypatch.context() as m:
        stopped_at(m, "Where is it")
        result = run(cli, path, ["e", "3", "2", "“A signed agreement”", "The agreement"])
    assert result.exit_code == 130
    said = flat(result.stdout)
    assert "Everything you answered is saved" not in said
    assert (f"Stopped. Every answer you finished is saved in {path}; the evidence item you "
            f"were part-way through (for X1.1) is kept as a draft in {draft_path(path)}, and "
            "offered back when you carry on. To carry on: laaeval assess") in said
    assert path.read_text() == before  # the file only ever holds whole items
    kept = yamlio.load_path(draft_path(path))
    assert kept["for"] == "X1.1" and kept["answers"]["quote"] == "A signed agreement"

    result = run(cli, path, ["y", "Agreement, p. 4", "s", "q"])
    assert result.exit_code == 0, result.output
    assert ("You were part-way through an evidence item for X1.1: carry on with it? (y/n)"
            in result.stdout)  # fmt: skip
    item = load_evidence(path, FRAMEWORK)[0].evidence[-1]
    assert (item.sources, item.perspective, item.quote, item.summary, item.reference) == (
        ("doc",), "go", "A signed agreement", "The agreement", "Agreement, p. 4")  # fmt: skip
    assert not draft_path(path).exists()


def test_a_draft_can_be_gone_back_through_or_forgotten(cli, tmp_path, monkeypatch):
    path = unjudged(tmp_path)
    with monkeypatch.context() as m:
        stopped_at(m, "s/c/n for")
        run(cli, path, ["e", "1", "1", "First words", "Interview 1"])
    # Carried on with, then back a step: the reference is asked again.
    result = run(cli, path, ["y", "b", "Interview 2", "c", "q"])
    assert result.exit_code == 0, result.output
    assert load_evidence(path, FRAMEWORK)[0].evidence[-1].reference == "Interview 2"
    with monkeypatch.context() as m:
        stopped_at(m, "s/c/n for")
        run(cli, path, ["e", "1", "1", "Other words", ""])
    result = run(cli, path, ["n", "q"])
    assert "The draft is forgotten." in result.stdout
    assert not draft_path(path).exists()
    assert len(load_evidence(path, FRAMEWORK)[0].evidence) == 6


def test_ctrl_c_before_anything_of_the_item_is_typed_keeps_no_draft(cli, tmp_path, monkeypatch):
    path = unjudged(tmp_path)
    with monkeypatch.context() as m:
        stopped_at(m, "Source")
        result = run(cli, path, ["e"])
    assert "Stopped. Everything you answered is saved in" in flat(result.stdout)
    assert not draft_path(path).exists()


def test_ctrl_c_waiting_for_a_reason_says_the_rating_was_not_saved(cli, tmp_path, monkeypatch):
    path = unjudged(tmp_path)
    with monkeypatch.context() as m:
        stopped_at(m, "Why fully met?")
        result = run(cli, path, ["3"])
    assert ("Everything you answered is saved in " f"{path}, except the rating of X1.1 (3 "
            "Fully met), which was waiting for its reason.") in flat(result.stdout)


# -- counting and options ------------------------------------------------------------------


def test_the_header_progress_resume_line_and_score_count_alike(cli, tmp_path):
    """Y1.2 is marked not applicable: it is left out of both sides everywhere."""
    path = unjudged(tmp_path)
    # By hand, for a single-tier pilot: X1.1, X1.2, X2, Y1.1, Y1.2, Y1.3 (X3 cannot apply);
    # Y1.2 marked not applicable leaves 5 applicable; X1.2, X2 and Y1.1 are judged: 3.
    result = run(cli, path, ["p", "q"])
    out = flat(result.stdout)
    assert "3 of 5 judged, 5 evidence items so far" in out
    assert "[3 of 5 judged · 5 evidence items]" in out
    assert "Overall: 3 of 5 judged; 5 evidence items" in out
    assert "Agreement: 1 of 2 judged" in out
    score = cli("score", path, *MINI, "--format", "json")
    overall = json.loads(score.stdout)["assessments"][0]["overall"]
    assert (overall["judged"], overall["applicable"]) == (3, 5)


def test_one_evidence_item_is_said_in_the_singular(cli, tmp_path):
    path = tmp_path / "x.yaml"
    result = run(cli, path, [*DETAILS, "e", "1", "1", "A point", "", "s", "p", "q"])
    out = flat(result.stdout)
    assert "[0 of 6 judged · 1 evidence item]" in out
    assert "1 evidence items" not in out


def test_a_mistyped_detail_is_refused_before_any_question(cli, tmp_path):
    path = tmp_path / "x.yaml"
    result = run(cli, path, ["Smallville"], "--detail", "tire=two-tier")
    assert result.exit_code == 2
    assert 'unknown pilot detail "tire"; did you mean "tier"?' in result.output
    assert "Pilot (the area" not in result.output
    assert not path.exists()
    result = run(cli, path, ["Smallville"], "--detail", "tier=two-tear")
    assert result.exit_code == 2
    assert 'did you mean "two-tier"?' in result.output and "Pilot (the area" not in result.output


def test_a_long_source_list_is_shown_in_full_once_a_sitting(cli, tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text((ROOT / "examples" / "wealdshire-mid-way.yaml").read_text())
    item = ["e", "1", "1", "A point", "", "s"]
    result = cli("assess", path, "--answers", "-",
                 input="\n".join([*item, "e", "?", "2", "2", "Another", "", "s", "q"]) + "\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    first, second = out.split("New evidence.")[1:3]
    assert "18. Other programme documentation" in first
    assert "Expected here: " in second and "(? lists all 18)" in second
    assert second.count("18. Other programme documentation") == 1  # listed by ? alone


def test_a_draft_carried_on_with_shows_what_it_holds(cli, tmp_path, monkeypatch):
    path = unjudged(tmp_path)
    with monkeypatch.context() as m:
        stopped_at(m, "Where is it")
        run(cli, path, ["e", "3", "2", "“A signed agreement”", "The agreement"])
    result = run(cli, path, ["y", "q", "q"])
    assert ("So far: Documents · Government Office · “A signed agreement” · The agreement"
            in flat(result.stdout))  # fmt: skip


def test_ctrl_d_part_way_keeps_a_draft_too(cli, tmp_path, monkeypatch):
    from laaeval.assess.prompts import EndOfAnswers, Prompter

    path = unjudged(tmp_path)
    ask = Prompter.ask

    def closed(self, q, default=None):
        if q.startswith("Where is it"):
            raise EndOfAnswers(keyboard=True)
        return ask(self, q, default)

    monkeypatch.setattr(Prompter, "ask", closed)
    result = run(cli, path, ["e", "1", "1", "A point"])
    assert result.exit_code == 0
    assert "Finished (Ctrl-D). Every answer you finished is saved" in flat(result.stdout)
    assert draft_path(path).exists()


def test_progress_is_not_followed_by_the_indicator_again(cli, tmp_path):
    path = unjudged(tmp_path)
    result = run(cli, path, ["p", "?", "q"])
    assert result.stdout.count("Criterion: First criterion") == 1
    assert "X1.1: rate 0/1/2/3, or v w n e u s b j p t q (? for help)" in result.stdout


def test_b_at_save_as_goes_back_to_the_last_detail(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    answers = [*DETAILS[:-1], "A. Asessor", "b", "A. Assessor", "", "q"]
    result = cli("assess", *MINI, "--answers", "-", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert flat(result.stdout).count("Save as [smallville-final.yaml]:") == 2
    record = load_evidence(tmp_path / "smallville-final.yaml", FRAMEWORK)[0]
    assert record.assessor == "A. Assessor"


def test_a_criterion_judged_as_a_whole_can_take_its_reason_on_the_same_line(cli, tmp_path):
    path = unjudged(tmp_path)
    result = run(cli, path, ["w", "v", "b", "2 On both interviews", "q"])
    assert result.exit_code == 0, result.output
    whole = load_evidence(path, FRAMEWORK)[0].judgements["X1"]
    assert (whole.rating, whole.rationale) == (2, "On both interviews")


def test_a_reason_backed_out_of_is_not_called_unsaved_at_a_later_ctrl_c(cli, tmp_path,
                                                                        monkeypatch):  # fmt: skip
    path = unjudged(tmp_path)
    with monkeypatch.context() as m:
        stopped_at(m, "Jump to")
        result = run(cli, path, ["3", "b", "j"])
    said = flat(result.stdout)
    assert f"Stopped. Everything you answered is saved in {path}. To carry on" in said
    assert "except" not in said


def test_ctrl_c_at_the_stance_of_a_reused_item_names_the_link_not_made(cli, tmp_path,
                                                                       monkeypatch):  # fmt: skip
    path = unjudged(tmp_path)
    with monkeypatch.context() as m:
        stopped_at(m, "E3 E4: s/c/n for")
        result = run(cli, path, ["u", "E3 E4"])
    assert result.exit_code == 130
    assert ("except the link from E3 E4 to X1.1, which was waiting for its stance."
            in flat(result.stdout))  # fmt: skip
