"""Every Python example in the docs and the README runs, and prints what it says it prints.

A block whose whole text is a snippet include (``--8<-- "path"``) shows a file of the repository;
that file is run as a script instead.

Each example and script runs with an empty temporary folder as the current directory, as a user
who installed the package runs it: an example that reads a path relative to the repository fails
here. Examples read the files they need through ``safeguarding_model.datasets.example_file``.
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


@pytest.fixture(autouse=True)
def empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_examples_run_in_an_empty_folder(empty_folder: Path) -> None:
    assert Path.cwd() == empty_folder
    assert not any(Path.cwd().iterdir())
    assert not Path("docs").exists()
    assert not Path("tests").exists()


def test_no_example_reads_a_path_of_the_repository() -> None:
    for example in EXAMPLES:
        assert not re.search(r"""["'](docs|tests|src)/""", example.source), str(example)


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
