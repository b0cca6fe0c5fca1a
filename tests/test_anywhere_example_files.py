"""The example files ship inside the package, and the docs read them from there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from safeguarding_model import UnknownIdError, list_examples
from safeguarding_model.datasets import example_file, list_example_files

ROOT = Path(__file__).parent.parent
DOCS = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]
NAMED = re.compile(r"""example_file\(\s*f?["']([^"']+)["']""")


def test_every_listed_file_is_a_file_inside_the_package() -> None:
    names = list_example_files()
    assert names == tuple(sorted(names))
    assert "README.md" not in names
    package = Path(__file__).parent.parent / "src" / "safeguarding_model" / "datasets"
    for name in names:
        path = example_file(name)
        assert path.is_file()
        assert path.name == name
        assert path.parent.name == "_files"
        assert path.parent.parent.resolve() == package.resolve()


def test_the_files_are_not_taken_for_example_reports() -> None:
    assert list_examples() == ("lancashire-2015-16",)


def test_an_unknown_name_is_refused_with_the_names_that_exist() -> None:
    with pytest.raises(UnknownIdError) as raised:
        example_file("no-such-file.csv")
    assert raised.value.field == "name"
    assert raised.value.value == "no-such-file.csv"
    assert "fingertips-child-health.csv" in str(raised.value)
    with pytest.raises(KeyError):
        example_file("../__init__.py")


def test_a_long_unknown_name_is_not_echoed_whole() -> None:
    with pytest.raises(UnknownIdError) as raised:
        example_file("x" * 500)
    assert "x" * 100 not in str(raised.value)


def test_every_file_the_docs_name_exists() -> None:
    named = {
        (path.name, match)
        for path in DOCS
        for match in NAMED.findall(path.read_text(encoding="utf-8"))
    }
    assert len(named) >= 10
    for page, name in named:
        if "{" in name:  # an f-string: the two editions
            assert example_file(name.replace("{year}", "2015-16")).is_file(), page
        else:
            assert name in list_example_files(), (page, name)


def test_every_file_has_its_origin_in_the_folders_readme() -> None:
    readme = (example_file(list_example_files()[0]).parent / "README.md").read_text(
        encoding="utf-8"
    )
    for name in list_example_files():
        stem = name.rsplit(".", 1)[0]
        assert f"`{name}`" in readme or f"`{stem}`" in readme, name
