"""Every Python example in the docs and the README runs, and prints what it says it prints."""

from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

ROOT = Path(__file__).parent.parent
EXAMPLES = list(find_examples(ROOT / "docs", ROOT / "README.md"))


def test_the_docs_have_examples() -> None:
    assert len(EXAMPLES) >= 10
    assert {example.path.name for example in EXAMPLES} >= {
        "index.md",
        "quickstart.md",
        "periods-values-rates.md",
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_docs_example(example: CodeExample, eval_example: EvalExample) -> None:
    eval_example.set_config(line_length=100)
    if eval_example.update_examples:  # `pytest --update-examples` rewrites the printed output
        eval_example.run_print_update(example)
    else:
        eval_example.run_print_check(example)
