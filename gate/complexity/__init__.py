"""Per-function cyclomatic complexity of a change, base against head (radon).

- :mod:`.model`: what one blob's analysis yields (functions, or why it could not be analysed);
- :mod:`.analysis`: one blob's bytes to its functions (runs in worker processes);
- :mod:`.cache`: analyses on disk by blob sha, safe under concurrent runs;
- :mod:`.pool`: many blobs at once, over the machine's cores when that pays;
- :mod:`.matching`: which head function is which base function (pure);
- :mod:`.judge`: findings and metrics from the matched functions and the policy (pure).

:mod:`gate.checks.complexity` reads the blobs and ties these together.
"""
