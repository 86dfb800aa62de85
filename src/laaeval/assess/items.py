"""Recording evidence in ``laaeval assess``: a new item in as few questions as it needs,
and items already recorded found by typing and linked to the indicator in front of you."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from datetime import date

from rich.text import Text

from ..errors import sentence, unknown
from ..model import evidence as ev
from ..model.framework import Framework
from ..text import one_line
from .prompts import Prompter, ask_choice, ask_choices, ask_text, ask_until
from .steps import Answers, Step

STANCE_WORDS = {"s": "supports", "c": "challenges", "n": "neutral"}
# Quotation marks a quote may be typed in: straight, curly (“…”, ‘…’) and guillemets.
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb",
           "\u201e": "\u201c"}  # fmt: skip
_DATE_AT_END = re.compile(r"(?:^|[\s,;]+)(\d{4}-\d{2}-\d{2})$")
SHOWN = 10  # items listed at once, so that a long file does not scroll the screen away


def unquoted(text: str) -> str | None:
    """The words inside the quotation marks ``text`` is typed in (any kind); None if it
    does not start with one."""
    if not text or text[0] not in _QUOTES:
        return None
    inner = text[1:]
    if inner.endswith(_QUOTES[text[0]]) or inner.endswith(('"', "\u201d")):
        inner = inner[:-1]
    return inner.strip() or None


def parse_where(answer: str) -> tuple[str | None, str | None]:
    """ "Interview 4, p. 3, 2005-01-19" -> ("Interview 4, p. 3", "2005-01-19")."""
    found = _DATE_AT_END.search(answer)
    if not found:
        return answer or None, None
    when = found.group(1)
    try:
        date.fromisoformat(when)
    except ValueError:
        raise ValueError(f"{when} is not a real date (write it as YYYY-MM-DD).") from None
    return answer[: found.start()].strip() or None, when


def parse_bearing(framework: Framework, unit_id: str, answer: str) -> dict[str, str]:
    """ "s PN3.1 c PN4.2": a stance for this indicator, then other ids, each taking the
    stance written before it (the first one, until another is written)."""
    words = answer.replace(",", " ").split()
    stance = STANCE_WORDS.get(words[0].lower()[:1]) if words else None
    if stance is None or not _is_stance(words[0]):
        raise ValueError(f"Please start with s (supports), c (challenges) or n (neutral) "
                         f"for {unit_id}.")  # fmt: skip
    bearing = {unit_id: stance}
    for word in words[1:]:
        if _is_stance(word):
            stance = STANCE_WORDS[word.lower()[:1]]
            continue
        point = _point(framework, word)
        if point is None:
            known = [*framework.units_by_id, *framework.criteria_by_id]
            raise ValueError(sentence(unknown("indicator", word, known)))
        bearing.setdefault(point, stance)
    return bearing


def _is_stance(word: str) -> bool:
    w = word.lower()
    return w in STANCE_WORDS or w in ("support", "supports", "challenge", "challenges",
                                      "neutral")  # fmt: skip


def _point(framework: Framework, word: str) -> str | None:
    for ident in (word, word.upper()):
        if ident in framework.units_by_id or ident in framework.criteria_by_id:
            return ident
    return None


def bearing_question(unit_id: str) -> str:
    return f"s/c/n for {unit_id} (+ any other ids it bears on, each after its s/c/n)"


BEARING_HELP = """\
Does it support the indicator, challenge it, or neither (neutral)? Type s, c
or n. If it bears on other indicators or criteria too, add their ids after
it, each after its own s, c or n: "s PN3.1 PN3.3 c PN4.2" supports this one,
PN3.1 and PN3.3, and challenges PN4.2."""


def next_evidence_id(record: ev.EvidenceFile) -> str:
    numbers = [int(m.group(1)) for e in record.evidence if (m := re.fullmatch(r"E(\d+)", e.id))]
    return f"E{max(numbers, default=0) + 1}"


# -- a new item -----------------------------------------------------------------------------


def new_item_steps(prompter: Prompter, framework: Framework, unit_id: str,
                   expected: Sequence[str], listed: bool = False) -> list[Step]:  # fmt: skip
    """The questions for a new evidence item, in order; each fills its keys. Once the
    sources have been ``listed`` in full in a sitting, a long list is shortened to those
    expected here (``?`` lists them all again), so the indicator stays on the screen."""
    types = framework.source_types_by_id

    def sources(a: Answers) -> None:
        options = [(s.id, s.label + (" (expected here)" if s.id in expected else ""))
                   for s in framework.source_types]  # fmt: skip
        prompter.say(Text("New evidence. Which kind of source is it?", style="bold"))
        width = max(prompter.console.width - 1, 30)
        every = "\n".join(textwrap.fill(one_line(label), width, initial_indent=f"  {n:>2}. ",
                                        subsequent_indent=" " * 6)
                          for n, (_, label) in enumerate(options, start=1))  # fmt: skip
        short = listed and len(options) > SHOWN
        if short:
            here = [f"{n} {one_line(s.label)}" for n, s in
                    enumerate(framework.source_types, start=1) if s.id in expected]  # fmt: skip
            words = "; ".join(here) if here else "none named"
            for line in hanging("  Expected here: ", words, prompter.console.width):
                prompter.say(line)
            prompter.say(Text(f"  (? lists all {len(options)})", style="dim"))
        a["sources"] = list(ask_choices(prompter, "Source (one or more numbers)", options,
                                        explain=f"{SOURCE_HELP}\n{every}",
                                        listed=not short))  # fmt: skip

    def perspective(a: Answers) -> bool:
        implied = {types[s].perspective for s in a["sources"]}
        if len(implied) == 1 and None not in implied:
            a["perspective"] = implied.pop()
            label = framework.perspectives_by_id[a["perspective"]].label
            prompter.say(Text(f"Whose view: {one_line(label)} (as that source gives).",
                              style="dim"))  # fmt: skip
            return False
        a["perspective"] = ask_choice(prompter, "Whose view does it give?",
                                      [(x.id, x.label) for x in framework.perspectives],
                                      explain=PERSPECTIVE_HELP, inline=True)  # fmt: skip
        return True

    def said(a: Answers) -> None:
        text = ask_text(prompter, 'What was said or found? (start with " to give the exact '
                        "words)", required=True, explain=SAID_HELP)  # fmt: skip
        quote = unquoted(text)
        a["quote"] = quote
        if quote is None:
            a["summary"] = text

    def summary(a: Answers) -> None:
        a["summary"] = ask_text(prompter, "And a summary, in your words", required=True,
                                explain=SAID_HELP)  # fmt: skip

    def where(a: Answers) -> None:
        a["reference"], a["date"] = ask_until(
            prompter, "Where is it, and when? (interview, page, YYYY-MM-DD; Enter for none)",
            parse_where, explain=WHERE_HELP, optional=True)  # fmt: skip

    def bearing(a: Answers) -> None:
        a["bears_on"] = ask_until(prompter, bearing_question(unit_id),
                                  lambda answer: parse_bearing(framework, unit_id, answer),
                                  explain=BEARING_HELP)  # fmt: skip

    return [Step(("sources",), sources), Step(("perspective",), perspective),
            Step(("quote",), said), Step(("summary",), summary),
            Step(("reference", "date"), where), Step(("bears_on",), bearing)]  # fmt: skip


SOURCE_HELP = """\
What kind of source the evidence comes from, from the framework's list: type
its number (or several, separated by spaces, for an item drawn from more than
one)."""
PERSPECTIVE_HELP = "Whose point of view the evidence gives: type its number."
SAID_HELP = """\
What was said or found, in a sentence or two. To record someone's exact
words, type them in quotation marks ("like this" or “like this”): you are
then asked for a summary."""
WHERE_HELP = """\
Where the evidence can be found again: the interview, document, page or
paragraph. Add the date it was said or written at the end, as YYYY-MM-DD.
Enter leaves both out."""


def recap(framework: Framework, answers: Answers, width: int) -> list[Text]:
    """What a draft holds so far, to carry on from."""
    types, who = framework.source_types_by_id, framework.perspectives_by_id
    parts = ["; ".join(types[s].label for s in answers.get("sources", ()))]
    if answers.get("perspective"):
        parts.append(who[answers["perspective"]].label)
    if answers.get("quote"):
        parts.append(f"“{answers['quote']}”")
    if answers.get("summary"):
        parts.append(answers["summary"])
    if answers.get("reference") or answers.get("date"):
        parts.append(", ".join(x for x in (answers.get("reference"), answers.get("date")) if x))
    return hanging("  So far: ", " · ".join(p for p in parts if p), width, "dim")


def item_from(answers: Answers, item_id: str) -> ev.EvidenceItem:
    return ev.EvidenceItem(
        id=item_id, sources=tuple(answers["sources"]), perspective=answers["perspective"],
        summary=answers["summary"], bears_on=dict(answers["bears_on"]),
        quote=answers.get("quote") or None, reference=answers.get("reference") or None,
        date=answers.get("date"),
    )  # fmt: skip


# -- items already recorded -----------------------------------------------------------------


def item_lines(framework: Framework, e: ev.EvidenceItem, width: int,
               stance: str | None = None, lines: int = 2) -> list[Text]:  # fmt: skip
    """An item as a list shows it: its id, where it is and when, whose view and the
    source on the first line; its summary below, on up to ``lines`` lines of the
    terminal's width."""
    types = framework.source_types_by_id
    source = "; ".join(types[s].label for s in e.sources) or "synthesis"
    who = (framework.perspectives_by_id[e.perspective].label if e.perspective
           else "the evaluators")  # fmt: skip
    facts = [*(x for x in (e.reference, e.date) if x), who, source]
    tail = f" · {stance}" if stance else ""
    head = Text.assemble(f"  {e.id:<5}", (_fit(" · ".join(facts), width - 8 - len(tail)),
                                          "dim"))  # fmt: skip
    if stance:
        head.append(tail, style="red" if stance.startswith("challenges") else "green")
    body = _wrap(e.summary, width - 8, lines)
    return [head, *(Text(f"       {line}") for line in body)]


def hanging(first: str, text: str, width: int, style: str = "") -> list[Text]:
    """``first`` then ``text``, wrapped to the terminal's width, each further line indented
    under the text rather than back at the left edge."""
    indent = " " * len(first)
    lines = textwrap.wrap(one_line(text), max(width - len(first) - 1, 20)) or [""]
    return [Text.assemble(first if n == 0 else indent, (line, style))
            for n, line in enumerate(lines)]  # fmt: skip


def _fit(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"


def _wrap(text: str, width: int, lines: int) -> list[str]:
    wrapped = textwrap.wrap(one_line(text), max(width, 20)) or [""]
    if len(wrapped) > lines:
        last = wrapped[lines - 1][: max(width, 20) - 1].rstrip()
        wrapped = [*wrapped[: lines - 1], last + "…"]
    return wrapped


def matching(framework: Framework, items: Sequence[ev.EvidenceItem],
             words: Sequence[str]) -> list[ev.EvidenceItem]:  # fmt: skip
    """The items whose summary, quote, reference, source or perspective has every word."""
    wanted = [w.lower() for w in words]

    def text(e: ev.EvidenceItem) -> str:
        types = framework.source_types_by_id
        who = framework.perspectives_by_id.get(e.perspective or "")
        parts = [e.id, e.summary, e.quote, e.reference, e.date, who.label if who else None,
                 *(types[s].label for s in e.sources), *e.sources]  # fmt: skip
        return " ".join(p for p in parts if p).lower()

    return [e for e in items if all(w in text(e) for w in wanted)]


def parse_ids(answer: str, items: Sequence[ev.EvidenceItem]) -> list[str] | None:
    """ "E1 E2", "E1,E3", "1 3": the ids typed, as recorded; None when the answer is not
    a list of ids at all (words to find items by). An id not recorded is refused."""
    by_id = {e.id.upper(): e.id for e in items}
    words = answer.replace(",", " ").split()
    keys = [f"E{w}" if w.isdigit() else w.upper() for w in words]
    if not keys or not all(k in by_id or re.fullmatch(r"E\d+", k) for k in keys):
        return None
    for key, word in zip(keys, words, strict=True):
        if key not in by_id:
            raise ValueError(sentence(unknown("evidence id", word, list(by_id.values()))))
    return list(dict.fromkeys(by_id[k] for k in keys))


USE_HELP = """\
Type the id of an item recorded already (E3), or several (E1 E2, or E1,E3),
to link it to this indicator. Or type words to find items: a word of the
summary, the reference, the source or whose view it gives ("council",
"interview 4", "GO")."""
