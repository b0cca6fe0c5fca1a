import subprocess
import sys

HEAVY = ("numpy", "pint", "scipy", "pandas", "pydantic", "safeguarding_model.units")


def _loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_import_loads_nothing_heavy() -> None:
    loaded = _loaded_after("import safeguarding_model")
    assert "safeguarding_model" in loaded
    assert not loaded & set(HEAVY)


def test_a_period_needs_neither_pydantic_nor_pint() -> None:
    loaded = _loaded_after("import safeguarding_model as sm; sm.parse_period('2015/16')")
    assert "attrs" in loaded
    assert not loaded & set(HEAVY)


def test_a_rate_needs_pint_only_when_converted() -> None:
    loaded = _loaded_after(
        "import safeguarding_model as sm; sm.rate_from_count(1, 10, population='child')"
    )
    assert "pydantic" in loaded
    assert "pint" not in loaded
    converted = _loaded_after(
        "import safeguarding_model as sm\nsm.convert_rate(sm.rate_from_count(1, 10, population='child'), per=1000)"
    )
    assert "pint" in converted
