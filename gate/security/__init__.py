"""The security check's parts: the ruleset, the scanned trees, semgrep, finding identity.

:mod:`gate.security.check` puts them together; each module here does one thing.
"""
