from __future__ import annotations

import pytest

from gate.result import Result
from tests.report.sample import sample


@pytest.fixture
def result() -> Result:
    """A failing run with every kind of finding, hostile text included."""
    return sample()
