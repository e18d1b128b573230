"""Fetch an http(s) URL with a timeout and a byte cap; the bytes go to read_bytes."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from luoshi.errors import InputError
from luoshi.readers._common import format_limit

TIMEOUT = httpx.Timeout(30.0, connect=10.0)
MAX_REDIRECTS = 10
USER_AGENT = "luoshi/0.1 (+document reader)"
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    content_type: str | None
    url: str  # after redirects: its path is the name hint


def is_url(target: str) -> bool:
    return urlsplit(target).scheme.lower() in ("http", "https")


def _too_big(where: str, max_bytes: int) -> InputError:
    return InputError(
        where, f"response is over the {format_limit(max_bytes)} limit (raise it with --max-bytes)"
    )


def _body(resp: httpx.Response, where: str, max_bytes: int) -> bytes:
    """Stream the body, stopping as soon as it passes the cap: memory stays bounded."""
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_big(where, max_bytes)
    chunks: list[bytes] = []
    total = 0
    for chunk in resp.iter_bytes(_CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise _too_big(where, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _network_problem(exc: httpx.HTTPError) -> str:
    """One line that says what went wrong, without the library's traceback."""
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.TooManyRedirects):
        return f"too many redirects (more than {MAX_REDIRECTS})"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {exc}" if str(exc) else "cannot connect"
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return f"invalid URL: {exc}"
    reason = str(exc) or type(exc).__name__
    return f"network error: {reason}"


def fetch(target: str, *, max_bytes: int, timeout: httpx.Timeout = TIMEOUT) -> Fetched:
    """GET ``target`` following redirects; HTTP errors and network failures are InputErrors."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/pdf,*/*;q=0.8"}
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=timeout,
                headers=headers,
            ) as client,
            client.stream("GET", target) as resp,
        ):
            if resp.status_code >= 400:
                raise InputError(target, f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
            data = _body(resp, target, max_bytes)
            return Fetched(data, resp.headers.get("content-type"), str(resp.url))
    except httpx.InvalidURL as exc:
        raise InputError(target, f"invalid URL: {exc}") from None
    except httpx.HTTPError as exc:
        raise InputError(target, _network_problem(exc).splitlines()[0]) from None
    except (httpx.StreamError, ValueError, UnicodeError, OSError) as exc:
        # the URL or the connection was bad in a way httpx does not wrap
        raise InputError(target, f"cannot fetch: {exc}".splitlines()[0]) from None
