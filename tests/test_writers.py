"""Writers that cannot lose or clobber (issue 18): concurrent `record`s, links, line ends."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.test_authoring import HEADER, data, record, run  # noqa: F401  (data: the fixture)

def _record_process(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    return subprocess.run([sys.executable, "-m", "policy_targets", "record", "testville", *args,
                           "--data", str(data)], capture_output=True, text=True, env=env, timeout=120)


def test_twenty_concurrent_records_keep_every_row(data: Path) -> None:
    # 20 processes, each one figure of rd_intensity for its own month of 2024 (distinct periods)
    path = data / "actuals" / "testville.csv"
    path.write_text(HEADER, encoding="utf-8")
    months = [f"2024-{m:02d}" for m in range(1, 13)] + [f"2023-{m:02d}" for m in range(5, 13)]
    assert len(months) == 20
    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(lambda m: _record_process(data, "rd_intensity", m, "2.5"), months))
    recorded = [m for m, r in zip(months, results) if r.returncode == 0 and "recorded" in r.stdout]
    assert recorded == months, [r.stderr for r in results]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 21  # the header and 20 rows
    for m, r in zip(months, results):
        assert f"rd_intensity,{m},2.5,,,,," in lines
        # the line each process printed holds its own row
        number = int(r.stdout.rsplit("line ", 1)[1].split()[0])
        assert lines[number - 1].startswith(f"rd_intensity,{m},")
    assert run("check", str(data)).exit_code == 0


def test_two_conflicting_values_cannot_both_be_recorded(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    path.write_text(HEADER, encoding="utf-8")
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda v: _record_process(data, "contract_value", "2024", v), ["90", "91"]))
    codes = sorted(r.returncode for r in results)
    assert codes == [0, 1], [r.stderr for r in results]
    winner = "90" if results[0].returncode == 0 else "91"
    loser = results[1] if winner == "90" else results[0]
    assert "disagree" in loser.stderr and "nothing written" in loser.stderr
    assert path.read_text(encoding="utf-8") == HEADER + f"contract_value,2024,{winner},,,,,\n"


def test_record_through_a_symlink_appends_to_the_shared_file(data: Path) -> None:
    shared = data / "actuals" / "shared.csv.txt"  # inside the data directory, not read as figures
    shared.write_text(HEADER, encoding="utf-8")
    link = data / "actuals" / "testville.csv"
    link.symlink_to("shared.csv.txt")
    assert record(data, "contract_value", "2024", "90").exit_code == 0
    assert link.is_symlink()
    assert shared.read_text(encoding="utf-8") == HEADER + "contract_value,2024,90,,,,,\n"


def test_record_keeps_hard_links_and_mode(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    path.write_text(HEADER, encoding="utf-8")
    path.chmod(0o640)
    twin = data / "twin.csv.bak"
    os.link(path, twin)
    assert record(data, "contract_value", "2024", "90").exit_code == 0
    assert os.path.samefile(path, twin)
    assert twin.read_text(encoding="utf-8").endswith("contract_value,2024,90,,,,,\n")
    assert path.stat().st_mode & 0o777 == 0o640


def test_record_keeps_rows_appended_through_an_open_handle(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    path.write_text(HEADER, encoding="utf-8")
    with open(path, "a", encoding="utf-8") as other:  # another program holds the file open
        assert record(data, "contract_value", "2024", "90").exit_code == 0
        other.write("contract_value,2023,80,,,,,\n")
    assert path.read_text(encoding="utf-8") == (HEADER + "contract_value,2024,90,,,,,\n"
                                                "contract_value,2023,80,,,,,\n")


@pytest.mark.parametrize("end", ["\u2028", "\x85", "\x0c", "\x0b", "\x1e"])
def test_a_last_line_ended_by_a_non_csv_break_does_not_swallow_the_row(data: Path, end: str) -> None:
    path = data / "actuals" / "testville.csv"
    path.write_text(HEADER + "contract_value,2023,80,,,,,note" + end, encoding="utf-8")
    result = record(data, "contract_value", "2024", "90")
    assert result.exit_code == 0, result.output
    # the header is line 1, the 2023 row line 2 (U+2028 etc. do not end a CSV line), the new row line 3
    assert "line 3" in result.output
    text = path.read_text(encoding="utf-8")
    assert text.endswith("note" + end + "\ncontract_value,2024,90,,,,,\n")
    checked = run("check", str(data))
    assert checked.exit_code == 0, checked.output
    assert "2 figure(s)" in checked.output


def test_record_refuses_a_file_check_rejects_and_says_where(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    old = (HEADER + "contract_value,2023,80,,,,,\n\x1a").encode()  # a DOS end-of-file mark
    path.write_bytes(old)
    assert run("check", str(data)).exit_code == 1
    result = record(data, "contract_value", "2024", "90")
    assert result.exit_code == 1
    assert "testville.csv:3:" in result.output  # the ^Z is on line 3
    assert "fix them before recording" in result.output
    assert path.read_bytes() == old


def test_record_refuses_a_csv_linked_outside_the_data_directory(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.csv"
    outside.write_text(HEADER, encoding="utf-8")
    (data / "actuals" / "testville.csv").symlink_to(outside)
    result = record(data, "contract_value", "2024", "90")
    assert result.exit_code == 1
    assert "outside the data directory" in result.output
    assert outside.read_text(encoding="utf-8") == HEADER


# ---------------------------------------------------------------- the writer itself (files/store.py)

@pytest.mark.parametrize("flock", [True, False])
def test_the_lock_excludes_a_second_writer_until_released(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          flock: bool) -> None:
    import threading

    from policy_targets.files import store

    if not flock:  # as on a system without fcntl: the O_EXCL lock file
        monkeypatch.setitem(sys.modules, "fcntl", None)

    outcome: list[str] = []

    def second() -> None:
        try:
            with store.locked(tmp_path, wait=0.2):
                outcome.append("got it")
        except store.Busy as exc:
            outcome.append(exc.strerror or "")

    with store.locked(tmp_path):
        t = threading.Thread(target=second)
        t.start()
        t.join()
    assert len(outcome) == 1 and outcome[0].startswith("another ptarget has been writing in")
    second()  # released: the next writer gets it at once
    assert outcome[1] == "got it"
    assert sorted(os.listdir(tmp_path)) == []  # no lock file left behind


def test_append_bytes_refuses_a_file_that_changed_since_it_was_read(tmp_path: Path) -> None:
    from policy_targets.files import store

    path = tmp_path / "a.csv"
    path.write_bytes(b"header\n")
    with pytest.raises(store.ChangedError):
        store.append_bytes(path, b"row\n", expected_size=3)
    assert path.read_bytes() == b"header\n"
    assert store.append_bytes(path, b"row\n", expected_size=7) == 7
    assert path.read_bytes() == b"header\nrow\n"


def test_replace_keep_links_replaces_the_file_a_link_names(tmp_path: Path) -> None:
    from policy_targets.files import store

    real = tmp_path / "shared" / "demo.csv"
    real.parent.mkdir()
    real.write_bytes(b"old\r\n")
    real.chmod(0o640)
    link = tmp_path / "demo.csv"
    link.symlink_to(real)
    store.replace_keep_links(link, b"new\r\n")
    assert link.is_symlink() and real.read_bytes() == b"new\r\n"
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(real.parent)) == ["demo.csv"]
