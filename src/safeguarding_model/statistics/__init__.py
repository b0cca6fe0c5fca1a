"""The statistics layer: confidence intervals, significance against a benchmark, trends.

Functions here work on Python numbers and on numpy arrays alike, and follow the methods of
England's public-health profiles and the R package PHEindicatormethods. Importing this package
imports numpy; scipy is imported on the first computation that needs it.
"""
