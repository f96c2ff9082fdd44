"""Reading stays inside the data directory (issue 18): links that leave it are findings, not reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.cli import invoke

from tests.datadir import make


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return invoke(list(args), env=env)


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_a_csv_linked_to_the_environment_is_not_read(tmp_path: Path, fmt: str) -> None:
    data = make(tmp_path, actuals=None)
    (data / "actuals" / "demo.csv").symlink_to("/proc/self/environ")
    result = run("check", str(data), "--format", fmt, env={"PTARGET_SECRET": "hunter2-s3cr3t"})
    assert result.exit_code == 1
    assert "hunter2" not in result.output
    assert "outside the data directory" in result.output


def test_a_linked_source_text_gives_nothing_away(tmp_path: Path) -> None:
    data = make(tmp_path, source=None)
    secret = tmp_path / "secret.txt"
    secret.write_text("到2025年,高新技术企业达到TOKEN-abcdefghijklmnop", encoding="utf-8")
    (data / "sources" / "demo.txt").symlink_to(secret)
    result = run("check", str(data))
    assert result.exit_code == 1
    assert "TOKEN" not in result.output and "abcdef" not in result.output
    assert "demo.txt: error: is a link to a file outside the data directory" in result.output


@pytest.mark.parametrize("name", ["demo.toml", "actuals/demo.csv"])
def test_a_link_out_is_a_finding_for_every_reader(tmp_path: Path, name: str) -> None:
    data = make(tmp_path)
    outside = tmp_path / "elsewhere"
    (data / name).rename(outside)
    (data / name).symlink_to(outside)
    result = run("status", "demo", "--data", str(data))
    assert result.exit_code in (1, 2)
    assert "outside the data directory" in result.output or "unknown plan" in result.output
    checked = run("check", str(data))
    assert checked.exit_code == 1
    assert f"{name}: error: is a link to a file outside the data directory" in checked.output


def test_a_link_inside_the_data_directory_is_read(tmp_path: Path) -> None:
    data = make(tmp_path)
    (data / "actuals" / "demo.csv").rename(data / "actuals" / "demo.csv.shared")
    (data / "actuals" / "demo.csv").symlink_to("demo.csv.shared")
    result = run("check", str(data))
    assert result.exit_code == 0, result.output
    assert "6 figure(s)" in result.output


def test_a_fifo_in_the_data_directory_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    data = make(tmp_path, actuals=None)
    os.mkfifo(data / "actuals" / "demo.csv")
    result = run("check", str(data))
    assert result.exit_code == 1
    assert "is not a regular file" in result.output


def test_a_csv_named_on_the_command_line_outside_the_data_directory_is_read(tmp_path: Path) -> None:
    data = make(tmp_path)
    outside = tmp_path / "mine" / "demo.csv"
    outside.parent.mkdir()
    outside.write_bytes((data / "actuals" / "demo.csv").read_bytes())
    (data / "actuals" / "demo.csv").unlink()
    result = run("status", "demo", "--data", str(data), "--actuals", str(outside), "--json")
    assert result.exit_code == 0, result.output
    assert '"value": 700' in result.output or '"value":700' in result.output


def test_a_quote_hint_shows_no_more_than_the_rest_of_its_source_line(tmp_path: Path) -> None:
    # the quote 高新技术企业达到1000家 parts from the source after 高新技术企业达到, where line 3
    # has "900家。" and the next line a secret: 12 characters on would be "900家。TOKEN-ab"
    from tests.datadir import PLAN

    source = "# header\n\n到2025年,高新技术企业达到900家。\nTOKEN-abcdefghijklmnop\n技术合同成交额达450亿元,新增研发平台100个。\n"
    data = make(tmp_path, plan=PLAN.replace("高新技术企业达到900家", "高新技术企业达到1000家"), source=source)
    result = run("check", str(data))
    assert result.exit_code == 1
    assert "the source has '高新技术企业达到' followed by '900家。')" in result.output
    assert "TOKEN" not in result.output
