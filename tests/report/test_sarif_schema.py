"""Every SARIF the gate writes validates against the official SARIF 2.1.0 schema.

The schema comes from npm (``@microsoft/jest-sarif`` ships Microsoft's
``sarif-2.1.0-rtm.5.json``), installed by ``.ci/run`` like the other tools;
jsonschema is semgrep's own dependency.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from gate.report import sarif
from gate.result import Result
from tests.report.sample import error_result, review_sample, sample
from tests.tools import ROOT

SCHEMA = ROOT / ".ci" / "node_modules" / "@microsoft" / "jest-sarif" / "lib" / "schemas"


def schema() -> dict[str, object]:
    found = sorted(SCHEMA.glob("sarif-2.1.0*.json")) if SCHEMA.is_dir() else []
    if not found:
        message = "the SARIF 2.1.0 schema is not installed (npm ci --prefix .ci)"
        if os.environ.get("MERGE_GATE_REQUIRE_TOOLS"):
            pytest.fail(message)
        pytest.skip(message)
    loaded: dict[str, object] = json.loads(Path(found[-1]).read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize(
    "result",
    [
        pytest.param(sample(), id="failures-and-hostile-names"),
        pytest.param(review_sample(), id="review-and-waiver"),
        pytest.param(error_result(), id="error"),
    ],
)
def test_sarif_validates_against_the_official_schema(result: Result) -> None:
    document = json.loads(sarif.render(result))
    loaded = schema()
    validator = jsonschema.validators.validator_for(loaded)(loaded)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
