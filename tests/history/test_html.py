"""``--html``: one self-contained page with its charts, looked at in headless Chromium."""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

import pytest

from tests.history.history_run import PERIOD
from tests.history.scenario import Story, build
from tests.run import gate
from tests.tools import require

CHARTS = ("survival", "monthly-durable", "churn", "ai-share")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    story: Story = build(tmp_path_factory.mktemp("html") / "repo")
    story.repo.git("branch", "-m", "main", "x<i>y")
    out = story.repo.path.parent / "history.html"
    run = gate(story.repo.path, "history", *PERIOD, "--branch", "x<i>y", "--html", str(out))
    assert run.code == 0, run.stderr
    return out


def test_the_page_needs_nothing_from_the_network(page: Path) -> None:
    text = page.read_text()
    assert re.findall(r"""(?:src|href)\s*=|<link|@import|url\(""", text) == []
    for name in CHARTS:
        assert re.search(rf'<figure id="{name}" class="chart"><svg ', text), name
    assert "x&lt;i&gt;y" in text
    assert "<i>" not in text
    assert "no data (pass <code>--usage CSV</code>)" in text


def test_merge_writes_a_page_too(page: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    story_dir = page.parent / "repo"
    gate(story_dir, "history", *PERIOD, "--branch", "x<i>y", "--json", str(report))
    csv = tmp_path / "u.csv"
    csv.write_text("date,agent,tokens,cost\n2026-01-02,claude,100,\n")
    gate(story_dir, "history", *PERIOD, "--usage", str(csv), "--json", str(tmp_path / "c.json"),
         "--branch", "x<i>y")  # fmt: skip
    out = tmp_path / "m.html"
    run = gate(
        tmp_path, "history", "merge", str(report), str(tmp_path / "c.json"), "--html", str(out)
    )
    assert run.code == 0, run.stderr
    assert "Cost per durable line</h2>" in out.read_text()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_chromium_renders_the_page_with_its_charts(page: Path, tmp_path: Path) -> None:
    chromium = require("chromium", "apt-get install -y chromium")
    flags = [str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--window-size=900,2600"]  # fmt: skip
    dom = subprocess.run(
        [*flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, check=True
    ).stdout
    assert dom.count("<svg") >= len(CHARTS)
    assert all(f'id="{name}"' in dom for name in CHARTS)
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>")
    shots = {}
    for name, target in (("page", page), ("blank", blank)):
        shot = tmp_path / f"{name}.png"
        subprocess.run([*flags, f"--screenshot={shot}", target.as_uri()], capture_output=True,
                       check=True)  # fmt: skip
        assert _png_size(shot) == (900, 2600)
        shots[name] = shot.stat().st_size
    # a page of charts and tables compresses far worse than an empty one
    assert shots["page"] > 5 * shots["blank"]
