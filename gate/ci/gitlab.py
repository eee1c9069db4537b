"""GitLab CI: merge request pipelines and branch pipelines.

``CI_MERGE_REQUEST_DIFF_BASE_SHA`` is the merge-base GitLab computed. In a
merged-results pipeline ``CI_COMMIT_SHA`` is an ephemeral merge commit and the
MR head is ``CI_MERGE_REQUEST_SOURCE_BRANCH_SHA``. ``CI_COMMIT_BEFORE_SHA`` is
all zeros in MR pipelines and on new branches.
"""

from __future__ import annotations

from gate.ci import Env, Target, branch_refspec
from gate.git import is_null_sha


def target(env: Env) -> Target | None:
    """The revisions a GitLab merge request or branch pipeline names; None outside GitLab CI."""
    if env.get("GITLAB_CI") != "true":
        return None
    head = env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA") or env.get("CI_COMMIT_SHA") or "HEAD"
    iid = env.get("CI_MERGE_REQUEST_IID")
    if iid:
        branch = env.get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "")
        refspecs = (branch_refspec(branch),) if branch else ()
        base = env.get("CI_MERGE_REQUEST_DIFF_BASE_SHA") or (
            f"refs/remotes/origin/{branch}" if branch else None
        )
        return Target(
            base=base,
            head=head,
            platform="gitlab",
            refspecs=refspecs,
            source=f"GitLab merge request !{iid}: diff base with {branch or '?'}",
            expect_change=True,
            number=int(iid) if iid.isdigit() else None,
            trusted=f"refs/remotes/origin/{branch}" if branch else None,
        )
    before = env.get("CI_COMMIT_BEFORE_SHA")
    if not is_null_sha(before):
        return Target(
            base=before, head=head, source="GitLab push: the previous tip", platform="gitlab"
        )
    default = env.get("CI_DEFAULT_BRANCH")
    if default:
        return Target(
            base=f"refs/remotes/origin/{default}",
            head=head,
            platform="gitlab",
            source=f"GitLab pipeline: merge-base with {default}",
            refspecs=(branch_refspec(default),),
        )
    return None
