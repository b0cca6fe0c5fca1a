"""The package's architecture, as rules on its imports.

Which module may import which is the import-linter contract in ``pyproject.toml`` (``lint-imports``
runs it in CI); this module checks what import-linter cannot see: that no module takes another
module's private names. A package-internal module (``_numbers``, ``_records`` ...) is private to
the package, not to itself: its public names serve every module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src"
MODULES = sorted((SOURCE / "safeguarding_model").rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _private_imports(path: Path, own: str | None = None) -> list[str]:
    """``module: name`` for every private name ``path`` imports from another of our modules."""
    own = own or _module_name(path)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or node.level or node.module is None:
            continue
        if not node.module.startswith("safeguarding_model") or node.module == own:
            continue
        found += [
            f"{node.module}: {alias.name} (line {node.lineno})"
            for alias in node.names
            if alias.name.startswith("_") and not alias.name.startswith("__")
        ]
    return found


def test_the_package_has_modules() -> None:
    assert len(MODULES) > 20
    assert _module_name(SOURCE / "safeguarding_model" / "statistics" / "__init__.py") == (
        "safeguarding_model.statistics"
    )


def test_the_check_finds_a_private_import(tmp_path: Path) -> None:
    module = tmp_path / "safeguarding_model" / "example.py"
    module.parent.mkdir()
    module.write_text(
        "from safeguarding_model.rates import RateBase, _parse_base\n"
        "from safeguarding_model._numbers import to_decimal\n",
        encoding="utf-8",
    )
    assert [
        entry.split(" (")[0] for entry in _private_imports(module, "safeguarding_model.example")
    ] == ["safeguarding_model.rates: _parse_base"]


@pytest.mark.parametrize("path", MODULES, ids=_module_name)
def test_no_module_imports_another_modules_private_names(path: Path) -> None:
    assert _private_imports(path) == []
