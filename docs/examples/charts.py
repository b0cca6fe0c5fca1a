"""Draw the charts shown in the documentation, and save them as PNG files.

Run it with ``python docs/examples/charts.py OUTPUT_DIRECTORY``; the documentation build runs it
too (``docs/hooks/charts.py``), so the pictures on the site are the ones this code draws.
"""

import sys
from pathlib import Path

import numpy as np

import safeguarding_model as sm
from safeguarding_model.charts import funnel_chart, indicators_chart, series_chart, trend_chart


def illustrative_series() -> sm.IndicatorSeries:
    """Child protection plans per 10,000 children in an illustrative area that prints its counts."""
    plans = sm.IndicatorDefinition.model_validate(
        {
            "id": "cpp-rate",
            "name": "Children subject to a child protection plan per 10,000 (illustrative)",
            "kind": "rate",
            "per": 10_000,
            "population": "child",
        }
    )
    rows = [  # area, year, plans, children (illustrative counts)
        ("Area", "2012/13", 118, 31_200),
        ("Area", "2013/14", 131, 31_350),
        ("Area", "2014/15", 162, 31_400),
        ("Area", "2015/16", 149, 31_600),
        ("England", "2012/13", 43_140, 11_319_300),
        ("England", "2013/14", 48_300, 11_407_000),
        ("England", "2014/15", 49_690, 11_508_700),
        ("England", "2015/16", 50_310, 11_656_200),
    ]
    observations = tuple(
        sm.Observation(
            indicator="cpp-rate",
            area=area,
            period=sm.parse_period(year),
            value=sm.parse_value(f"{count / children * 10_000:.1f}"),
            count=sm.parse_value(str(count)),
            denominator=sm.parse_value(str(children)),
        )
        for area, year, count, children in rows
    )
    return sm.IndicatorSeries(indicator=plans, area="Area", observations=observations)


def funnel_of_rates() -> object:
    """Children looked after per 10,000 in 150 made-up areas, with limits adjusted for overdispersion."""
    rng = np.random.default_rng(17)
    children = rng.integers(10_000, 300_000, size=150)
    true_rate = rng.normal(70, 15, size=150).clip(20)
    looked_after = rng.poisson(children * true_rate / 10_000)
    return funnel_chart(
        looked_after,
        10_000 * looked_after / children,
        statistic="rate",
        per=10_000,
        overdispersion=True,
        y_label="children looked after per 10,000 children",
        title="Children looked after, 150 made-up areas",
    )


def figures() -> dict[str, object]:
    """Every chart of the documentation, by the name of its PNG file."""
    report = sm.load_example("lancashire-2015-16")
    return {
        "lancashire-indicators.png": indicators_chart(report),
        "lancashire-cla-trend.png": series_chart(report, "children-looked-after-rate"),
        "illustrative-trend.png": trend_chart(illustrative_series()),
        "illustrative-funnel.png": funnel_chart(
            [118, 640, 7_900, 210, 3_300, 1_450, 95, 2_600],  # illustrative counts
            [200, 1_000, 12_000, 300, 5_600, 2_100, 170, 3_600],
            title="Good level of development, eight areas (illustrative)",
        ),
        "funnel-of-rates.png": funnel_of_rates(),
    }


if __name__ == "__main__":
    directory = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    directory.mkdir(parents=True, exist_ok=True)
    for name, figure in figures().items():
        figure.savefig(directory / name, dpi=90)  # type: ignore[attr-defined]
        print(directory / name)
