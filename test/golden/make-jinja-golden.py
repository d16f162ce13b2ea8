#!/usr/bin/env python3
"""Regenerates the Jinja golden files from real Python Jinja2.

Run by hand (never by the test suite) after adding or changing a case:

    python3 test/golden/make-jinja-golden.py

Each case in test/golden/jinja/ is `<case>.j2` (the template) plus an optional `<case>.vars.json` (the
variables; a missing file means no variables). For every case this writes exactly one of:

- `<case>.out`: the rendered text, byte for byte;
- `<case>.err`: a JSON object {"error", "message", "line"} when Jinja2 raises, where `error` is the exception
  class name and `line` the template line Jinja2 reports (from the traceback for runtime errors).

The environment is the one GitMoxi templates are written for: `jinja2.Environment(undefined=StrictUndefined)`
with every other option at its default (no autoescape, trim_blocks off, keep_trailing_newline off).
The Jinja2 version used is printed; the goldens in the repository were made with Jinja2 3.1.
"""

import json
import sys
import traceback
from pathlib import Path

import jinja2

CASES = Path(__file__).resolve().parent / "jinja"
TEMPLATE_NAME = "<template>"


def load_vars(case: Path) -> dict:
    vars_file = case.with_suffix(".vars.json")
    if not vars_file.exists():
        return {}
    return json.loads(vars_file.read_text(encoding="utf-8"))


def error_line(exc: Exception) -> int | None:
    """The template line of an error: syntax errors carry it, runtime errors have it in the traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.lineno
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == TEMPLATE_NAME:
            line = frame.lineno
    return line


def render_case(env: jinja2.Environment, case: Path) -> None:
    # newline="" keeps \r\n as written: the templates are read as bytes from git, not as text files.
    with open(case, encoding="utf-8", newline="") as handle:
        source = handle.read()
    out_file = case.with_suffix(".out")
    err_file = case.with_suffix(".err")
    for stale in (out_file, err_file):
        stale.unlink(missing_ok=True)
    try:
        # from_string compiles under the file name "<template>", which is how error_line finds its frames.
        rendered = env.from_string(source).render(**load_vars(case))
    except Exception as exc:  # noqa: BLE001 - every Jinja2 failure is a golden outcome
        record = {"error": type(exc).__name__, "message": str(exc), "line": error_line(exc)}
        err_file.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        return
    with open(out_file, "w", encoding="utf-8", newline="") as handle:
        handle.write(rendered)


def main() -> int:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    cases = sorted(CASES.glob("*.j2"))
    for case in cases:
        render_case(env, case)
    print(f"jinja2 {jinja2.__version__}: rendered {len(cases)} cases in {CASES.name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
