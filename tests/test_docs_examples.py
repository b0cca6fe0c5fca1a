"""Every Python example in the docs and the README runs, and prints what it says it prints.

A block whose whole text is a snippet include (``--8<-- "path"``) shows a file of the repository;
that file is run as a script instead.
"""

import re
import runpy
import sys
from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

ROOT = Path(__file__).parent.parent
SNIPPET = re.compile(r'\A--8<-- "([^"]+)"\s*\Z')
FOUND = list(find_examples(ROOT / "docs", ROOT / "README.md"))
EXAMPLES = [example for example in FOUND if not SNIPPET.match(example.source)]
INCLUDED = sorted(
    {match[1] for example in FOUND if (match := SNIPPET.match(example.source)) is not None}
)


def test_the_docs_have_examples() -> None:
    assert len(EXAMPLES) >= 10
    assert {example.path.name for example in EXAMPLES} >= {
        "index.md",
        "quickstart.md",
        "periods-values-rates.md",
    }
    assert "docs/examples/charts.py" in INCLUDED


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_docs_example(example: CodeExample, eval_example: EvalExample) -> None:
    eval_example.set_config(line_length=100)
    if eval_example.update_examples:  # `pytest --update-examples` rewrites the printed output
        eval_example.run_print_update(example)
    else:
        eval_example.run_print_check(example)


@pytest.mark.parametrize("path", INCLUDED)
def test_included_script_runs(
    path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", [path, str(tmp_path)])
    runpy.run_path(str(ROOT / path), run_name="__main__")
    written = capsys.readouterr().out.split()
    assert written
    for name in written:
        assert Path(name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
