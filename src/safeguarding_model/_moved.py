"""Names that moved to another module and still resolve, with a warning, from the old one.

Package-internal: a module whose public names moved elsewhere assigns the result of
[`moved_names`][safeguarding_model._moved.moved_names] to its ``__getattr__`` (PEP 562). The old
spelling keeps working until the deprecation policy allows its removal, and every use warns
with the name to use instead. The new home is imported only when an old name is used, so the
old module does not depend on it.
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING

from safeguarding_model._bases import DEPRECATED_SINCE

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["moved_names"]


def moved_names(
    module: str, moved: Mapping[str, str], *, since: str = DEPRECATED_SINCE
) -> Callable[[str], object]:
    """A module ``__getattr__`` that finds each moved name in its new module, with a warning.

    Args:
        module: The old module's name (its ``__name__``), for the messages.
        moved: Each moved name, with the full name of the module it lives in now, or
            ``"module:NewName"`` for a name that was renamed as well.
        since: The version that deprecated the old spellings.

    Returns:
        A function to assign to the old module's ``__getattr__``: for a moved name it warns
        with a ``DeprecationWarning`` (every time) and returns the object from its new module,
        imported then; for any other name it raises ``AttributeError``.

    Examples:
        >>> import warnings
        >>> from safeguarding_model._moved import moved_names
        >>> from safeguarding_model.values import Value
        >>> getattr_ = moved_names(
        ...     "safeguarding_model.old",
        ...     {"Value": "safeguarding_model.values", "Cell": "safeguarding_model.values:Value"},
        ... )
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     found = [getattr_("Value"), getattr_("Cell")]
        >>> for warning in caught:
        ...     print(warning.message)
        safeguarding_model.old.Value is deprecated since version 0.1.0; use safeguarding_model.values.Value
        safeguarding_model.old.Cell is deprecated since version 0.1.0; use safeguarding_model.values.Value
        >>> found == [Value, Value]
        True
        >>> getattr_("Nothing")
        Traceback (most recent call last):
        ...
        AttributeError: module 'safeguarding_model.old' has no attribute 'Nothing'
    """
    table = dict(moved)

    def __getattr__(name: str) -> object:  # noqa: N807 - it is the module's __getattr__
        target = table.get(name)
        if target is None:
            msg = f"module {module!r} has no attribute {name!r}"
            raise AttributeError(msg)
        home, _, new_name = target.partition(":")
        new_name = new_name or name
        warnings.warn(
            f"{module}.{name} is deprecated since version {since}; use {home}.{new_name}",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(home), new_name)

    return __getattr__
