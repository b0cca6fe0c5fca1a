"""Loaded data cannot change behind your back: records are frozen all the way down.

Everything reachable from a bundled report and from the built-in scales is walked (record
fields, attrs fields, tuples, mappings); every way of changing each container is tried and must
fail, and the report loaded afterwards must equal the one loaded before. Records with mapping
fields hash, and the cached report and scales are built once however many threads ask at once.
"""

import copy
import functools
import operator
import pickle
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from enum import Enum
from typing import Any, cast

import attrs
import pytest
from pydantic import BaseModel

from safeguarding_model import (
    AnnualReport,
    FinancialYear,
    Rag,
    datasets,
    load_example,
    scales,
)
from safeguarding_model._frozen import FrozenDict
from safeguarding_model.datasets import example_data
from safeguarding_model.scales import JudgementScale, builtin_scale, builtin_scales
from safeguarding_model.section11 import Section11Audit, section11_shares
from safeguarding_model.values import percent

LEAVES = (str, int, float, Decimal, Enum, type(None))
"""Values that are immutable in themselves (``bool`` is an ``int``; dates are checked apart)."""


def _attrs_names(value: object) -> list[str]:
    return [field.name for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value)))]


def _reachable(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every value reachable from ``value``, with its path, containers before their contents."""
    yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _reachable(getattr(value, name), f"{path}.{name}")
    elif attrs.has(type(value)):
        for name in _attrs_names(value):
            yield from _reachable(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, tuple):
        for position, item in enumerate(value):
            yield from _reachable(item, f"{path}[{position}]")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _reachable(key, f"{path}<key {key!r}>")
            yield from _reachable(item, f"{path}[{key!r}]")


def _attempts(value: object) -> Iterator[Callable[[], object]]:
    """Every way to change ``value`` in place that a container of its kind might allow."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield functools.partial(setattr, value, name, None)
            yield functools.partial(delattr, value, name)
    elif attrs.has(type(value)):
        for name in _attrs_names(value):
            yield functools.partial(setattr, value, name, None)
            yield functools.partial(delattr, value, name)
    elif isinstance(value, tuple | Mapping):
        keys = list(value) if isinstance(value, Mapping) else list(range(len(value)))
        for key in [*keys[:1], "new"]:
            yield functools.partial(operator.setitem, value, key, None)
            yield functools.partial(operator.delitem, value, key)
        yield functools.partial(operator.ior, value, {"new": None})
        for method in ("append", "extend", "insert", "clear", "pop", "popitem", "update"):
            yield functools.partial(getattr, value, method)
        yield functools.partial(getattr, value, "setdefault")


def _try_every_change(root: object) -> int:
    """Try every change on every container under ``root``; fail on one that works."""
    tried = 0
    for path, value in list(_reachable(root)):
        assert not isinstance(value, list | dict | set | bytearray), f"{path} is a {type(value)}"
        for attempt in _attempts(value):
            with pytest.raises((TypeError, AttributeError, ValueError)):
                attempt()
            tried += 1
        if not isinstance(value, BaseModel | tuple | Mapping) and not attrs.has(type(value)):
            assert isinstance(value, LEAVES) or hasattr(value, "isoformat"), (path, type(value))
    return tried


def test_nothing_reachable_from_the_bundled_report_can_be_changed() -> None:
    before = load_example().model_dump()
    shares_before = section11_shares(load_example().section11)  # type: ignore[arg-type]
    tried = _try_every_change(load_example())
    assert tried > 10_000
    assert load_example().model_dump() == before
    assert section11_shares(load_example().section11) == shares_before  # type: ignore[arg-type]
    assert load_example() == AnnualReport.model_validate(example_data("lancashire-2015-16"))


def test_the_bundled_reports_section_11_shares_cannot_be_changed() -> None:
    audit = load_example().section11
    assert audit is not None
    with pytest.raises(TypeError, match="does not support item assignment"):
        audit.stated_shares[Rag.GREEN] = percent("1")  # type: ignore[index]
    with pytest.raises(AttributeError):
        audit.stated_shares.clear()  # type: ignore[attr-defined]
    assert audit.stated_shares[Rag.GREEN].number == Decimal("89.7")
    again = load_example().section11
    assert again is not None
    assert again.stated_shares[Rag.GREEN].number == Decimal("89.7")


def test_nothing_in_the_built_in_scales_can_be_changed() -> None:
    before = {scale_id: scale.model_dump() for scale_id, scale in builtin_scales().items()}
    tried = _try_every_change(builtin_scales())
    assert tried > 300
    with pytest.raises(TypeError):
        builtin_scale("cqc-2014").aliases["satisfactory"] = "good"  # type: ignore[index]
    assert {scale_id: scale.model_dump() for scale_id, scale in builtin_scales().items()} == before
    assert builtin_scale("cqc-2014").parse("requiring improvement") == "requires improvement"
    with pytest.raises(ValueError, match="satisfactory"):
        builtin_scale("cqc-2014").parse("satisfactory")


def test_records_with_mapping_fields_hash() -> None:
    audit = load_example().section11
    assert isinstance(audit, Section11Audit)
    same = Section11Audit.model_validate(audit.model_dump())
    assert same == audit
    assert hash(same) == hash(audit)
    assert hash(builtin_scale("cqc-2014")) == hash(
        JudgementScale.model_validate(builtin_scale("cqc-2014").model_dump())
    )
    assert hash(load_example()) == hash(
        AnnualReport.model_validate(example_data("lancashire-2015-16"))
    )
    assert len({audit, same, builtin_scale("cqc-2014")}) == 2


def test_results_holding_mappings_are_read_only_and_hash() -> None:
    audit = Section11Audit(period=FinancialYear(2015), stated_shares={Rag.GREEN: percent("100")})
    shares = section11_shares(audit)
    with pytest.raises(TypeError):
        shares.counts[Rag.RED] = 3  # type: ignore[index]
    assert hash(shares) == hash(section11_shares(audit))
    assert _try_every_change(shares) > 20


def test_a_mapping_given_to_a_record_is_copied() -> None:
    given = {Rag.GREEN: percent("89.7")}
    audit = Section11Audit(period=FinancialYear(2015), stated_shares=given)
    given[Rag.GREEN] = percent("1")
    assert audit.stated_shares[Rag.GREEN].number == Decimal("89.7")


def test_a_frozen_mapping_saves_and_loads_as_the_dict_it_replaces() -> None:
    audit = load_example().section11
    assert audit is not None
    dumped = audit.model_dump(mode="json")
    assert dumped["stated_shares"] == {
        "green": audit.stated_shares[Rag.GREEN].model_dump(mode="json"),
        "amber": audit.stated_shares[Rag.AMBER].model_dump(mode="json"),
    }
    assert type(audit.model_dump()["stated_shares"]) is dict
    assert Section11Audit.model_validate_json(audit.model_dump_json()) == audit
    assert pickle.loads(pickle.dumps(audit)) == audit  # noqa: S301 - our own bytes
    assert copy.deepcopy(audit) == audit
    assert copy.copy(audit.stated_shares) is audit.stated_shares
    assert audit.stated_shares == dict(audit.stated_shares)
    assert FrozenDict({"a": 1}) != FrozenDict({"a": 2})
    assert FrozenDict({"a": 1}) != [("a", 1)]


def test_a_record_copied_with_other_observations_does_not_use_the_originals_index() -> None:
    report = load_example()
    indicator = "children-looked-after-rate"
    assert report.series(indicator).observations
    kept = tuple(o for o in report.observations if o.indicator != indicator)
    other = report.model_copy(update={"observations": kept})
    assert other.series(indicator).observations == ()
    assert report.series(indicator).observations
    some_id = next(o.id for o in report.observations if o.indicator == indicator and o.id)
    assert report.observation(some_id).indicator == indicator
    with pytest.raises(KeyError):
        other.observation(some_id)


def _at_once(work: Callable[[], object], threads: int = 16) -> list[object]:
    barrier = threading.Barrier(threads)

    def run() -> object:
        barrier.wait()
        return work()

    with ThreadPoolExecutor(threads) as pool:
        futures = [pool.submit(run) for _ in range(threads)]
        return [future.result() for future in futures]


def test_load_example_validates_once_when_sixteen_threads_ask_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    validate = AnnualReport.model_validate

    def counted(data: Any, **options: Any) -> AnnualReport:  # noqa: ANN401 - pydantic's signature
        calls.append(1)
        threading.Event().wait(0.05)  # long enough for every thread to arrive
        return validate(data, **options)

    monkeypatch.setattr(AnnualReport, "model_validate", counted)
    datasets._load_example.cache_clear()  # start from an empty cache
    try:
        reports = _at_once(load_example)
    finally:
        monkeypatch.undo()
        datasets._load_example.cache_clear()  # later tests get a report of their own
    assert len(calls) == 1
    assert all(report is reports[0] for report in reports)


def test_the_built_in_scales_are_built_once_when_sixteen_threads_ask_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    definitions = scales._builtin_definitions  # counted

    def counted() -> list[JudgementScale]:
        calls.append(1)
        threading.Event().wait(0.05)
        return definitions()

    monkeypatch.setattr(scales, "_builtin_definitions", counted)
    scales._build_scales.cache_clear()  # start from an empty cache
    try:
        found = _at_once(builtin_scales)
    finally:
        monkeypatch.undo()
    assert len(calls) == 1
    assert all(built is found[0] for built in found)
