import importlib
import inspect
import types

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
        assert name in {"POPULATIONS", "Population", "Expect", "ValueUnit", "Money"}


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
