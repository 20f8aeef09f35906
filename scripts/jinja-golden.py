#!/usr/bin/env python3
"""Regenerate the golden outputs of Tessera's Jinja corpus with Python Jinja2 3.1.

Layout (all paths relative to test/jinja/corpus/, which is also the loader root):
  <area>/<name>.jinja     a test case; its template name is "<area>/<name>.jinja"
  <area>/<name>.json      optional render context (plain JSON)
  <area>/<name>.partial   a template that is only included/imported by test cases
  <area>/<name>.out       expected output, exact bytes (written here)
  <area>/<name>.err       expected error, JSON {"kind", "line", "message"} (written here);
                          kind is syntax | undefined | runtime, line is the template's line.
                          "message" is Python's text, for humans only: harnesses ignore it.

The environment is the one dbt uses: extensions do + loopcontrols, default Undefined,
no autoescape, trim_blocks/lstrip_blocks/keep_trailing_newline off.

Usage: python3 scripts/jinja-golden.py [--check]
  --check  change nothing; exit 1 if any expected file is missing, stale or orphaned.
Requires jinja2 3.1.x (pip install 'jinja2>=3.1,<3.2').
"""

import json
import os
import re
import sys
import traceback

import jinja2

CORPUS = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "jinja", "corpus"))

# Output that shows a Python object's identity or class can never be matched by another engine.
PYTHON_ONLY_OUTPUT = re.compile(
    r"<(function|class|bound method|built-in|generator|module|jinja2\.|Undefined|LoopContext|Namespace|Cycler|Joiner)"
    r"|object at 0x|dict_(items|keys|values)\(|_iterator object|Markup\("
)
MAX_SAFE_INT = 2**53 - 1


def fail(message):
    print(f"jinja-golden: {message}", file=sys.stderr)
    sys.exit(2)


def make_environment():
    return jinja2.Environment(
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
        loader=jinja2.FileSystemLoader(CORPUS),
        undefined=jinja2.Undefined,
        autoescape=False,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=False,
    )


def check_json_portable(value, where):
    """JSON.parse cannot tell 1.0 from 1 nor hold big ints; keep contexts meaning the same in both languages."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INT:
            fail(f"{where}: integer {value} is beyond 2**53 and not portable to JavaScript")
        return
    if isinstance(value, float):
        if value.is_integer():
            fail(f"{where}: float {value!r} is integral; JSON.parse would read it as an int")
        return
    if isinstance(value, list):
        for item in value:
            check_json_portable(item, where)
        return
    if isinstance(value, dict):
        for item in value.values():
            check_json_portable(item, where)
        return
    fail(f"{where}: unsupported JSON value {value!r}")


def template_line(exc, template_file):
    """The line of the innermost traceback frame that belongs to the failing template."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if os.path.normpath(frame.filename) == template_file:
            line = frame.lineno
        elif os.path.normpath(frame.filename).startswith(CORPUS + os.sep):
            # The error surfaced in another corpus file (an include or import): keep error
            # cases single-file so the expected line is unambiguous.
            fail(f"{template_file}: error raised inside {frame.filename}; keep error cases single-file")
    return line


def expected_for(env, name, context):
    """Render one case; return (extension, content) of its expected file."""
    template_file = os.path.join(CORPUS, name)
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        if exc.filename is not None and os.path.normpath(exc.filename) != template_file:
            fail(f"{name}: syntax error is in {exc.filename}; keep error cases single-file")
        return ".err", error_json("syntax", exc.lineno, exc)
    except Exception as exc:  # noqa: BLE001 -- e.g. Python's own SyntaxError for a stray {% break %}
        fail(f"{name}: Jinja2 failed to compile it with a non-Jinja error ({type(exc).__name__}: {exc}); drop the case")
    try:
        output = template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        fail(f"{name}: syntax error at render time ({exc}); keep error cases single-file")
    except jinja2.UndefinedError as exc:
        return ".err", error_json("undefined", template_line(exc, template_file), exc)
    except Exception as exc:  # noqa: BLE001 -- every other render failure is a runtime error
        return ".err", error_json("runtime", template_line(exc, template_file), exc)
    if PYTHON_ONLY_OUTPUT.search(output):
        fail(f"{name}: output shows a Python-only object repr: {output[:200]!r}")
    return ".out", output


def error_json(kind, line, exc):
    if line is None:
        fail(f"cannot locate the template line of {type(exc).__name__}: {exc}")
    # No absolute paths in committed files: the output must not depend on the checkout location.
    message = f"{type(exc).__name__}: {exc}".replace(CORPUS, "<corpus>")
    return json.dumps({"kind": kind, "line": line, "message": message}, ensure_ascii=False) + "\n"


def read_context(base):
    path = base + ".json"
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as handle:
        context = json.load(handle)
    if not isinstance(context, dict):
        fail(f"{path}: context must be a JSON object")
    check_json_portable(context, path)
    return context


def write_if_changed(path, content, check):
    data = content.encode("utf-8")
    if os.path.exists(path):
        with open(path, "rb") as handle:
            if handle.read() == data:
                return False
    if not check:
        with open(path, "wb") as handle:
            handle.write(data)
    return True


def remove(path, check):
    if os.path.exists(path):
        if not check:
            os.remove(path)
        return True
    return False


def main():
    check = "--check" in sys.argv[1:]
    if not jinja2.__version__.startswith("3.1."):
        fail(f"needs Jinja2 3.1.x, found {jinja2.__version__}")
    env = make_environment()
    cases = outputs = errors = changed = 0
    stale = []
    for directory, subdirs, files in os.walk(CORPUS):
        subdirs.sort()
        for file_name in sorted(files):
            base, ext = os.path.splitext(os.path.join(directory, file_name))
            if ext in (".out", ".err") and not os.path.exists(base + ".jinja"):
                stale.append(base + ext)
                changed += remove(base + ext, check)
            if ext != ".jinja":
                continue
            name = os.path.relpath(base + ext, CORPUS).replace(os.sep, "/")
            cases += 1
            kind, content = expected_for(env, name, read_context(base))
            other = ".out" if kind == ".err" else ".err"
            if kind == ".out":
                outputs += 1
            else:
                errors += 1
            if write_if_changed(base + kind, content, check):
                changed += 1
                stale.append(base + kind)
            if remove(base + other, check):
                changed += 1
                stale.append(base + other)
    verb = "would change" if check else "changed"
    print(f"jinja-golden: {cases} templates ({outputs} outputs, {errors} errors); {changed} files {verb}")
    if check and changed:
        for path in stale:
            print(f"  {os.path.relpath(path, CORPUS)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
