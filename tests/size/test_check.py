from __future__ import annotations

import pytest

from gate.change import FileChange, LineRange, Status
from gate.config import SizeConfig
from gate.size.judge import judge
from gate.size.measurement import measure


def file(
    path: str, added: int, removed: int = 0, *, status: Status = "modified", binary: bool = False
) -> FileChange:
    return FileChange(
        status,
        path,
        path,
        "1" * 40,
        "2" * 40,
        "100644",
        "100644",
        None,
        binary,
        (LineRange(1, added),) if added else (),
        (LineRange(1, removed),) if removed else (),
    )


def test_measure_counts_files_lines_binaries_renames() -> None:
    m = measure(
        [
            file("a.py", 10, 2),
            file("b.bin", 0, binary=True),
            file("c.py", 1, 1, status="renamed"),
            file("d.py", 30),
        ]
    )
    assert (m.files_changed, m.lines_added, m.lines_removed, m.changed_lines) == (4, 41, 3, 44)
    assert (m.binary_files, m.renamed_files) == (1, 1)
    assert m.biggest == (("d.py", 30), ("a.py", 12), ("c.py", 2))


@pytest.mark.parametrize(
    ("added", "files", "cfg", "rules"),
    [
        pytest.param(400, 1, SizeConfig(), [], id="at-the-limit-passes"),
        pytest.param(401, 1, SizeConfig(), ["max-changed-lines"], id="one-over-fails"),
        pytest.param(1, 51, SizeConfig(), ["max-files"], id="too-many-files"),
        pytest.param(
            5,
            3,
            SizeConfig(max_changed_lines=10, max_files=2),
            ["max-changed-lines", "max-files"],
            id="both",
        ),
        pytest.param(0, 0, SizeConfig(max_changed_lines=0, max_files=0), [], id="empty-change"),
    ],
)
def test_judge(added: int, files: int, cfg: SizeConfig, rules: list[str]) -> None:
    changed = [file(f"f{i}.py", added) for i in range(files)]
    result = judge(measure(changed), cfg)
    assert [f.rule for f in result.findings] == rules
    assert result.status == ("fail" if rules else "pass")
    assert all(f.blocking and f.severity == "error" for f in result.findings)
    assert bool(result.hints) == bool(rules)
    assert result.metrics["files_changed"] == files


def test_failure_message_and_hint_name_numbers() -> None:
    result = judge(measure([file("big.py", 500, 20)]), SizeConfig())
    assert result.findings[0].message == "520 changed lines (+500 -20); the limit is 400"
    assert "big.py (520)" in result.hints[0]
