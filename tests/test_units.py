import threading
from decimal import Decimal

import pint
import pytest

from safeguarding_model import InvalidInputError
from safeguarding_model.units import (
    convert_magnitude,
    define_population,
    rate_quantity,
    rate_unit,
    registry,
)


def test_registry_is_the_packages_own_and_shared() -> None:
    ureg = registry()
    assert ureg is registry()
    assert "metre" not in ureg  # not pint's default registry
    for name in (
        "percent",
        "per_thousand",
        "per_ten_thousand",
        "per_hundred_thousand",
        "per_million",
    ):
        assert name in ureg
    assert ureg.Quantity(Decimal(1), "percent").to("per_million").magnitude == 10_000


def test_registry_is_built_once_across_threads() -> None:
    seen: list[object] = []

    def grab() -> None:
        seen.append(registry())

    threads = [threading.Thread(target=grab) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(ureg) for ureg in seen}) == 1


def test_populations_are_dimensions() -> None:
    ureg = registry()
    assert (
        ureg.Quantity(Decimal(1), "per_thousand / child").dimensionality
        == ureg.Unit("1 / child").dimensionality
    )
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(Decimal(1), "per_thousand / live_birth").to("per_thousand / household")


def test_new_populations_are_defined_on_first_use_and_stay_apart() -> None:
    assert define_population("young_person_15_24") == "young_person_15_24"
    assert define_population("young_person_15_24") == "young_person_15_24"  # idempotent
    assert (
        str(rate_unit(100_000, "young_person_15_24")) == "per_hundred_thousand / young_person_15_24"
    )
    quantity = rate_quantity(Decimal("132.6"), 100_000, "young_person_15_24")
    with pytest.raises(pint.DimensionalityError):
        quantity.to(rate_unit(100_000, "child"))


def test_define_population_checks_the_name() -> None:
    with pytest.raises(InvalidInputError, match="population: expected a snake_case name"):
        define_population("Young People")


def test_convert_magnitude_is_exact() -> None:
    assert convert_magnitude(
        Decimal("0.3"), (1_000, "household"), (10_000, "household")
    ) == Decimal(3)
    assert convert_magnitude(Decimal("12.0"), (100_000, "child"), (100, "child")) == Decimal(
        "0.012"
    )
