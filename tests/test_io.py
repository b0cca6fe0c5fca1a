import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from safeguarding_model import AnnualReport, Budget
from safeguarding_model.datasets import example_data
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.io import (
    DEFAULT_MAX_BYTES,
    MAX_DEPTH,
    FileFormatError,
    _parse_yaml,
    _Refusal,
    _yaml_loader,
    load_budget,
    load_report,
    read_data,
)

TINY = {"id": "x", "title": "X", "arrangement": "board", "area": {"name": "X"}, "period": "2015/16"}


def _file(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _refusal(path: Path, **options: int) -> FileFormatError:
    with pytest.raises(FileFormatError) as caught:
        read_data(path, **options)
    assert caught.value.path == path
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in str(caught.value)
    return caught.value


# --- numbers exactly ---------------------------------------------------------------------------


def test_json_numbers_are_exact_decimals_and_integers_stay_integers(tmp_path: Path) -> None:
    path = _file(tmp_path, "n.json", '{"a": 12345678901234567.89, "b": 69.10, "c": 42, "d": -0.5}')
    data = read_data(path)
    assert data == {
        "a": Decimal("12345678901234567.89"),
        "b": Decimal("69.10"),
        "c": 42,
        "d": Decimal("-0.5"),
    }
    assert str(data["b"]) == "69.10"  # the printed precision survives
    assert type(data["c"]) is int


def test_a_report_keeps_a_json_number_exactly(tmp_path: Path) -> None:
    data = json.loads(json.dumps(example_data("lancashire-2015-16")))
    data["observations"][0]["value"] = {"number": "NUMBER"}
    text = json.dumps(data).replace('"NUMBER"', "12345678901234567.89", 1)
    report = load_report(_file(tmp_path, "r.json", text))
    assert report.observations[0].value.number == Decimal("12345678901234567.89")
    assert str(report.observations[0].value.number) == "12345678901234567.89"


def test_yaml_numbers_are_exact_decimals(tmp_path: Path) -> None:
    path = _file(tmp_path, "n.yaml", "a: 12345678901234567.89\nb: 1.10\nc: 42\nd: .5\ne: 1.5e+3\n")
    assert read_data(path) == {
        "a": Decimal("12345678901234567.89"),
        "b": Decimal("1.10"),
        "c": 42,
        "d": Decimal("0.5"),
        "e": Decimal(1500),
    }


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_non_finite_constants_are_refused(tmp_path: Path, constant: str) -> None:
    error = _refusal(_file(tmp_path, "n.json", f'{{"a": [1, {constant}]}}'))
    assert f"{constant} is not a number JSON allows" in error.reason


@pytest.mark.parametrize(
    ("literal", "where"),
    [
        ("1E+999999999", "a.0"),
        ("-1E+999999999", "a.0"),
        ("1E-999999999", "a.0"),
        ("1" * 31, "a.0"),
        ("0." + "1" * 31, "a.0"),
        ('"1E+999999999"', "a.0"),
        ('"' + "9" * 5000 + '"', "a.0"),
    ],
)
def test_numbers_out_of_range_are_refused_naming_the_field(
    tmp_path: Path, literal: str, where: str
) -> None:
    error = _refusal(_file(tmp_path, "n.json", f'{{"a": [{literal}]}}'))
    assert error.reason.startswith(f"{where}: expected a finite number of at most 30 digits")
    assert len(str(error)) < 300  # the number is shortened, never printed whole


def test_numbers_within_range_and_zero_are_read(tmp_path: Path) -> None:
    path = _file(tmp_path, "n.json", '{"a": [1E+30, 1E-30, 0E-50, "0E+99", ' + "9" * 30 + "]}")
    assert read_data(path)["a"][-1] == int("9" * 30)


def test_an_integer_of_5000_digits_is_refused_not_a_value_error(tmp_path: Path) -> None:
    for name, text in (("big.json", '{"x": ' + "7" * 5000 + "}"), ("big.yaml", "x: " + "7" * 5000)):
        error = _refusal(_file(tmp_path, name, text))
        assert error.reason.startswith("x: expected a finite number of at most 30 digits")


# --- YAML -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "scalar",
    ["010", "-010", "1:30", "190:20:30", "0x10", "0o10", "0b10", "1_000", "1_000.5", "1:30.5"],
)
def test_yaml_1_1_number_forms_are_refused_with_line_and_a_hint(
    tmp_path: Path, scalar: str
) -> None:
    error = _refusal(_file(tmp_path, "n.yaml", f"title: X\namount: {scalar}\n"))
    assert error.line == 2
    assert f"line 2: {scalar!r} is " in str(error)
    assert "read differently" in error.reason
    assert f'quote it, like "{scalar}", to keep it as text' in error.reason


def test_quoted_yaml_figures_stay_text(tmp_path: Path) -> None:
    path = _file(tmp_path, "n.yaml", "a: '010'\nb: \"1:30\"\nc: '0x10'\n")
    assert read_data(path) == {"a": "010", "b": "1:30", "c": "0x10"}


@pytest.mark.parametrize("scalar", [".inf", "-.Inf", ".NaN", "!!float nan"])
def test_yaml_non_finite_numbers_are_refused(tmp_path: Path, scalar: str) -> None:
    error = _refusal(_file(tmp_path, "n.yaml", f"a: {scalar}\n"))
    assert "is not a finite number" in error.reason


@pytest.mark.parametrize("word", ["No", "no", "yes", "Yes", "on", "OFF", "!!bool yes"])
def test_yaml_1_1_booleans_are_refused(tmp_path: Path, word: str) -> None:
    error = _refusal(_file(tmp_path, "n.yaml", f"title: {word}\n"))
    assert error.line == 1
    assert "is a YAML 1.1 boolean" in error.reason
    assert "write true or false, or quote it" in error.reason


def test_yaml_true_false_and_quoted_words_are_read(tmp_path: Path) -> None:
    path = _file(tmp_path, "n.yaml", "a: true\nb: False\nc: 'No'\nd: null\n")
    assert read_data(path) == {"a": True, "b": False, "c": "No", "d": None}


def test_a_report_titled_no_is_refused_clearly_or_kept_as_text(tmp_path: Path) -> None:
    lines = [f"{key}: {value}" for key, value in TINY.items() if key not in ("title", "area")]
    bare = _file(tmp_path, "bare.yaml", "\n".join([*lines, "area: {name: X}", "title: No"]))
    assert "'No' is a YAML 1.1 boolean" in _refusal(bare).reason
    quoted = _file(tmp_path, "quoted.yaml", "\n".join([*lines, "area: {name: X}", "title: 'No'"]))
    assert load_report(quoted).title == "No"


def test_a_bool_is_not_accepted_as_text_by_the_records() -> None:
    with pytest.raises(ValidationError, match=r"title\n  Input should be a valid string"):
        AnnualReport.model_validate({**TINY, "title": False})


def test_yaml_dates_stay_text_even_impossible_ones(tmp_path: Path) -> None:
    path = _file(tmp_path, "d.yaml", "a: 2015-03-31\nb: 2015-13-45\nc: !!timestamp 2015-02-30\n")
    assert read_data(path) == {"a": "2015-03-31", "b": "2015-13-45", "c": "2015-02-30"}


@pytest.mark.parametrize(
    "text",
    [
        "a: &anchor 1\n",  # an anchor, even unused
        "a: 1\nb: &x [1]\nc: *x\n",
        "base: &b {x: 1}\nother:\n  <<: *b\n",
    ],
)
def test_yaml_anchors_and_aliases_are_refused(tmp_path: Path, text: str) -> None:
    error = _refusal(_file(tmp_path, "a.yaml", text))
    assert error.reason == "anchors and aliases (&name, *name) are not accepted in report files"
    assert (
        error.line == text.splitlines().index(next(ln for ln in text.splitlines() if "&" in ln)) + 1
    )


@pytest.mark.parametrize(
    "tag", ["!!set {a, b}", "!!omap [a: 1]", "!!pairs [a: 1]", "!!binary aGk="]
)
def test_yaml_tags_json_cannot_express_are_refused(tmp_path: Path, tag: str) -> None:
    error = _refusal(_file(tmp_path, "t.yaml", f"a: {tag}\n"))
    assert error.reason.startswith("the tag '!!")
    assert "is not accepted" in error.reason


def test_yaml_python_tags_are_refused(tmp_path: Path) -> None:
    error = _refusal(_file(tmp_path, "t.yaml", "a: !!python/object/apply:os.system [echo]\n"))
    assert error.reason.startswith("not valid YAML: could not determine a constructor")


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("d.json", '{"id": "x", "title": "X", "id": "y"}', None),
        ("d.json", '{"area": {"name": "A", "name": "B"}}', None),
        ("d.yaml", "id: x\ntitle: X\nid: y\n", 3),
        ("d.yaml", "area:\n  name: A\n  name: B\n", 3),
        ("d.yaml", "{a: 1, a: 2}\n", 1),
    ],
)
def test_a_key_given_twice_is_refused_not_overwritten(
    tmp_path: Path, name: str, content: str, line: int | None
) -> None:
    error = _refusal(_file(tmp_path, name, content))
    assert "is given twice in one mapping" in error.reason
    assert error.line == line


def test_the_same_key_in_different_mappings_is_read(tmp_path: Path) -> None:
    data = {"a": {"name": "A"}, "b": {"name": "B"}}
    assert read_data(_file(tmp_path, "k.json", json.dumps(data))) == data
    assert read_data(_file(tmp_path, "k.yaml", yaml.safe_dump(data))) == data


def test_malformed_yaml_gives_line_and_column_without_a_snippet(tmp_path: Path) -> None:
    error = _refusal(_file(tmp_path, "m.yaml", "a: 1\nb: [1, 2\n"))
    assert error.line == 3
    assert re.fullmatch(r"not valid YAML: .+ at column \d+", error.reason)


def test_malformed_json_gives_line_and_column(tmp_path: Path) -> None:
    error = _refusal(_file(tmp_path, "m.json", '{"a": 1,\n "b": }'))
    assert (error.line, error.reason) == (2, "not valid JSON: Expecting value at column 7")


def test_libyaml_and_pure_python_loaders_read_the_same(tmp_path: Path) -> None:
    data = example_data("lancashire-2015-16")
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    fast = _parse_yaml(text, loader=_yaml_loader(libyaml=True))
    pure = _parse_yaml(text, loader=_yaml_loader(libyaml=False))
    assert fast == pure
    as_json = read_data(_file(tmp_path, "r.json", json.dumps(data)))
    assert fast == as_json  # YAML and JSON of the same report read alike
    if yaml.__with_libyaml__:
        assert "CParser" in {cls.__name__ for cls in _yaml_loader(libyaml=True).__mro__}
    assert "Reader" in {cls.__name__ for cls in _yaml_loader(libyaml=False).__mro__}


@pytest.mark.parametrize("libyaml", [True, False])
def test_both_loaders_refuse_alike(*, libyaml: bool) -> None:
    loader = _yaml_loader(libyaml=libyaml)
    for text, reason in (
        ("a: &x 1\n", "anchors and aliases"),
        ("a: 010\n", "'010' is an integer"),
        ("a: No\n", "'No' is a YAML 1.1 boolean"),
        ("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "nested more than 200"),
    ):
        with pytest.raises(_Refusal, match=re.escape(reason)):
            _parse_yaml(text, loader=loader)


# --- nesting ----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_nesting_100000_deep_is_refused(tmp_path: Path, suffix: str) -> None:
    error = _refusal(_file(tmp_path, f"deep{suffix}", "[" * 100_000 + "]" * 100_000))
    assert "nest" in error.reason


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_nesting_up_to_the_limit_is_read_and_beyond_it_refused(tmp_path: Path, suffix: str) -> None:
    at_limit = _file(tmp_path, f"ok{suffix}", "[" * MAX_DEPTH + "]" * MAX_DEPTH)
    data = read_data(at_limit)
    depth = 0
    while isinstance(data, list) and data:
        data, depth = data[0], depth + 1
    assert depth == MAX_DEPTH - 1
    over = _file(tmp_path, f"over{suffix}", "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2))
    assert _refusal(over).reason == f"nested more than {MAX_DEPTH} levels deep"


# --- text -------------------------------------------------------------------------------------


def test_a_lone_surrogate_is_refused_naming_the_field(tmp_path: Path) -> None:
    path = _file(tmp_path, "s.json", '{"a": {"title": "ok \\ud800"}}')
    error = _refusal(path)
    assert error.reason == (
        "a.title: text with a lone surrogate '\\ud800' (an escape that is not a character); "
        "expected text"
    )
    key = _refusal(_file(tmp_path, "k.json", '{"\\udfff": 1}'))
    assert key.reason.startswith("'\\udfff': a key with a lone surrogate")


def test_a_surrogate_pair_is_one_character(tmp_path: Path) -> None:
    assert read_data(_file(tmp_path, "p.json", '{"a": "\\ud83d\\ude00"}')) == {"a": "\U0001f600"}


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = _file(tmp_path, "bom.json", b"\xef\xbb\xbf" + json.dumps(TINY).encode())
    assert read_data(path) == TINY


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"title": "café"}'.encode("latin-1"), "not UTF-8: byte 0xe9 at offset 14"),
        (json.dumps(TINY).encode("utf-16"), "not UTF-8: it starts with a UTF-16 byte order mark"),
        (json.dumps(TINY).encode("utf-32"), "not UTF-8: it starts with a UTF-32 byte order mark"),
        (b"\x80\x81\xfe\xff random", "not UTF-8: byte 0x80 at offset 0"),
    ],
)
def test_text_that_is_not_utf8_is_refused_with_the_offset(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    for suffix in (".json", ".yaml"):
        error = _refusal(_file(tmp_path, f"e{suffix}", content))
        assert error.reason.startswith(reason)
        assert error.reason.endswith("save it as UTF-8")


# --- the file itself ----------------------------------------------------------------------------


def test_the_default_size_limit_is_100_mib() -> None:
    assert DEFAULT_MAX_BYTES == 100 * 1024 * 1024


def test_a_file_over_max_bytes_is_refused_and_one_at_it_is_read(tmp_path: Path) -> None:
    text = json.dumps(TINY)
    path = _file(tmp_path, "r.json", text)
    assert read_data(path, max_bytes=len(text)) == TINY
    error = _refusal(path, max_bytes=len(text) - 1)
    assert error.reason == (
        f"larger than the limit of {len(text) - 1:,} bytes (raise it with max_bytes or --max-size)"
    )
    with pytest.raises(FileFormatError, match="larger than the limit of 10 bytes"):
        load_report(path, max_bytes=10)
    with pytest.raises(FileFormatError, match="larger than the limit of 10 bytes"):
        load_budget(path, max_bytes=10)


def test_a_file_that_grows_after_stat_is_cut_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path, "grow.json", "[" + "1," * 1000 + "1]")
    real_stat = Path.stat

    def small_stat(
        self: Path, *, follow_symlinks: bool = True
    ) -> os.stat_result:  # as if it grew after the stat
        found = real_stat(self, follow_symlinks=follow_symlinks)
        fields = list(found)
        fields[6] = 10  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(Path, "stat", small_stat)
    assert "larger than the limit of 100 bytes" in _refusal(path, max_bytes=100).reason


@pytest.mark.parametrize("max_bytes", [0, -1, 1.5, True, "10"])
def test_max_bytes_must_be_a_positive_whole_number(tmp_path: Path, max_bytes: object) -> None:
    with pytest.raises(InvalidInputError, match="max_bytes: expected a whole number of bytes"):
        read_data(tmp_path / "r.json", max_bytes=max_bytes)  # type: ignore[arg-type]


def test_a_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert _refusal(folder).reason == "expected a regular file, got a directory"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert _refusal(fifo).reason == "expected a regular file, got a FIFO (named pipe)"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    assert _refusal(link).reason == "expected a regular file, got a device"


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = _file(tmp_path, "target.json", json.dumps(TINY))
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert read_data(link) == TINY


def test_a_missing_file_and_another_suffix_are_refused(tmp_path: Path) -> None:
    assert _refusal(tmp_path / "none.json").reason.startswith("cannot be read (")
    assert _refusal(tmp_path / "r.txt").reason == "expected a .json, .yaml or .yml file"


# --- validation errors ----------------------------------------------------------------------------


def test_validation_errors_never_repeat_the_input(tmp_path: Path) -> None:
    secret = "PRIVATE-" + "x" * 5000
    path = _file(
        tmp_path,
        "r.json",
        json.dumps({**TINY, "id": secret, "arrangement": secret, "extra": secret}),
    )
    with pytest.raises(ValidationError) as caught:
        load_report(path)
    message = str(caught.value)
    assert "x" * 61 not in message  # each value shortened to its first 60 characters
    assert message.count("PRIVATE-") == 3
    assert len(message) < 1000
    assert {error["loc"][0] for error in caught.value.errors()} == {"id", "arrangement", "extra"}
    assert caught.value.errors()[0]["input"] == secret  # still there for a program to inspect


def test_a_budget_validation_error_hides_the_input(tmp_path: Path) -> None:
    path = _file(tmp_path, "b.json", json.dumps({"period": "2015/16", "income": "SECRET"}))
    with pytest.raises(ValidationError) as caught:
        Budget.model_validate(read_data(path))
    assert "SECRET" not in str(caught.value)
