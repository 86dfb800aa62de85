"""Rewrite the golden files in tests/golden/ from the current code: a separate command, so
that no test run can rewrite them. Review the difference (git diff tests/golden) before
committing it: every number in it is also checked by tests/test_golden_numbers.py.

    python tests/regenerate_golden.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from golden_cases import GOLDEN, names, render


def main() -> int:
    GOLDEN.mkdir(exist_ok=True)
    changed = []
    for name in names():
        path = GOLDEN / name
        text = render(name).encode("utf-8")
        if not path.exists() or path.read_bytes() != text:
            path.write_bytes(text)
            changed.append(name)
    left_over = sorted(p.name for p in GOLDEN.iterdir() if p.name not in names())
    listed = ", ".join(changed) or "none"
    print(f"{len(changed)} of {len(names())} golden files rewritten: {listed}")
    if left_over:
        print(f"No case makes these any more; remove them: {', '.join(left_over)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
