"""Benchmark: what one large Python file costs radon (the complexity check) and semgrep.

Sets the defaults of ``[complexity] max_file_bytes`` and ``[security]
max_target_bytes``. The files are real: generated test modules and rule tables
from sympy's history (1-2 MB; fetch sympy and pass its git directory), and
concatenations of them for 3-10 MB (real code, only more of it: no single
Python file that large is in sympy's history). For each file it prints, in one
run, each tool's seconds, peak memory and seconds per MB:

- the complexity check's analysis (``gate.complexity.analysis.analyse``, the
  same code the gate runs) against the peer ``radon cc`` on the same file, and
- ``semgrep scan`` with the bundled rules as the security check runs it, per
  side (the gate runs one per side of the change, at once), and whether a rule
  timed out under the default ``[security] timeout``.

    python benchmarks/bench_file_size.py --repo /work/.mirror/sympy+sympy/repo
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from gate.config import SecurityConfig
from gate.security import rules, semgrep

# Real Python blobs of sympy's history: (blob, path it had).
REAL = (
    ("3ed9755f761c7e732dc4bb6a511a7ee8413f200a", "integrals/tests/rubi/.../test_t_3_3.py"),
    ("5375372198a026adc061e2f499fb233f50340995", "rubi/tests/test_algebraic_..._set2.py"),
    ("448e3cc4d359b375439190f9946e89346f9679eb", "rubi/rubi_tests/tests/test_trinomials.py"),
    ("233789905e89be4484be813c6f3e4f277adf535f", "integrals/rubi/patterns.py"),
)
SIZES_MB = (3, 6, 10)  # concatenations of the real files


class Cost(NamedTuple):
    seconds: float
    rss_mb: int
    code: int
    out: bytes


def run(cmd: list[str], cwd: Path) -> Cost:
    env = {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}
    out = cwd / "out.json"
    start = time.perf_counter()
    with out.open("wb") as sink:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
    return Cost(
        time.perf_counter() - start,
        usage.ru_maxrss // 1024,
        os.waitstatus_to_exitcode(status),
        out.read_bytes(),
    )


def files(repo: Path) -> list[tuple[str, bytes]]:
    blobs = []
    for sha, path in REAL:
        data = subprocess.run(
            ["git", "--git-dir", str(repo), "cat-file", "blob", sha],
            capture_output=True,
            check=True,
        ).stdout
        blobs.append((f"{path} (real)", data))
    pool = b"\n".join(b for _, b in blobs)
    for mb in SIZES_MB:
        data = (pool * (mb * 2**20 // len(pool) + 1))[: mb * 2**20]
        data = data[: data.rfind(b"\n") + 1]  # whole lines: still valid Python
        blobs.append((f"{mb} MB of the real files, concatenated", data))
    return blobs


ANALYSE = (
    "import sys; from gate.complexity.analysis import analyse; "
    "r = analyse(open(sys.argv[1], 'rb').read()); print(type(r).__name__, getattr(r, 'reason', ''))"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=Path("/work/.mirror/sympy+sympy/repo"))
    args = parser.parse_args()
    timeout = SecurityConfig().timeout
    radon = Path(sys.executable).with_name("radon")
    print(
        f"{'file':<48} {'MB':>5} | {'gate cc s':>9} {'MB rss':>6} | {'radon cc s':>10} "
        f"{'ratio':>5} | {'semgrep s':>9} {'MB rss':>6} {'s/MB':>5} timeouts"
    )
    with tempfile.TemporaryDirectory() as tmp, rules.bundled() as bundled:
        work = Path(tmp)
        options = semgrep.Options(
            executable=semgrep.locate(os.environ),
            configs=(str(bundled),),
            timeout=timeout,
            max_target_bytes=100 * 2**20,
            jobs=1,
            run_timeout=900,
        )
        for name, data in files(args.repo):
            target = work / "big.py"
            target.write_bytes(data)
            mb = len(data) / 2**20
            gate = run([sys.executable, "-c", ANALYSE, str(target)], work)
            peer = run([str(radon), "cc", "-j", str(target)], work)
            scan = run(semgrep.command(options, semgrep.Request(work, ("big.py",))), work)
            report = json.loads(scan.out or b"{}")
            timeouts = sum("Timeout" in json.dumps(e.get("type")) for e in report.get("errors", []))
            verdict = gate.out.decode().split()[0] if gate.out else "?"
            print(
                f"{name[:48]:<48} {mb:5.2f} | {gate.seconds:9.2f} {gate.rss_mb:6} | "
                f"{peer.seconds:10.2f} {gate.seconds / peer.seconds:5.2f} | "
                f"{scan.seconds:9.2f} {scan.rss_mb:6} {scan.seconds / mb:5.2f} {timeouts}"
                f"{'' if verdict == 'Metrics' else '  gate: ' + gate.out.decode().strip()}"
            )


if __name__ == "__main__":
    main()
