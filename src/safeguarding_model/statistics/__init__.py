"""The statistics layer: confidence intervals, significance against a benchmark, trends.

Functions here work on Python numbers and on numpy arrays alike, and follow the methods of
England's public-health profiles and the R package PHEindicatormethods. Importing this package
imports numpy; scipy is imported on the first computation that needs it.

One vocabulary runs through them:

- ``per`` is a rate's base, required wherever a rate is made or tested and read by
  ``RateBase.parse`` (100, 1_000, 10_000, 100_000, 1_000_000, a name or a ``RateBase``);
  ``multiplier`` scales a proportion or a ratio, 1 or 100.
- A result's point estimate is its ``value`` (``Interval.value``); ``number`` is kept for the
  numeric half of a ``Value`` record, which results never hold.
- Results (``Interval``, ``Comparison``, ``Travel``, ``RecentTrend``) compare by value, arrays by
  ``numpy.array_equal`` with NaN equal to NaN, and hash by their other fields.
- What a difference means under a polarity is decided by ``markers.judge`` alone.
"""
