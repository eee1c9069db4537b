"""What each rule means and how to fix it: the help text SARIF and Code Quality show.

Written per rule, never taken from one finding's message (the first finding of a
rule would otherwise explain all the others). A semgrep rule of the security check
gets the check's text; its findings' messages carry the rule's own advice.
"""

from __future__ import annotations

from typing import NamedTuple

from gate.result import Finding


class Help(NamedTuple):
    """A rule's one-line name, what it checks, and what to do about a finding."""

    short: str
    full: str
    help: str


_RULES = {
    ("size", "max-changed-lines"): Help(
        "The change has more changed lines than the policy allows",
        "Added plus removed lines between the merge-base and head, excluded files not "
        "counted, against [size] max_changed_lines.",
        "Split the change into smaller ones that can be reviewed on their own (the report "
        "names the biggest files), or exclude generated files in [size] exclude.",
    ),
    ("size", "max-files"): Help(
        "The change touches more files than the policy allows",
        "Files changed between the merge-base and head against [size] max_files.",
        "Split the change; move mechanical edits (renames, formatting) to a change of their own.",
    ),
    ("complexity", "max-cc"): Help(
        "A new function is more complex than the policy allows",
        "Cyclomatic complexity (radon) of a function the change adds, against [complexity] max_cc.",
        "Split the function: extract the branches into helpers with names that say why.",
    ),
    ("complexity", "crossed-max-cc"): Help(
        "A function the change edited crossed the complexity limit",
        "An existing function went from at most [complexity] max_cc to above it.",
        "Undo the added branching or extract it into a helper function.",
    ),
    ("complexity", "cc-increase"): Help(
        "A function the change edited gained too much complexity",
        "An existing function's cyclomatic complexity rose by more than max_cc_increase.",
        "Extract the new branches into helpers, or simplify the function before extending it.",
    ),
    ("complexity", "mi-floor"): Help(
        "A file's maintainability index fell below the floor",
        "radon's maintainability index of a changed file against [complexity] min_mi.",
        "Shorten and simplify the file's functions; split the module.",
    ),
    ("complexity", "mi-drop"): Help(
        "A file's maintainability index dropped too far",
        "The change lowered a file's maintainability index by more than max_mi_drop.",
        "Simplify what the change added to the file, or split the module.",
    ),
    ("complexity", "improved"): Help(
        "A function the change edited got simpler",
        "An existing function's cyclomatic complexity fell: information, never blocking.",
        "Nothing to do: keep it that way.",
    ),
    ("ai", "max-share"): Help(
        "More of the change's added lines were written by AI agents than the policy allows",
        "The AI-written share of the added lines that survive at head, against [ai] max_share.",
        "Have a person rewrite or review the AI-written parts, or split them out.",
    ),
    ("certification", "review-required"): Help(
        "The change needs a certified human review it does not have",
        "A [certification] requirement fired (for example the AI share) and the platform's "
        "reviews or signed attestations do not meet it.",
        "Get an approving review of the head commit from a reviewer with write access, "
        "or a signature from an allowed signer (gate certify).",
    ),
    ("security", "suppression-added"): Help(
        "The change adds a nosemgrep comment",
        "A nosemgrep comment added by the change would hide a finding; the gate scans with "
        "suppressions disabled and reports it.",
        "Fix the code instead, or record a waiver in the trusted config with a reason.",
    ),
}
_NOT_ANALYSED = Help(
    "A changed file could not be analysed",
    "The check could not read or parse a changed file (syntax error, size limit, missing "
    "blob, LFS pointer), so it cannot vouch for it.",
    "Fix the file or fetch its blob; exclude generated files by name.",
)
_SEMGREP = Help(
    "",
    "Matches of this semgrep rule: the gate reports those the change introduces (its head "
    "has them, its merge-base did not; code that moved keeps its identity) and, as notes, "
    "those it fixes.",
    "Follow the advice in the finding's message, or waive it in the trusted config.",
)


def describe(f: Finding) -> Help:
    """The help of ``f``'s rule."""
    found = _RULES.get((f.check, f.rule))
    if found is not None:
        return found
    if f.rule in ("not-analysed", "base-not-analysed"):
        return _NOT_ANALYSED
    if f.check == "security":
        return _SEMGREP._replace(short=f"semgrep rule {f.rule}")
    words = f.rule.replace("-", " ").replace("_", " ")
    return Help(
        f"{f.check}: {words}",
        f"The {f.check} check's rule {f.rule} (the README's section on the {f.check} check).",
        "The finding's message says what was found and what to change.",
    )
