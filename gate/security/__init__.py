"""The security check's parts: the ruleset, the scanned trees, semgrep, finding identity.

:mod:`gate.checks.security` puts them together; each module here does one thing.
"""
