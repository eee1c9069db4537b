"""The release: one version, a wheel and an sdist that build and install offline in a fresh venv.

The fresh venv gets the gate's dependencies from this test's own environment (a
``.pth`` line naming its site-packages), so pip resolves them without an index:
``pip install --no-index`` fails if the wheel asks for something missing.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from gate import __version__
from tests.gitrepo import GitRepo, lines
from tests.tools import ROOT, copy_source


def run(*args: str | Path, cwd: Path | None = None) -> str:
    proc = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from it (as pip builds a release), from a copy of the tree."""
    src = copy_source(tmp_path_factory.mktemp("src") / "merge-gate")
    out = src.parent / "dist"
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, src)
    return out


def fresh_venv(path: Path) -> Path:
    """A new venv without pip whose ``site`` also sees this environment's packages (read-only).

    The new venv's own site-packages come first, so what is installed there wins.
    """
    venv.EnvBuilder(with_pip=False).create(path)
    python = path / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    Path(purelib.strip(), "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_the_version_is_written_once() -> None:
    assert "version =" not in (ROOT / "pyproject.toml").read_text().split("[project.optional")[0]
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert f"## {__version__} " in changelog, "CHANGELOG.md has no entry for this version"
    assert "MIT License" in (ROOT / "LICENSE").read_text()


def test_sdist_carries_the_license_changelog_and_data(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    assert sdist.name == f"merge_gate-{__version__}.tar.gz"
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "CHANGELOG.md", "README.md", "pyproject.toml"} <= names
    assert "gate/data/ai/signatures.toml" in names
    assert not any(name.startswith("tests/") for name in names)


def test_wheel_installs_offline_in_a_fresh_venv_and_runs(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"merge_gate-{__version__}.dist-info/METADATA").decode()
    assert f"merge_gate-{__version__}.dist-info/licenses/LICENSE" in names
    assert "License-Expression: MIT" in metadata
    assert any(n.startswith("gate/data/semgrep/") for n in names)

    python = fresh_venv(tmp_path / "venv")
    run(python, "-m", "pip", "install", "--quiet", "--no-index", wheel)
    gate = python.parent / "gate"
    assert run(gate, "--version").strip() == f"gate, version {__version__}"
    # Not from this tree: ``-c`` puts the working directory first on sys.path.
    where = run(python, "-c", "import gate; print(gate.__file__)", cwd=tmp_path)
    assert where.startswith(str(tmp_path / "venv")), where

    repo = GitRepo.init(tmp_path / "repo")
    repo.commit("base", {".gate.toml": "[security]\nenabled = false\n"})
    repo.branch("feature")
    repo.commit("change", {"a.py": lines(3)})
    out = run(gate, "check", "--base", "main", cwd=repo.path)
    assert "merge-gate PASS" in out
