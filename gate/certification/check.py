"""The ``certification`` check: the review the trusted policy requires, proven or not.

It runs in the second stage (it ``needs`` the other checks' results), decides
which rules fire, and only then reads evidence: no API is called when nothing
requires a review. Sources: the platform's review API in CI (GitHub pull
request reviews, GitLab approvals) and reviewers' SSH signatures when the
trusted config names an allowed-signers file. Outside CI with neither, the
requirement is "unverified": a warning, or a failure under ``--strict``.
Commit text (``Reviewed-by:``, notes the author wrote) never certifies.
"""

from __future__ import annotations

from dataclasses import dataclass

from gate import __version__
from gate.certification import authors, codeowners, github, gitlab, requirements, signature
from gate.certification.evidence import Evidence
from gate.certification.facts import NEEDS, Facts, collect
from gate.certification.judge import NAME, Context, judge, skipped
from gate.certification.statement import repository_name
from gate.config import CertificationConfig
from gate.errors import ConfigError, GateError
from gate.inputs import Inputs
from gate.result import CheckResult
from gate.text import decode_path

# What CI services set (not all set CI: Jenkins, Azure Pipelines, TeamCity, CodeBuild):
# there a missing review is missing, never "unverified" as on a laptop.
CI_VARIABLES = (
    "CI",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "JENKINS_URL",
    "TF_BUILD",
    "TEAMCITY_VERSION",
    "CODEBUILD_BUILD_ID",
    "BUILDKITE",
    "CIRCLECI",
    "BITBUCKET_BUILD_NUMBER",
)


@dataclass(frozen=True)
class CertificationCheck:
    """The ``certification`` check, as :func:`gate.checks.registry` lists it."""

    name: str = NAME
    needs: tuple[str, ...] = NEEDS

    def run(self, inputs: Inputs) -> CheckResult:
        """Decide what is required; read the evidence only if something is."""
        cfg = inputs.config.certification
        change = inputs.change
        paths = tuple(dict.fromkeys(p for f in change.files for p in (f.old_path, f.new_path) if p))
        facts = collect(inputs.earlier, paths)
        owners = _codeowners(inputs) if any(r.codeowners for r in cfg.rule) else None
        reqs = requirements.required(cfg, facts, owners)
        if not reqs:
            return skipped(_why_not(cfg, facts))
        writers = authors.collect(inputs.git, change.head, change.merge_base, inputs.commits)
        names = tuple(
            dict.fromkeys(
                n
                for r in reqs
                for n in (*r.reviewers, *(o for owned in r.owned for o in owned.owners))
                if "/" in n
            )
        )
        evidence = _platform(inputs, cfg, writers, names) + _signatures(inputs, writers)
        in_ci = any(inputs.env.get(k) for k in CI_VARIABLES)
        unverified = "" if in_ci or evidence else "this run is outside CI with no review source"
        return judge(reqs, evidence, _context(inputs, unverified))


def _platform(
    inputs: Inputs, cfg: CertificationConfig, writers: authors.Authors, names: tuple[str, ...]
) -> tuple[Evidence, ...]:
    review, env, head = inputs.review, inputs.env, inputs.change.head
    if review.number is None:
        return ()
    if review.platform == "gitlab":
        project = review.repository or env.get("CI_PROJECT_ID", "")
        if not project:
            raise GateError("certification: no GitLab project (CI_PROJECT_ID, or --repo ID)")
        return (
            gitlab.evidence(
                gitlab.client(env),
                project,
                review.number,
                head,
                authors=writers,
                groups=names,
                accept_without_reset=cfg.accept_approvals_without_reset,
            ),
        )
    repo = review.repository or env.get("GITHUB_REPOSITORY", "")
    if not repo:
        raise GateError(
            "certification: no GitHub repository (GITHUB_REPOSITORY, or --repo OWNER/NAME)"
        )
    return (
        github.evidence(
            github.client(env), repo, review.number, head, authors=writers, teams=names
        ),
    )


def _signatures(inputs: Inputs, writers: authors.Authors) -> tuple[Evidence, ...]:
    if inputs.config.certification.allowed_signers is None:
        return ()
    # A principal is any text, not only an address: the authors' names and logins too.
    return (signature.evidence(inputs, writers.emails | writers.names | writers.logins),)


def _codeowners(inputs: Inputs) -> codeowners.CodeOwners:
    """The trusted revision's CODEOWNERS: a rule that asks for owners needs one."""
    at = inputs.trusted or inputs.change.base
    found = inputs.git.entries(at, list(codeowners.LOCATIONS))
    for name in codeowners.LOCATIONS:
        entry = found.get(name)
        if entry is not None and entry.kind == "blob":
            (data,) = inputs.git.cat_file([entry.sha])
            if data is None:
                raise GateError(f"{name} at {at[:12]}: its blob is missing from this clone")
            return codeowners.parse(decode_path(data), f"{name} at {at[:12]}")
    raise ConfigError(
        f"[certification] a rule sets codeowners = true and the target branch ({at[:12]}) "
        f"has no CODEOWNERS file ({', '.join(codeowners.LOCATIONS)})"
    )


def _why_not(cfg: CertificationConfig, facts: Facts) -> str:
    share = facts.ai_share
    if share is None:
        first = "nothing was added, so there is no AI share"
    else:
        first = f"AI share {share:.0%} is below {cfg.ai_share_at_least:.0%}"
    if cfg.min_approvals == 0:
        first = "[certification] min_approvals = 0"
    rules = f"; none of {len(cfg.rule)} rules fired" if cfg.rule else ""
    return first + rules


def _repository(inputs: Inputs) -> str:
    """The name a signed statement uses too: the CI variable, else the remote URL's path."""
    git = inputs.git
    remote = git.remote()
    url = git.remote_url(remote) if remote else None
    return repository_name(inputs.env, url, git.root) or ""


def _context(inputs: Inputs, unverified: str) -> Context:
    change = inputs.change
    return Context(
        repository=inputs.review.repository or _repository(inputs),
        base=change.base,
        head=change.head,
        merge_base=change.merge_base,
        config_sha256=inputs.config.digest,
        version=__version__,
        time=inputs.review.now,
        unverified=unverified,
        strict=inputs.review.strict,
    )
