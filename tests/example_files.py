"""The folder of example files the package ships (``safeguarding_model.datasets``), for the tests.

The official statistics downloads, the budget, the two editions and the Northmoor and Eastvale
reports live in the package, so that the documentation's examples run from any folder; the tests
read the same files from there. Their origin is in that folder's ``README.md``.
"""

from safeguarding_model.datasets import example_file, list_example_files

__all__ = ["EXAMPLE_FILES"]

EXAMPLE_FILES = example_file(list_example_files()[0]).parent
