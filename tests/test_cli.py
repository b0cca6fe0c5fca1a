import json
import subprocess
import sys

import pytest

import safeguarding_model
from safeguarding_model.cli import main


def test_report_names_the_package(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert f"safeguarding-model {safeguarding_model.__version__}" in out
    assert "bundled datasets" in out


def test_report_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["version"] == safeguarding_model.__version__
    assert summary["datasets"] == []


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"safeguarding-model {safeguarding_model.__version__}"


def test_no_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: safeguarding-model" in capsys.readouterr().out


def test_bad_format_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["report", "--format", "pdf"])
    assert caught.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "safeguarding_model.cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("safeguarding-model ")
