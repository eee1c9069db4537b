"""Where the repository's pages are, from the CI environment: the base of file links.

GitHub Actions: ``$GITHUB_SERVER_URL/$GITHUB_REPOSITORY`` (GitHub Enterprise has its
own server); GitLab CI: ``$CI_PROJECT_URL``. A value that is not a plain http(s)
URL gives no links rather than a link that could carry Markdown.
"""

from __future__ import annotations

import re

from gate.ci import Env
from gate.result import Platform, Web

# No whitespace, no quotes, and nothing that could close a Markdown link or an HTML tag.
_URL = re.compile(r"https?://[^\s\"'<>()\[\]`\\]+")


def web(env: Env) -> Web | None:
    """The repository's web address on the platform running this job, or None."""
    if env.get("GITHUB_ACTIONS") == "true":
        server = env.get("GITHUB_SERVER_URL") or "https://github.com"
        repo = env.get("GITHUB_REPOSITORY", "")
        url = f"{server.rstrip('/')}/{repo}" if repo else ""
        return _checked(url, "github")
    if env.get("GITLAB_CI") == "true":
        return _checked(env.get("CI_PROJECT_URL", "").rstrip("/"), "gitlab")
    return None


def _checked(url: str, platform: Platform) -> Web | None:
    return Web(url, platform) if _URL.fullmatch(url) else None
