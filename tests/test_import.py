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


def test_the_statistics_need_no_records() -> None:
    loaded = _loaded_after("import safeguarding_model as sm; sm.rate_ci(5, 100, per=1_000)")
    assert "numpy" in loaded
    assert "pydantic" not in loaded
    assert "pint" not in loaded


def test_a_rate_needs_pint_only_when_converted() -> None:
    loaded = _loaded_after(
        "import safeguarding_model as sm; sm.rate_from_count(1, 10, per=10_000, population='child')"
    )
    assert "pydantic" in loaded
    assert "pint" not in loaded
    converted = _loaded_after(
        "import safeguarding_model as sm\nsm.convert_rate(sm.rate_from_count(1, 10, per=10_000, population='child'), per=1000)"
    )
    assert "pint" in converted


def test_the_errors_module_is_light_and_reaches_pint_only_when_asked() -> None:
    loaded = _loaded_after(
        "import safeguarding_model.errors as e\n"
        "assert issubclass(e.UnknownIdError, KeyError) and e.FileFormatError and e.ScaleMismatchError"
    )
    assert not loaded & set(HEAVY)
    assert "pathlib" not in loaded - _loaded_after("pass")
    asked = _loaded_after("from safeguarding_model.errors import PopulationMismatchError")
    assert {"pint", "safeguarding_model.units"} <= asked


def test_the_built_in_scales_are_read_on_first_use() -> None:
    loaded = _loaded_after("import safeguarding_model as sm; sm.JudgementScale")
    assert "importlib.resources" not in loaded  # the data file is not opened yet
    used = _loaded_after("import safeguarding_model as sm; sm.builtin_scale('cqc-2014')")
    assert "importlib.resources" in used
