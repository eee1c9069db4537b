"""AI authorship of a change: commit signals, git-ai notes, Agent Trace records, line origins.

:mod:`gate.ai.check` measures (I/O) with them; :mod:`.judge` judges (pure). The
modules here each hold one noun.
"""
