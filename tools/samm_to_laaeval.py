"""Write one OWASP SAMM v2 business function as a laaeval framework, word for word from the
official model (github.com/owaspsamm/core, licensed CC BY-SA 4.0).

    git clone https://github.com/owaspsamm/core samm-core
    python tools/samm_to_laaeval.py samm-core Governance > frameworks/owasp-samm-2-governance.yaml

Groups: business function (aspect) > security practice > stream > maturity level > question.
A stream scores the sum of its answers (0-3), a practice the mean of its streams, the
function the mean of its practices: SAMM's own rule. Unanswered questions count as 0.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml


def read(repo: Path, path: str, loader: type = yaml.SafeLoader) -> dict:
    text = subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{path}"], check=True,
                          capture_output=True, text=True).stdout
    return yaml.load(text, Loader=loader)  # SafeLoader or BaseLoader: both safe


def number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def files(repo: Path, folder: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(repo), "ls-tree", "--name-only", "HEAD", folder + "/"],
                         check=True, capture_output=True, text=True).stdout
    return out.split()


def main(repo: Path, function_name: str) -> None:
    commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    date = subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%cs"], check=True,
                          capture_output=True, text=True).stdout.strip()
    function = read(repo, f"model/business_functions/{function_name}.yml")
    letter = function_name[0]
    practices = sorted((read(repo, f) for f in files(repo, "model/security_practices")
                        if Path(f).name.startswith(letter + "-")), key=lambda p: p["order"])
    streams = [read(repo, f) for f in files(repo, "model/streams")]
    activities = {Path(f).stem: read(repo, f) for f in files(repo, "model/activities")}
    questions = {Path(f).stem: read(repo, f) for f in files(repo, "model/questions")}
    # Read as plain text: to YAML 1.1 a bare No is false, and SAMM's first answer is "No".
    answer_files = {read(repo, f)["id"]: (Path(f).stem, read(repo, f, yaml.BaseLoader))
                    for f in files(repo, "model/answer_sets")}
    used: dict[str, list] = {}
    levels = []
    for practice in practices:
        short = practice["shortName"]
        inner = []
        for stream in sorted((s for s in streams if s["practice"] == practice["id"]),
                             key=lambda s: s["order"]):
            s_letter = stream["letter"]
            maturity = []
            for level_no in (1, 2, 3):
                ident = f"{letter}-{short}-{level_no}-{s_letter}"
                activity, question = activities[ident], questions[ident]
                set_name, answer_set = answer_files[question["answerSet"]]
                used[set_name] = [{"value": number(v["value"]), "label": v["text"]}
                                  for v in sorted(answer_set["values"],
                                                  key=lambda v: int(v["order"]))]
                criterion = {"id": ident, "text": question["text"], "answers": set_name,
                             "indicators": []}
                if question.get("quality"):
                    criterion["guidance"] = "Quality criteria:\n" + "\n".join(
                        f"- {q}" for q in question["quality"])
                maturity.append({
                    "id": f"{letter}-{short}-{s_letter}-{level_no}",
                    "title": f"Maturity level {level_no}: {activity['title']}",
                    "description": activity["shortDescription"],
                    "criteria": [criterion],
                })
            inner.append({"id": f"{letter}-{short}-{s_letter}",
                          "title": f"Stream {s_letter}: {stream['name']}",
                          "description": stream["description"], "aggregate": "sum",
                          "levels": maturity})
        levels.append({"id": f"{letter}-{short}", "title": practice["name"],
                       "description": practice["shortDescription"], "levels": inner})
    framework = {
        "laaeval": "framework/1",
        "id": f"owasp-samm-2-{function_name.lower()}",
        "version": f"2.0-{commit[:7]}",
        "title": f"OWASP SAMM v2: {function_name}",
        "description": function["description"].strip(),
        "provenance": {
            "publisher": "OWASP Foundation (OWASP SAMM project)",
            "year": 2020,
            "report": "OWASP Software Assurance Maturity Model (SAMM) version 2",
            "part": f"Business function {function_name}: its security practices, streams, "
                    "maturity levels, assessment questions and answer sets",
            "link": "https://github.com/owaspsamm/core",
            "note": (f"Taken word for word from the official model, github.com/owaspsamm/core "
                     f"commit {commit} ({date}), by tools/samm_to_laaeval.py. Licence: "
                     "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA "
                     "4.0); this file is shared under the same licence. Scoring as the SAMM "
                     "toolbox: answers 0-1 per question; a stream is the sum of its three "
                     "maturity levels' answers; a practice the mean of its streams (0-3); the "
                     "function the mean of its practices. Unanswered questions count as 0. "
                     "The maturity level titles are the activities' titles; laaeval adds "
                     "nothing to SAMM's words."),
        },
        "id_pattern": "[DGIOV](-[A-Z]{2}(-[AB](-[1-3])?|-[1-3]-[AB])?)?",
        "scoring": {"aggregate": "mean", "unjudged": "zero", "not_applicable": "forbidden",
                    "units": "scale", "decimals": 2},
        "answer_sets": dict(sorted(used.items())),
        "aspects": [{"id": letter, "title": function_name,
                     "description": function["description"].strip(), "levels": levels}],
    }
    sys.stdout.write("# OWASP SAMM v2, CC BY-SA 4.0. Generated by tools/samm_to_laaeval.py;\n"
                     "# see provenance for the source commit.\n")
    sys.stdout.write(yaml.safe_dump(framework, sort_keys=False, allow_unicode=True, width=96))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
