"""A small JSON-over-HTTPS client for the platform APIs: reads, pages, writes (POST,
PATCH, PUT with a JSON body), and errors that say what to do.

Every failure is a GateError (exit 2): the review could not be verified, so
it is never a pass. A rate limit says when it resets; a 401 or 403 names the
permission to grant (``grant`` of the caller).
"""

from __future__ import annotations

import datetime
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from gate.errors import GateError
from gate.text import visible

_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="next"')
MAX_PAGES = 100  # 10,000 reviews at 100 a page: past that an API is misbehaving
TIMEOUT = 30
MAX_BYTES = 32 * 1024 * 1024  # a page of 100 reviews is well under 1 MB: more is not an answer


@dataclass(frozen=True)
class Client:
    """One API: its base URL, the headers of every call, and what a 403 asks to grant."""

    base: str
    headers: Mapping[str, str]
    grant: str

    def get(self, path: str) -> Any:
        """One call's JSON body."""
        body, _ = self._call(self._url(path))
        return body

    def pages(self, path: str) -> Iterator[Any]:
        """Every item of a paged list, following ``Link: rel="next"`` (GitHub and GitLab)."""
        url: str | None = self._url(path)
        for _ in range(MAX_PAGES):
            if url is None:
                return
            body, headers = self._call(url)
            if not isinstance(body, list):
                raise GateError(f"{self._show(url)}: expected a list, got {type(body).__name__}")
            yield from body
            found = _NEXT.search(headers.get("Link", ""))
            url = self._same_origin(found.group(1)) if found else None
        raise GateError(f"{self._show(path)}: more than {MAX_PAGES} pages")

    def find(self, path: str, absent: tuple[int, ...] = (404,)) -> Any:
        """One call's JSON body, or None when the API answers a status in ``absent`` (a 404:
        membership checks' "no"; a 403 too, for what some tokens may not ask)."""
        try:
            return self.get(path)
        except _Refused as exc:
            if exc.status in absent:
                return None
            raise

    def post(self, path: str, body: Mapping[str, Any]) -> Any:
        """Create: the JSON body sent, the API's JSON answer returned."""
        return self._call(self._url(path), "POST", body)[0]

    def patch(self, path: str, body: Mapping[str, Any]) -> Any:
        """Update in part (GitHub)."""
        return self._call(self._url(path), "PATCH", body)[0]

    def put(self, path: str, body: Mapping[str, Any]) -> Any:
        """Replace (GitLab's updates)."""
        return self._call(self._url(path), "PUT", body)[0]

    def _same_origin(self, url: str) -> str:
        # The token goes with every call: a next page elsewhere would be handed it.
        if urllib.parse.urlsplit(url)[:2] != urllib.parse.urlsplit(self.base)[:2]:
            raise GateError(f"{self._show(url)}: a next page outside {self._show(self.base)}")
        return url

    def _url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else self.base.rstrip("/") + path

    def _show(self, url: str) -> str:
        return visible(url.split("?", 1)[0])

    def _call(
        self, url: str, method: str = "GET", body: Mapping[str, Any] | None = None
    ) -> tuple[Any, Mapping[str, str]]:
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data, headers, method=method)  # noqa: S310
        try:
            with _OPENER.open(request, timeout=TIMEOUT) as response:
                data = response.read(MAX_BYTES + 1)
                headers = dict(response.headers.items())
        except urllib.error.HTTPError as exc:
            exc.close()  # its socket, which the error holds open otherwise
            raise self._error(url, exc) from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise GateError(f"{self._show(url)}: cannot reach the API: {reason}") from exc
        if len(data) > MAX_BYTES:
            raise GateError(f"{self._show(url)}: the API answered more than {MAX_BYTES} bytes")
        try:
            return json.loads(data), headers
        except ValueError as exc:
            raise GateError(f"{self._show(url)}: the API did not answer JSON") from exc

    def _error(self, url: str, exc: urllib.error.HTTPError) -> GateError:
        where = f"{self._show(url)}: HTTP {exc.code}"
        headers = exc.headers
        if exc.code == 404:
            return _Refused(404, f"{where}: not found, or the token cannot see it ({self.grant})")
        if exc.code == 429 or (exc.code == 403 and headers.get("X-RateLimit-Remaining") == "0"):
            return GateError(f"{where}: rate limited{_reset(headers)}; re-run the job then")
        if exc.code in (401, 403):
            return _Refused(exc.code, f"{where}: the token was refused; {self.grant}")
        return GateError(f"{where}: the API failed ({visible(str(exc.reason))})")


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Redirects are followed on the API's own origin only: urllib would hand the token on."""

    def redirect_request(self, req: urllib.request.Request, *rest: Any) -> Any:
        """The next request of a redirect on the same origin; a GateError for any other."""
        newurl: str = rest[-1]  # (fp, code, msg, headers, newurl), as urllib passes them
        if urllib.parse.urlsplit(newurl)[:2] != urllib.parse.urlsplit(req.full_url)[:2]:
            shown = visible(newurl.split("?", 1)[0])
            raise GateError(f"{visible(req.full_url.split('?', 1)[0])}: a redirect to {shown}")
        return super().redirect_request(req, *rest)


_OPENER = urllib.request.build_opener(_SameOrigin)


class _Refused(GateError):
    """A 404, 401 or 403: an error, unless the caller expects it as an answer (``find``)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _reset(headers: Any) -> str:
    retry = headers.get("Retry-After")
    if retry and retry.isdigit():
        return f" (retry after {retry} s)"
    reset = headers.get("X-RateLimit-Reset") or headers.get("RateLimit-Reset")
    if reset and reset.isdigit():
        at = datetime.datetime.fromtimestamp(int(reset), tz=datetime.timezone.utc)
        return f" until {at:%Y-%m-%d %H:%M:%S} UTC"
    return ""
