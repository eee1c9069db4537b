"""Per-function cyclomatic complexity of a change, base against head (radon).

- :mod:`.model`: what one blob's analysis yields (functions, or why it could not be analysed);
- :mod:`.analysis`: one blob's bytes to its functions (runs in worker processes);
- :mod:`.cache`: analyses on disk by blob sha, safe under concurrent runs;
- :mod:`.pool`: many blobs at once, over the machine's cores when that pays;
- :mod:`.matching`: which head function is which base function (pure);
- :mod:`.measurement`: what the check read, both sides of each changed file;
- :mod:`.judge`: findings and status from the matched functions and the policy (pure);
- :mod:`.tally`: the change in numbers, for the metrics and the summary (pure).

:mod:`gate.complexity.check` reads the blobs and ties these together.
"""
