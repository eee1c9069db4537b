"""AI authorship of a change: commit signals, git-ai notes, Agent Trace records, blame.

:mod:`gate.checks.ai` measures and judges; the modules here each hold one noun.
"""
