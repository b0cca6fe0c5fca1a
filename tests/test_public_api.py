import ast
import importlib
import inspect
import types
from pathlib import Path

import pytest

import safeguarding_model


def _isort_style(name: str) -> tuple[int, str]:
    # Constants, then classes, then everything else: the order ruff's RUF022 keeps.
    kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return (kind, name)


def test_all_is_sorted_and_unique() -> None:
    names = safeguarding_model.__all__
    assert list(names) == sorted(names, key=_isort_style)
    assert len(set(names)) == len(names)


def test_every_lazy_name_is_public_and_every_public_name_resolves() -> None:
    lazy = set(safeguarding_model._LAZY)
    assert lazy == set(safeguarding_model.__all__) - {"__version__"}
    for name in safeguarding_model.__all__:
        assert getattr(safeguarding_model, name) is not None
    assert set(safeguarding_model.__all__) <= set(dir(safeguarding_model))


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nonsense'"):
        _ = safeguarding_model.nonsense


@pytest.mark.parametrize("name", [n for n in safeguarding_model.__all__ if n != "__version__"])
def test_public_names_are_documented_with_an_example(name: str) -> None:
    obj = getattr(safeguarding_model, name)
    if inspect.isclass(obj) or inspect.isfunction(inspect.unwrap(obj)):
        doc = inspect.getdoc(obj) or ""
        assert doc, f"{name} has no docstring"
        assert "Examples:" in doc or "Example:" in doc, f"{name} has no example"
    else:  # type aliases and constants are documented in their module and the reference pages
        assert name in {
            "POPULATIONS",
            "DFE_MEASURES",
            "Population",
            "Expect",
            "ValueUnit",
            "Money",
            "ReportArrangement",
        }


def test_version_is_a_string() -> None:
    assert isinstance(safeguarding_model.__version__, str)
    assert safeguarding_model.__version__.count(".") >= 2


def test_no_submodule_shadows_a_public_name() -> None:
    for module in set(safeguarding_model._LAZY.values()):
        importlib.import_module(f"safeguarding_model.{module}")
    for name in safeguarding_model.__all__:
        assert not isinstance(getattr(safeguarding_model, name), types.ModuleType), name


def test_a_deprecated_name_warns_every_time_and_gives_its_replacement(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(safeguarding_model._DEPRECATED, "score_card", ("scorecard", "0.2.0"))
    for _ in range(2):  # not cached: every use warns
        with pytest.warns(
            DeprecationWarning, match=r"score_card is deprecated since version 0\.2\.0"
        ):
            found = safeguarding_model.score_card
        assert found is safeguarding_model.scorecard
    assert "score_card" not in safeguarding_model.__all__


def test_deprecated_names_point_to_public_names_and_are_not_public_themselves() -> None:
    for old, (instead, since) in safeguarding_model._DEPRECATED.items():
        assert old not in safeguarding_model.__all__
        assert instead in safeguarding_model.__all__
        assert since.count(".") == 2


def _type_checking_imports() -> dict[str, str]:
    """The names the front door imports under ``TYPE_CHECKING``, each with its module."""
    tree = ast.parse(Path(safeguarding_model.__file__).read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom), ast.unparse(statement)
                assert statement.module is not None
                for alias in statement.names:
                    assert alias.asname is None, alias.asname
                    assert alias.name not in found, f"{alias.name} imported twice"
                    found[alias.name] = statement.module
    return found


def _written_all() -> list[str]:
    """``__all__`` as written in the front door's source (a literal list)."""
    tree = ast.parse(Path(safeguarding_model.__file__).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "__all__":
            names: list[str] = ast.literal_eval(node.value)
            return names
    raise AssertionError("no __all__ in the front door")  # pragma: no cover


def _expected_block() -> str:
    """The ``TYPE_CHECKING`` imports and ``__all__`` that ``_LAZY`` calls for, to paste."""
    by_module: dict[str, list[str]] = {}
    for name, module in safeguarding_model._LAZY.items():
        by_module.setdefault(f"safeguarding_model.{module}", []).append(name)
    lines = ["if TYPE_CHECKING:"]
    for module in sorted(by_module):
        names = sorted(by_module[module], key=_isort_style)
        lines.append(f"    from {module} import {', '.join(names)}")
    everything = sorted([*safeguarding_model._LAZY, "__version__"], key=_isort_style)
    lines.append(f"__all__ = {everything!r}")
    return "\n".join(lines)


def test_the_front_door_table_is_the_one_list_its_imports_and_all_follow() -> None:
    table = {
        name: f"safeguarding_model.{module}" for name, module in safeguarding_model._LAZY.items()
    }
    expected_all = sorted([*table, "__version__"], key=_isort_style)
    hint = f"write the front door's lists from _LAZY:\n{_expected_block()}"
    assert _type_checking_imports() == table, hint
    assert _written_all() == expected_all, hint
    assert safeguarding_model.__all__ == expected_all, hint


def test_every_table_entry_is_the_object_its_module_holds() -> None:
    for name, module in safeguarding_model._LAZY.items():
        found = importlib.import_module(f"safeguarding_model.{module}")
        assert getattr(safeguarding_model, name) is getattr(found, name), name


def test_every_error_class_is_in_errors_and_at_the_front_door() -> None:
    from safeguarding_model import errors  # noqa: PLC0415 - the module under test

    classes = [name for name in errors.__all__ if name[0].isupper()]
    assert set(classes) == {
        "FileFormatError",
        "InvalidInputError",
        "MissingValueError",
        "PeriodParseError",
        "PopulationMismatchError",
        "SafeguardingModelError",
        "ScaleMismatchError",
        "UnknownIdError",
        "ValueParseError",
    }
    for name in classes:
        error = getattr(errors, name)
        assert issubclass(error, errors.SafeguardingModelError)
        assert issubclass(error, ValueError) or error is errors.SafeguardingModelError
        assert getattr(safeguarding_model, name) is error
        assert safeguarding_model._LAZY[name] == "errors"
    assert issubclass(errors.UnknownIdError, KeyError)


def test_errors_keep_their_old_import_paths() -> None:
    from safeguarding_model import errors, inspections, io, units  # noqa: PLC0415 - old paths

    assert io.FileFormatError is errors.FileFormatError
    assert inspections.ScaleMismatchError is errors.ScaleMismatchError
    assert units.PopulationMismatchError is errors.PopulationMismatchError
    with pytest.raises(AttributeError, match="has no attribute 'NoSuchError'"):
        _ = errors.NoSuchError


def test_unknown_id_error_prints_its_message_not_a_quoted_repr() -> None:
    error = safeguarding_model.UnknownIdError("scale", "nope", "a built-in scale id")
    assert str(error) == "scale: expected a built-in scale id, got 'nope'"
    assert error.args == ("scale: expected a built-in scale id, got 'nope'",)
    with pytest.raises(KeyError):
        raise error


def test_an_unknown_example_is_an_unknown_id() -> None:
    from safeguarding_model.errors import UnknownIdError  # noqa: PLC0415

    with pytest.raises(UnknownIdError, match="lancashire-2015-16") as caught:
        safeguarding_model.load_example("nope")
    assert isinstance(caught.value, KeyError)
    assert caught.value.value == "nope"


def test_the_capabilities_of_issue_12_are_at_the_front_door() -> None:
    from safeguarding_model import (  # noqa: PLC0415 - the modules the names live in
        budgets,
        claims,
        comparators,
        editions,
        io,
        periods,
        populations,
        report,
    )

    homes = {
        populations: ["PopulationGroup", "PopulationKind", "parse_population", "population_of"],
        budgets: ["Allocation"],
        report: ["ReportArrangement"],
        claims: ["ClaimDirection", "ClaimDegree", "ClaimRelation"],
        periods: [
            "Month",
            "CalendarQuarter",
            "AcademicYear",
            "DateRange",
            "period_between",
            "period_from_dfe",
            "PeriodFlag",
        ],
        comparators: ["ComparatorGroup", "ComparatorKind"],
        editions: ["compare_reports", "series_across_editions"],
        io: ["ValidationProblem"],
    }
    for module, names in homes.items():
        for name in names:
            assert name in safeguarding_model.__all__, name
            assert name in module.__all__, name
            assert getattr(safeguarding_model, name) is getattr(module, name), name
    child = safeguarding_model.parse_population("under 18s")
    assert child == safeguarding_model.PopulationGroup(
        safeguarding_model.PopulationKind.AGE_BAND, low=0, high=17
    )


def test_find_rule_says_where_the_edition_rules_are() -> None:
    from safeguarding_model import editions  # noqa: PLC0415 - the rules looked for

    for rule in editions.RULES:
        with pytest.raises(safeguarding_model.UnknownIdError) as caught:
            safeguarding_model.find_rule(rule.code)
        message = str(caught.value)
        assert "safeguarding_model.editions.RULES" in message, message
        assert "compare_reports" in message, message
    with pytest.raises(safeguarding_model.UnknownIdError) as caught:
        safeguarding_model.find_rule("X999")
    assert "editions" not in str(caught.value)
    assert safeguarding_model.find_rule("R108").code == "R108"
