"""Where the fetcher may connect, and the connections that keep to it: the address check and a pinned dial.

:func:`check_url` resolves a URL's host and refuses it when any address is not public (unless private
addresses are allowed); it returns the addresses it checked. :class:`GuardedBackend` is the httpcore
network backend of the fetcher's transport: it dials only an address that was checked for the host in
this thread (the fetcher pins them before every try and every redirect hop), so a resolver that answers
a public address to the check and ``127.0.0.1`` to the connect (DNS rebinding) gets nowhere. The URL is
not rewritten: the Host header, TLS SNI and certificate checks and the connection pool all keep the
host name; only the TCP dial goes to the pinned address.

The backend also holds each thread's deadline: every connect, TLS handshake, read and write waits at
most until then, so a server that drips a byte at a time cannot hold a URL past it.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import httpcore
import httpx

from pipeline.errors import Errors, InputError
from pipeline.sources.urls import SCHEMES

#: URL schemes the fetcher accepts.

Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """The IP addresses a host name resolves to (all families)."""
    return sorted({info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})


def is_public(address: str) -> bool:
    """Whether an IP address is a public one (not private, loopback, link-local, reserved, multicast)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def dial_host(url: str) -> str:
    """The host name httpx dials for ``url`` (IDNA-encoded, lower case, no IPv6 brackets).

    Raises:
        InputError: E013 when httpx cannot read the URL.
    """
    try:
        return httpx.URL(url).raw_host.decode("ascii").lower()
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise InputError(Errors.E013, f"bad URL: {exc}") from exc


def check_url(url: str, *, allow_private: bool, resolver: Resolver = resolve) -> tuple[str, ...]:
    """Refuse a URL the fetcher must not request; the addresses checked for its host otherwise.

    Returns:
        Every address the host resolved to, all public (empty when ``allow_private``: nothing checked).

    Raises:
        InputError: E013 for a scheme other than http(s), no host, a host that does not resolve, or
            (unless ``allow_private``) a host with a non-public address.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise InputError(Errors.E013, f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}")
    host = dial_host(url) if parts.hostname else ""
    if not host:
        raise InputError(Errors.E013, "no host in URL")
    if allow_private:
        return ()
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        addresses = (host,) if _is_ip(host) else tuple(resolver(host, port))
    except (OSError, ValueError, UnicodeError) as exc:
        raise InputError(Errors.E013, f"cannot resolve {host}: {exc}") from exc
    if not addresses:
        raise InputError(Errors.E013, f"cannot resolve {host}: no address")
    for address in addresses:
        if not is_public(address):
            raise InputError(Errors.E013, f"{host} is a private or local address ({address}); see --allow-private")
    return addresses


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class GuardedBackend(httpcore.SyncBackend):
    """Dial only pinned (checked) addresses, and never wait past the thread's deadline.

    Args:
        allow_private: dial host names as they resolve, with nothing pinned (``--allow-private``).
    """

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._local = threading.local()

    def pin(self, host: str, addresses: Iterable[str]) -> None:
        """Let this thread's next connections to ``host`` dial only ``addresses`` (checked ones)."""
        self._local.pins = {host.lower(): tuple(addresses)}

    @contextmanager
    def deadline(self, at: float) -> Iterator[None]:
        """Within the block, no network step of this thread waits past ``at`` (``time.monotonic()``)."""
        self._local.deadline = at
        try:
            yield
        finally:
            self._local.deadline = None
            self._local.pins = {}

    def clamp(self, timeout: float | None, error: type[Exception]) -> float | None:
        """``timeout`` cut to what is left before this thread's deadline; ``error`` once it has passed."""
        at = getattr(self._local, "deadline", None)
        if at is None:
            return timeout
        left = at - time.monotonic()
        if left <= 0:
            raise error("the fetch deadline has passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        if self.allow_private:
            targets: tuple[str, ...] = (host,)
        else:
            targets = getattr(self._local, "pins", {}).get(host.lower().strip("[]"), ())
            if not targets:
                raise httpcore.ConnectError(f"{host} was not checked before connecting")
        last: Exception | None = None
        for target in targets:
            try:
                stream = super().connect_tcp(
                    target, port, self.clamp(timeout, httpcore.ConnectTimeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            return _DeadlineStream(stream, self)
        raise last or httpcore.ConnectError(f"no address to connect to for {host}")


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every step waits at most until the deadline of the thread using it."""

    def __init__(self, stream: httpcore.NetworkStream, backend: GuardedBackend) -> None:
        self._stream = stream
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._backend.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._backend.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):  # noqa: ANN001, ANN201  (httpcore's)
        timeout = self._backend.clamp(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout), self._backend)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport, over a connection pool that dials through a :class:`GuardedBackend`.

    Environment proxies are not used (a proxy would do its own resolving).
    """

    def __init__(self, backend: GuardedBackend, limits: httpx.Limits) -> None:
        super().__init__(limits=limits)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )
