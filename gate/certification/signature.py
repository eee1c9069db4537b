"""Reviewers' SSH signatures (``gate certify``): not built yet, so never a pass.

Placeholder until the signature source lands: a config that names an
allowed-signers file makes the check an error rather than ignore the key.
"""

from __future__ import annotations

from gate.certification.evidence import Evidence
from gate.errors import ConfigError
from gate.inputs import Inputs


def evidence(inputs: Inputs, authors: frozenset[str]) -> Evidence:
    """Always a ConfigError: no signature can be verified yet."""
    raise ConfigError("[certification] allowed_signers: signature certification is not available")
