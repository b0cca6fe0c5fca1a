"""Populations as data: who a rate is taken over, read from names and from what reports print.

A rate is per so many of a **population**: children aged 0-17, young people aged 15-24, live
births, households, persons. Reports print it in many ways ("0-17", "under 18s", "U18",
"children aged 10 to 17", "15-24 year olds"), and files name it with a snake_case word
(``'child'``, ``'live_birth'``, ``'child_10_17'``). [`parse_population`][safeguarding_model.populations.parse_population]
reads all of these into a [`PopulationGroup`][safeguarding_model.populations.PopulationGroup]: an
age band, live births, households or persons, or a population of your own known only by its
name. Two groups are equal when they denote the same people, whatever the spelling: ``'child'``
is children aged 0-17, so it equals ``'0-17'`` and ``'children aged 0 to 17'``.

A name ending in two ages (``child_10_17``, ``young_person_15_24``, ``age_0_18``), in
``_plus`` (``age_65_plus``) or ``under_`` and an age (``child_under_5``) is an age band when its
first words are ``child``, ``children``, ``young_person``, ``young_people``, ``person``,
``people`` or ``age``; any other snake_case name (``female_15_44``, ``looked_after_child``) is
a population of its own, equal only to itself.

Records keep the name they were given: [`population_name`][safeguarding_model.populations.population_name]
keeps a snake_case name as written and turns printed words into the group's name, so files
written before populations were parsed keep validating and read back unchanged.

Examples:
    >>> from safeguarding_model.populations import parse_population
    >>> parse_population("child") == parse_population("0-17") == parse_population("children aged 0 to 17")
    True
    >>> band = parse_population("15-24 year olds")
    >>> band.low, band.high, band.name, band.label
    (15, 24, 'age_15_24', 'people aged 15-24')
    >>> parse_population("child_10_17") == parse_population("aged 10 to 17")
    True
    >>> parse_population("0-18") == parse_population("child")
    False
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Protocol

from attrs import frozen

from safeguarding_model._bases import check_population
from safeguarding_model._vocabulary import SchemaDescribed
from safeguarding_model.errors import InvalidInputError

__all__ = [
    "OLDEST_AGE",
    "PopulationGroup",
    "PopulationKind",
    "parse_population",
    "population_name",
    "population_of",
    "printed_age_bands",
    "same_population",
]

OLDEST_AGE = 125
"""The oldest age an age band may name."""

_LONGEST = 120
"""The most characters of printed words read as a population."""

_CHILD_HIGH = 17
"""The oldest age of a child: ``'child'`` is children aged 0 to 17."""

_EXPECTED = (
    "a population: a snake_case name such as 'child' (aged 0-17), 'live_birth', 'household', "
    "'person', 'child_10_17' or your own, or printed words such as '0-17', 'under 18', "
    "'children aged 10 to 17', '15-24 year olds', '65 and over', 'live births', 'households'"
)


class PopulationKind(SchemaDescribed, StrEnum):
    """What a population counts.

    Examples:
        >>> from safeguarding_model.populations import parse_population
        >>> [parse_population(text).kind.value for text in ("under 18", "live births", "looked_after_child")]
        ['age_band', 'live_birth', 'named']
    """

    AGE_BAND = "age_band"
    """People of an age band (children aged 0-17, young people aged 15-24, people aged 65 and over)."""
    LIVE_BIRTH = "live_birth"
    """Live births."""
    HOUSEHOLD = "household"
    """Households."""
    PERSON = "person"
    """Persons of all ages."""
    NAMED = "named"
    """A population of its own, known only by its snake_case name."""


_KIND_NAMES = {
    PopulationKind.LIVE_BIRTH: ("live_birth", "live births"),
    PopulationKind.HOUSEHOLD: ("household", "households"),
    PopulationKind.PERSON: ("person", "persons"),
}


def _check_group(group: PopulationGroup) -> None:
    """Refuse a group whose fields do not fit its kind."""
    if group.kind is PopulationKind.AGE_BAND:
        low, high = group.low, group.high
        if low is None or not 0 <= low <= OLDEST_AGE:
            raise InvalidInputError("low", low, f"an age from 0 to {OLDEST_AGE}")
        if high is not None and not low <= high <= OLDEST_AGE:
            raise InvalidInputError(
                "high", high, f"an age from low ({low}) to {OLDEST_AGE}, or None for 'and over'"
            )
        if low == 0 and high is None:
            raise InvalidInputError("high", high, "an age: people of all ages are 'person'")
        if group.named is not None:
            raise InvalidInputError("named", group.named, "None for an age band")
    elif group.kind is PopulationKind.NAMED:
        if group.named is None:
            raise InvalidInputError("named", None, "the population's snake_case name")
        check_population(group.named)
        if (low_high := (group.low, group.high)) != (None, None):
            raise InvalidInputError("low, high", low_high, "None for a named population")
    elif (group.low, group.high, group.named) != (None, None, None):
        raise InvalidInputError(
            "low, high, named",
            (group.low, group.high, group.named),
            f"None for {group.kind.value} (only age bands have ages, only named populations names)",
        )


@frozen
class PopulationGroup:
    """Who a rate is taken over: an age band, live births, households, persons or a named population.

    Equal when they denote the same people, whatever the spelling they were read from. Make one
    with [`parse_population`][safeguarding_model.populations.parse_population]; build one directly
    with ``kind`` and, for an age band, ``low`` and ``high`` (``None`` for "and over"), or, for a
    named population, ``named``.

    Attributes:
        kind: What is counted.
        low: For an age band, its youngest age.
        high: For an age band, its oldest age; ``None`` for "and over".
        named: For a named population, its snake_case name.

    Examples:
        >>> from safeguarding_model.populations import PopulationGroup, PopulationKind, parse_population
        >>> band = PopulationGroup(PopulationKind.AGE_BAND, low=0, high=17)
        >>> band == parse_population("child"), band.name, band.label
        (True, 'child', 'children aged 0-17')
        >>> print(parse_population("65+"))
        age_65_plus
        >>> PopulationGroup(PopulationKind.AGE_BAND, low=18, high=10)
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.InvalidInputError: high: expected an age from low (18) to 125, or None for 'and over', got 10
    """

    kind: PopulationKind
    low: int | None = None
    high: int | None = None
    named: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check the fields against the kind."""
        _check_group(self)

    @property
    def name(self) -> str:
        """The group's snake_case name: ``'child'`` for 0-17, ``'child_10_17'``, ``'age_15_24'``, ``'age_65_plus'``, ``'live_birth'``."""
        if (fixed := self._fixed_spelling(0)) is not None:
            return fixed
        if self.high is None:
            return f"age_{self.low}_plus"
        if (self.low, self.high) == (0, _CHILD_HIGH):
            return "child"
        return f"{'child' if self._children else 'age'}_{self.low}_{self.high}"

    @property
    def label(self) -> str:
        """The group in words: ``'children aged 0-17'``, ``'people aged 15-24'``, ``'live births'``."""
        if (fixed := self._fixed_spelling(1)) is not None:
            return fixed
        return f"{'children' if self._children else 'people'} aged {self.ages}"

    def _fixed_spelling(self, form: int) -> str | None:
        """A group without ages spelled as a name (``form`` 0) or in words (1); ``None`` for an age band."""
        if self.kind is PopulationKind.NAMED:
            return str(self.named)
        if self.kind is not PopulationKind.AGE_BAND:
            return _KIND_NAMES[self.kind][form]
        return None

    @property
    def _children(self) -> bool:
        """Whether an age band holds children only (its oldest age is 17 or under)."""
        return self.high is not None and self.high <= _CHILD_HIGH

    @property
    def ages(self) -> str | None:
        """An age band's ages as reports print them (``'0-17'``, ``'65 and over'``); ``None`` for other kinds."""
        if self.kind is not PopulationKind.AGE_BAND:
            return None
        return f"{self.low} and over" if self.high is None else f"{self.low}-{self.high}"

    def __str__(self) -> str:
        return self.name


# --- reading names and printed words ---------------------------------------------------------

_AGE_WORDS = "child|children|young_person|young_people|person|people|age"
_NAME_BAND = re.compile(rf"(?:{_AGE_WORDS})_(\d{{1,3}})_(\d{{1,3}})", re.ASCII)
_NAME_PLUS = re.compile(rf"(?:{_AGE_WORDS})_(\d{{1,3}})_plus", re.ASCII)
_NAME_UNDER = re.compile(rf"(?:{_AGE_WORDS})_under_(\d{{1,3}})", re.ASCII)

_NAMES: dict[str, tuple[int, int | None] | PopulationKind] = {
    "child": (0, _CHILD_HIGH),
    "live_birth": PopulationKind.LIVE_BIRTH,
    "household": PopulationKind.HOUSEHOLD,
    "person": PopulationKind.PERSON,
}
_WORDS: dict[str, tuple[int, int | None] | PopulationKind] = {
    "children": (0, _CHILD_HIGH),
    "live births": PopulationKind.LIVE_BIRTH,
    "households": PopulationKind.HOUSEHOLD,
    "persons": PopulationKind.PERSON,
    "people": PopulationKind.PERSON,
    "all ages": PopulationKind.PERSON,
    "people of all ages": PopulationKind.PERSON,
    "persons of all ages": PopulationKind.PERSON,
    "total population": PopulationKind.PERSON,
}

_WHO = r"(?:(?:the\s+)?(?:children|young\s+people|people|persons|residents|population)\s+)?"
_AGED = r"(?:(?:aged|ages|age)\s+)?"
_OF_AGE = (
    r"(?:\s*(?:years?(?:\s+olds?|\s+of\s+age)?|year-olds?|yrs|yo|population|"
    r"children|persons|people|(?:'|’)?s))?"
)
_PRINTED_BAND = re.compile(
    rf"{_WHO}{_AGED}(\d{{1,3}})\s*(?:-|to)\s*(\d{{1,3}}){_OF_AGE}(?:\s+population)?", re.ASCII
)
_PRINTED_UNDER = re.compile(
    rf"{_WHO}{_AGED}(?:under|u|below|less\s+than)\s*(\d{{1,3}}){_OF_AGE}(?:\s+population)?",
    re.ASCII,
)
_PRINTED_PLUS = re.compile(
    rf"{_WHO}{_AGED}(\d{{1,3}})\s*(?:\+|plus|and\s+over|and\s+older|or\s+over|or\s+older)"
    rf"{_OF_AGE}(?:\s+population)?",
    re.ASCII,
)


_ASCII = str.maketrans("–—‐‑’", "----'")


def _tidy(text: str) -> str:
    """Lower case, one space between words, dashes and apostrophes as ASCII, no outer brackets."""
    text = text.translate(_ASCII)
    return " ".join(text.lower().strip().strip("()").split())


def _band(low: int, high: int | None, text: object) -> PopulationGroup:
    if low == 0 and high is None:
        return PopulationGroup(PopulationKind.PERSON)
    if low > OLDEST_AGE or (high is not None and not low <= high <= OLDEST_AGE):
        shown = f"{low}-{high}" if high is not None else f"{low} and over"
        raise InvalidInputError(
            "population",
            text,
            f"an age band from youngest to oldest within 0 to {OLDEST_AGE} (read {shown})",
        )
    return PopulationGroup(PopulationKind.AGE_BAND, low=low, high=high)


def _name_band(name: str) -> tuple[int, int | None] | None:
    """The ages a name of an age band gives (``child_10_17``, ``age_65_plus``, ``child_under_5``)."""
    if match := _NAME_BAND.fullmatch(name):
        return int(match[1]), int(match[2])
    if match := _NAME_PLUS.fullmatch(name):
        return int(match[1]), None
    if (match := _NAME_UNDER.fullmatch(name)) and int(match[1]) > 0:
        return 0, int(match[1]) - 1
    return None


def _from_name(name: str) -> PopulationGroup | None:
    """The group a snake_case name denotes; ``None`` when it is not a valid name."""
    try:
        check_population(name)
    except InvalidInputError:
        return None
    known = _NAMES.get(name) or _WORDS.get(name) or _name_band(name)
    if isinstance(known, PopulationKind):
        return PopulationGroup(known)
    if known is not None:
        return _band(*known, name)
    return PopulationGroup(PopulationKind.NAMED, named=name)


def _from_words(text: str) -> PopulationGroup | None:
    """The group printed words denote; ``None`` when they are not a population."""
    tidy = _tidy(text)
    known = _WORDS.get(tidy)
    if isinstance(known, PopulationKind):
        return PopulationGroup(known)
    if known is not None:
        return _band(*known, text)
    if match := _PRINTED_BAND.fullmatch(tidy):
        return _band(int(match[1]), int(match[2]), text)
    if (match := _PRINTED_UNDER.fullmatch(tidy)) and int(match[1]) > 0:
        return _band(0, int(match[1]) - 1, text)
    if match := _PRINTED_PLUS.fullmatch(tidy):
        return _band(int(match[1]), None, text)
    return None


def parse_population(text: str | PopulationGroup) -> PopulationGroup:
    """The population a name or printed words denote.

    Reads the package's names (``'child'`` is children aged 0-17, ``'live_birth'``,
    ``'household'``, ``'person'``), names of age bands (``'child_10_17'``,
    ``'young_person_15_24'``, ``'age_65_plus'``, ``'child_under_5'``), any other snake_case
    name as a population of its own, and the words reports print: ``'0-17'``, ``'0–18'``,
    ``'aged 10 to 17'``, ``'children aged 0-17'``, ``'under 18'``, ``"under 18's"``, ``'U18'``,
    ``'15-24 year olds'``, ``'65+'``, ``'65 and over'``, ``'live births'``, ``'households'``,
    ``'persons'``, ``'all ages'``.

    Args:
        text: A name or printed words; a ``PopulationGroup`` is returned as it is.

    Returns:
        The group. Groups compare equal when they denote the same people.

    Raises:
        InvalidInputError: For anything else: text that is neither a snake_case name nor
            printed words for a population, an age band whose youngest age is above its oldest,
            an age above 125, text longer than 120 characters, or something that is not text.

    Examples:
        >>> from safeguarding_model.populations import parse_population
        >>> parse_population("under 18's") == parse_population("child")
        True
        >>> parse_population("aged 10 to 17").name, parse_population("U19").name
        ('child_10_17', 'age_0_18')
        >>> parse_population("17-10")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.InvalidInputError: population: expected an age band from youngest to oldest within 0 to 125 (read 17-10), got '17-10'
    """
    if isinstance(text, PopulationGroup):
        return text
    if not isinstance(text, str) or len(text) > _LONGEST:
        raise InvalidInputError("population", text, _EXPECTED)
    found = _from_name(text) or _from_words(text)
    if found is None:
        raise InvalidInputError("population", text, _EXPECTED)
    return found


def population_name(text: str | PopulationGroup) -> str:
    """The name a record keeps for a population: a snake_case name as written, else the group's name.

    Files written before populations were parsed keep their names (``'young_person_15_24'``
    stays so); printed words become the name of the group they denote (``'0-17'`` becomes
    ``'child'``, ``'live births'`` ``'live_birth'``).

    Raises:
        InvalidInputError: For what [`parse_population`][safeguarding_model.populations.parse_population] refuses.

    Examples:
        >>> from safeguarding_model.populations import population_name
        >>> population_name("young_person_15_24"), population_name("under 18"), population_name("aged 10 to 17")
        ('young_person_15_24', 'child', 'child_10_17')
    """
    group = parse_population(text)
    if isinstance(text, str) and _from_name(text) is not None:
        return text
    return group.name


def same_population(first: str | PopulationGroup, second: str | PopulationGroup) -> bool:
    """Whether two names or printed populations denote the same people.

    Raises:
        InvalidInputError: For what [`parse_population`][safeguarding_model.populations.parse_population] refuses.

    Examples:
        >>> from safeguarding_model.populations import same_population
        >>> same_population("child", "0-17"), same_population("young_person_0_18", "under 19 years")
        (True, True)
        >>> same_population("child", "0-18")
        False
    """
    return parse_population(first) == parse_population(second)


class _Declares(Protocol):
    """A record with an optional population: an indicator's definition, an observation."""

    @property
    def population(self) -> str | None: ...


def population_of(
    indicator: _Declares, observation: _Declares | None = None
) -> PopulationGroup | None:
    """The population a figure is over: the observation's own when it states one, else its indicator's.

    A comparator's figure may be over another population than the area's (England's rate over
    0-18 printed beside an area's over 0-17): its observation's ``population`` says so.

    Args:
        indicator: The indicator's definition (anything with a ``population``).
        observation: One of its observations, or ``None`` for the indicator's own population.

    Returns:
        The group, or ``None`` when neither states a population.

    Raises:
        InvalidInputError: For a population that [`parse_population`][safeguarding_model.populations.parse_population]
            refuses (records never hold one).

    Examples:
        >>> from safeguarding_model import IndicatorDefinition, Observation, parse_value
        >>> from safeguarding_model.populations import population_of
        >>> cla = IndicatorDefinition(id="cla", name="CLA", kind="rate", per=10_000, population="child")
        >>> england = Observation(indicator="cla", area="England", period="2015/16", value=parse_value("60"), population="0-18")
        >>> population_of(cla).label, population_of(cla, england).label
        ('children aged 0-17', 'people aged 0-18')
    """
    if observation is not None and observation.population is not None:
        return parse_population(observation.population)
    return None if indicator.population is None else parse_population(indicator.population)


# --- age bands printed in running text -------------------------------------------------------

_LOOSE_AGES = r"(\d{1,3})\s*(?:-|to)\s*(\d{1,3})"
_IN_TEXT = re.compile(
    r"(?<![\w,.])(?:"
    rf"(?:aged|ages)\s+{_LOOSE_AGES}"
    rf"|{_LOOSE_AGES}(?=\s*(?:years?\b|year-olds?|yrs\b|population\b|yo\b))"
    r"|(?:aged\s+)?(?:under|u)\s*(\d{1,3})(?=\s*(?:'s\b|s\b|years?\b|year olds?\b|yrs\b|population\b|\)|,|$))"
    r"|(?:aged\s+)?(\d{1,3})\s*(?:\+|and\s+over\b|and\s+older\b)"
    r")",
    re.ASCII,
)


def printed_age_bands(text: str) -> tuple[PopulationGroup, ...]:
    """The age bands printed in running text, such as an indicator's name, in order, once each.

    Reads ``'aged 0-17'``, ``'aged 10 to 17'``, ``'15-24 year olds'``, ``'10-24 years'``,
    ``'of 10-17 population'``, ``'under 18s'``, ``"under 18's"``, ``'U18 population'``,
    ``'under 19 years'`` and ``'65 and over'``; not bare ranges such as ``'2015-16'`` or
    ``'1-3'``, which may be years or anything else. A band it cannot make sense of (``'aged
    17-10'``) is left out.

    Examples:
        >>> from safeguarding_model.populations import printed_age_bands
        >>> [band.ages for band in printed_age_bands("Rate per 10,000 children aged 0-18")]
        ['0-18']
        >>> [band.ages for band in printed_age_bands("offences against children aged 0-17 per 10,000 of U18 population")]
        ['0-17']
        >>> printed_age_bands("Referrals 2015-16 (rate per 10k)")
        ()
    """
    tidy = _tidy(text)[: _LONGEST * 4]
    bands: list[PopulationGroup] = []
    for match in _IN_TEXT.finditer(tidy):
        aged_low, aged_high, low, high, under, plus = match.groups()
        try:
            if aged_low is not None:
                band = _band(int(aged_low), int(aged_high), text)
            elif low is not None:
                band = _band(int(low), int(high), text)
            elif under is not None and int(under) > 0:
                band = _band(0, int(under) - 1, text)
            elif plus is not None:
                band = _band(int(plus), None, text)
            else:
                continue
        except InvalidInputError:
            continue
        if band not in bands:
            bands.append(band)
    return tuple(bands)
