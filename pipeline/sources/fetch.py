"""Fetch web pages: ``threatnews fetch URLS_FILE -o DIR`` and URLs given to ``threatnews run``.

A polite, bounded fetcher over httpx: a few pages at a time, a delay between two requests to the same
host, timeouts, retries with doubling backoff after network errors and 429/5xx answers, a cap on the
body size, an overall deadline per URL (``fetch_deadline``: retries, redirects and a server that
drips its answer a byte at a time included) and an honest User-Agent. Only ``http``/``https``; a host
that resolves to a private, loopback, link-local or otherwise non-public address is refused unless
``settings.allow_private``. The host is checked again before every try and every redirect hop, and the
connection goes to an address that was checked (:mod:`pipeline.sources.guard`), never to whatever the
name resolves to a moment later.

``fetch_to_dir`` stores each page as ``ID.html.gz`` with a sidecar ``ID.fetch.json`` (url, final url,
status, fetch time, content type); the folder then reads as input to ``threatnews run``, which takes
the URL from the sidecar. URLs already fetched into the folder are skipped.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from pipeline.documents import Failed, Provenance, RawDocument
from pipeline.errors import Errors, InputError
from pipeline.settings import Settings
from pipeline.sources.charset import charset_from_content_type
from pipeline.sources.files import SIDECAR_SUFFIX, failed
from pipeline.sources.guard import (
    GuardedBackend,
    GuardedTransport,
    Resolver,
    check_url,
    dial_host,
    is_public,
    resolve,
)
from pipeline.sources.urls import is_url
from pipeline.sources.warc import HTML_CONTENT_TYPES, media_type
from pipeline.version import __version__

__all__ = ["Fetcher", "FetchResult", "check_url", "fetch_to_dir", "is_public", "is_url", "read_urls", "resolve"]

#: HTTP answers worth a retry.
RETRY_STATUSES: frozenset[int] = frozenset({408, 425, 429, 500, 502, 503, 504})
#: Redirects followed before giving up.
MAX_REDIRECTS = 5
#: Longest ``Retry-After`` honoured, in seconds.
MAX_RETRY_AFTER = 60.0
#: What ``fetch_to_dir`` writes for each page.
PAGE_SUFFIX = ".html.gz"


def url_id(url: str) -> str:
    """The file name stem of a fetched URL: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class FetchResult:
    """One URL's fetch: what the sidecar holds, plus the body (None when the fetch failed)."""

    url: str
    final_url: str | None = None
    status: int | None = None
    fetched_at: str | None = None
    content_type: str | None = None
    error: str | None = None
    body: bytes | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None and self.body is not None

    def sidecar(self) -> dict[str, object]:
        """The sidecar's JSON object (everything but the body)."""
        return {k: v for k, v in asdict(self).items() if k != "body"}


class _TooLarge(Exception):
    pass


def _deadline_error(seconds: float) -> InputError:
    return InputError(Errors.E013, f"not done within the {seconds:g}-second deadline for one URL (--deadline)")


class Fetcher:
    """Fetch URLs politely with one shared httpx client.

    Args:
        settings: concurrency, delays, timeouts, retries, size cap, User-Agent, allow_private.
        resolver: host → addresses (tests pass their own).
        transport: an httpx transport (tests may mock the network); by default a
            :class:`~pipeline.sources.guard.GuardedTransport`, which dials only checked addresses and
            keeps to the deadline inside every network step (a given transport gets neither: the
            deadline is then checked between the chunks of the body only).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        resolver: Resolver = resolve,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.resolver = resolver
        self.user_agent = settings.user_agent.replace("{version}", __version__)
        limits = httpx.Limits(max_connections=settings.fetch_concurrency * 2)
        self._backend: GuardedBackend | None = None
        if transport is None:
            self._backend = GuardedBackend(allow_private=settings.allow_private)
            transport = GuardedTransport(self._backend, limits)
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=False,
            headers={"User-Agent": self.user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"},
            limits=limits,
            transport=transport,
        )
        self._hosts: dict[str, threading.Lock] = {}
        self._next_at: dict[str, float] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_turn(self, host: str) -> None:
        """Hold back until ``fetch_host_delay`` has passed since the last request to ``host``."""
        with self._hosts_lock:
            lock = self._hosts.setdefault(host, threading.Lock())
        with lock:
            wait = self._next_at.get(host, 0.0) - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._next_at[host] = time.monotonic() + self.settings.fetch_host_delay

    def fetch(self, url: str) -> FetchResult:
        """Fetch one URL, following redirects and retrying transient failures, within ``fetch_deadline``.

        The host is checked before every try of every hop, and the try connects to the checked address.
        """
        fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
        deadline = time.monotonic() + self.settings.fetch_deadline
        current = url
        try:
            with self._backend.deadline(deadline) if self._backend else nullcontext():
                for _ in range(MAX_REDIRECTS + 1):
                    status, headers, body = self._get_with_retries(current, deadline)
                    location = headers.get("location")
                    if 300 <= status < 400 and location:
                        current = urljoin(current, location)
                        continue
                    content_type = headers.get("content-type")
                    result = FetchResult(url, current, status, fetched_at, content_type)
                    if not 200 <= status < 300:
                        return _with(result, error=f"HTTP status {status}")
                    if media_type(content_type) not in HTML_CONTENT_TYPES:
                        return _with(result, error=f"not HTML ({media_type(content_type) or 'no content type'})")
                    return _with(result, body=body)
            return FetchResult(url, current, None, fetched_at, error=f"more than {MAX_REDIRECTS} redirects")
        except InputError as exc:
            return FetchResult(url, current, None, fetched_at, error=exc.detail)

    def _get_with_retries(self, url: str, deadline: float) -> tuple[int, httpx.Headers, bytes]:
        """One GET, retried after network errors and 429/5xx answers; each try checks the host again.

        Raises:
            InputError: E013 when the host is refused, every try failed, the body is over the size cap
                or the deadline passed.
        """
        host = urlsplit(url).hostname or ""
        attempts = self.settings.fetch_retries + 1
        for attempt in range(attempts):
            addresses = check_url(url, allow_private=self.settings.allow_private, resolver=self.resolver)
            if self._backend is not None:
                self._backend.pin(dial_host(url), addresses)
            self._wait_turn(host)
            if time.monotonic() >= deadline:
                raise _deadline_error(self.settings.fetch_deadline)
            last = attempt == attempts - 1
            try:
                status, headers, body = self._get(url, deadline)
            except _TooLarge as exc:
                raise InputError(Errors.E013, str(exc)) from exc
            except httpx.HTTPError as exc:
                if time.monotonic() >= deadline:
                    raise _deadline_error(self.settings.fetch_deadline) from exc
                if last:
                    raise InputError(Errors.E013, f"{type(exc).__name__}: {exc}") from exc
                self._backoff(attempt, None, deadline)
                continue
            if status in RETRY_STATUSES and not last:
                self._backoff(attempt, headers.get("retry-after"), deadline)
                continue
            return status, headers, body
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int, retry_after: str | None, deadline: float) -> None:
        """Sleep before the next try; the deadline error at once when the sleep would pass the deadline."""
        delay = self.settings.fetch_backoff * (2**attempt)
        if retry_after and retry_after.strip().isdigit():
            delay = max(delay, min(float(retry_after), MAX_RETRY_AFTER))
        if time.monotonic() + delay >= deadline:
            raise _deadline_error(self.settings.fetch_deadline)
        if delay > 0:
            time.sleep(delay)

    def _get(self, url: str, deadline: float) -> tuple[int, httpx.Headers, bytes]:
        cap = self.settings.fetch_max_bytes
        with self._client.stream("GET", url) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise _TooLarge(f"body of {declared} bytes is over the {cap}-byte cap")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise _TooLarge(f"body over the {cap}-byte cap")
                if time.monotonic() >= deadline:
                    raise _deadline_error(self.settings.fetch_deadline)
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)

    def fetch_many(self, urls: Iterable[str]) -> Iterator[FetchResult]:
        """Fetch URLs ``fetch_concurrency`` at a time; results come in input order."""
        with ThreadPoolExecutor(max_workers=self.settings.fetch_concurrency) as pool:
            yield from pool.map(self.fetch, urls)


def _with(result: FetchResult, **changes: object) -> FetchResult:
    return FetchResult(**{**asdict(result), **changes})


def read_urls(path: Path) -> list[str]:
    """The URLs of a URLs file: one per line; blank lines and ``#`` comments ignored; duplicates once."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return list(dict.fromkeys(line for line in lines if line and not line.startswith("#")))


@dataclass
class FetchSummary:
    """What ``fetch_to_dir`` did."""

    fetched: int = 0
    skipped: int = 0
    failed: list[FetchResult] = field(default_factory=list)


def already_fetched(url: str, out_dir: Path) -> bool:
    """Whether ``url`` was fetched into ``out_dir`` before (a page and a sidecar without error)."""
    stem = url_id(url)
    sidecar = out_dir / f"{stem}{SIDECAR_SUFFIX}"
    if not (out_dir / f"{stem}{PAGE_SUFFIX}").is_file() or not sidecar.is_file():
        return False
    try:
        return json.loads(sidecar.read_text(encoding="utf-8")).get("error") is None
    except (OSError, ValueError):
        return False


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def fetch_to_dir(
    urls: Iterable[str], out_dir: Path, settings: Settings, *, fetcher: Fetcher | None = None
) -> FetchSummary:
    """Fetch ``urls`` into ``out_dir`` as ``ID.html.gz`` + ``ID.fetch.json``, skipping those already there.

    A failed fetch leaves a sidecar with its ``error`` (and no page), and is tried again next time.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = FetchSummary()
    todo = []
    for url in urls:
        if already_fetched(url, out_dir):
            summary.skipped += 1
        else:
            todo.append(url)
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        for result in fetcher.fetch_many(todo):
            stem = url_id(result.url)
            if result.ok:
                _write_atomic(out_dir / f"{stem}{PAGE_SUFFIX}", gzip.compress(result.body or b""))
                summary.fetched += 1
            else:
                summary.failed.append(result)
            sidecar = json.dumps(result.sidecar(), ensure_ascii=False, indent=1) + "\n"
            _write_atomic(out_dir / f"{stem}{SIDECAR_SUFFIX}", sidecar.encode("utf-8"))
    finally:
        if own:
            fetcher.close()
    return summary


def iter_url_documents(urls: Iterable[str], settings: Settings) -> Iterator[RawDocument | Failed]:
    """Fetch URLs (as ``threatnews run`` does for URL inputs) into documents, in memory."""
    urls = list(urls)
    if not urls:
        return
    with Fetcher(settings) as fetcher:
        for result in fetcher.fetch_many(urls):
            if not result.ok:
                yield failed(Provenance(url=result.url), InputError(Errors.E013, result.error or "no body"))
                continue
            charset = charset_from_content_type(result.content_type)
            yield RawDocument(
                provenance=Provenance(url=result.final_url or result.url),
                format="html",
                content=result.body or b"",
                hints={"charset": charset} if charset else {},
            )
