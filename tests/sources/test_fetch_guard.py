"""The fetcher's guard against DNS rebinding, and its per-URL deadline, against servers on 127.0.0.1.

Name resolution is stubbed (``socket.getaddrinfo``): a ``.test`` host answers a public address to the
first lookup and ``127.0.0.1`` to the next ones, as a rebinding resolver would. No test reaches the
network: a dial to the public address is carried to a "public" server on 127.0.0.1, any other
non-local dial is refused.
"""

import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpcore
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.settings import Settings
from pipeline.sources.fetch import Fetcher
from pipeline.sources.guard import GuardedBackend

PUBLIC = "93.184.216.34"
PUBLIC_PAGE = b"<html><body><p>The public page.</p></body></html>"
INTERNAL_PAGE = b"<html><body><p>INTERNAL secret page.</p></body></html>"
STORY = b"<html><body><p>A story.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        self.server.hits.append(self.path)
        route = self.server.routes.get(self.path)
        if route is None:
            self._send(404, b"not here")
        else:
            route(self)


def _serve(routes):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.routes, httpd.hits = routes, []
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return httpd


@pytest.fixture
def net(monkeypatch):
    """An internal server, a "public" one, and a stub resolver: ``net.answers[host]`` is used up in order."""

    class Net:
        answers: dict[str, list[str]] = {}
        dials: list[str] = []

    public = _serve({})
    internal = _serve(
        {"/page": lambda h: h._send(200, INTERNAL_PAGE), "/secret": lambda h: h._send(200, INTERNAL_PAGE)}
    )
    net = Net()
    net.public, net.internal = public, internal
    net.port = internal.server_address[1]
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection

    def getaddrinfo(host, port, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".test"):
            answers = net.answers[host]
            address = answers.pop(0) if len(answers) > 1 else answers[0]
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        host, port = address[:2]
        net.dials.append(host)
        if host.endswith(".test"):  # dialled by name: resolved here too, so the dial cannot escape
            host = getaddrinfo(host, port)[0][4][0]
        if host == PUBLIC:
            return real_connect(("127.0.0.1", public.server_address[1]), *args, **kwargs)
        if host == "127.0.0.1":
            return real_connect((host, port), *args, **kwargs)
        raise ConnectionRefusedError(f"tests do not reach the network ({host})")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    yield net
    for httpd in (public, internal):
        httpd.shutdown()
        httpd.server_close()


def _settings(**changes):
    return Settings(**{"fetch_host_delay": 0, "fetch_backoff": 0, "fetch_retries": 2, **changes})


def test_fetch_guard_connects_to_the_checked_address_not_a_rebound_one(net):
    net.answers["rebind.test"] = [PUBLIC, "127.0.0.1"]
    net.public.routes["/page"] = lambda h: h._send(200, PUBLIC_PAGE)
    with Fetcher(_settings()) as fetcher:
        result = fetcher.fetch(f"http://rebind.test:{net.port}/page")
    assert net.internal.hits == [] and net.dials == [PUBLIC]
    assert result.ok and result.body == PUBLIC_PAGE


def test_fetch_guard_https_dials_the_checked_address_with_sni_on_the_host_name(net, monkeypatch):
    handshakes = []

    def start_tls(stream, ssl_context, server_hostname=None, timeout=None):
        handshakes.append((server_hostname, ssl_context.check_hostname, ssl_context.verify_mode))
        raise httpcore.ConnectError("no TLS in this test")

    monkeypatch.setattr(httpcore._backends.sync.SyncStream, "start_tls", start_tls)
    net.answers["rebind.test"] = [PUBLIC, "127.0.0.1"]
    with Fetcher(_settings(fetch_retries=0)) as fetcher:
        result = fetcher.fetch(f"https://rebind.test:{net.port}/page")
    assert net.dials == [PUBLIC] and net.internal.hits == []
    assert handshakes == [("rebind.test", True, ssl.CERT_REQUIRED)]
    assert not result.ok and "no TLS in this test" in result.error


def test_fetch_guard_checks_again_before_a_retry(net):
    net.answers["rebind.test"] = [PUBLIC, "127.0.0.1"]
    net.public.routes["/page"] = lambda h: h._send(503, b"busy", headers=[("Retry-After", "0")])
    with Fetcher(_settings()) as fetcher:
        result = fetcher.fetch(f"http://rebind.test:{net.port}/page")
    assert net.internal.hits == [] and net.public.hits == ["/page"]
    assert not result.ok and "private or local" in result.error


def test_fetch_guard_checks_and_pins_every_redirect_hop(net):
    net.answers["news.test"] = [PUBLIC]
    net.answers["other.test"] = [PUBLIC, "127.0.0.1"]
    target = f"http://other.test:{net.port}/secret"
    net.public.routes["/page"] = lambda h: h._send(302, headers=[("Location", target)])
    net.public.routes["/secret"] = lambda h: h._send(200, PUBLIC_PAGE)
    with Fetcher(_settings()) as fetcher:
        result = fetcher.fetch(f"http://news.test:{net.port}/page")
    assert net.internal.hits == [] and net.public.hits == ["/page", "/secret"]
    assert result.ok and result.final_url == target and result.body == PUBLIC_PAGE


def test_fetch_guard_refused_redirect_to_a_private_address(net):
    net.answers["news.test"] = [PUBLIC]
    net.public.routes["/page"] = lambda h: h._send(302, headers=[("Location", f"http://127.0.0.1:{net.port}/secret")])
    with Fetcher(_settings()) as fetcher:
        result = fetcher.fetch(f"http://news.test:{net.port}/page")
    assert net.internal.hits == [] and not result.ok and "private or local" in result.error


def test_fetch_guard_internal_page_only_with_allow_private(net, tmp_path, monkeypatch):
    monkeypatch.setenv("THREATNEWS_FETCH_BACKOFF", "0")
    urls = tmp_path / "urls.txt"
    urls.write_text(f"http://rebind.test:{net.port}/page\n", encoding="utf-8")
    net.answers["rebind.test"] = [PUBLIC, "127.0.0.1"]
    net.public.routes["/page"] = lambda h: h._send(503, b"busy")
    refused = CliRunner().invoke(app, ["fetch", str(urls), "-o", str(tmp_path / "a"), "--delay", "0"])
    assert refused.exit_code == 1 and "private or local" in refused.output and net.internal.hits == []
    net.answers["rebind.test"] = ["127.0.0.1"]
    allowed = CliRunner().invoke(
        app, ["fetch", str(urls), "-o", str(tmp_path / "b"), "--delay", "0", "--allow-private"]
    )
    assert allowed.exit_code == 0, allowed.output
    assert net.internal.hits == ["/page"]


def test_fetch_guard_backend_refuses_a_host_that_was_not_checked():
    backend = GuardedBackend(allow_private=False)
    with pytest.raises(httpcore.ConnectError, match="not checked"):
        backend.connect_tcp("unchecked.test", 80, timeout=1)


# The deadline: a server that drips its answer a byte at a time cannot hold a URL.


def _drip_body(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    _drip(handler)


def _drip_headers(handler):
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Drip: ")
    _drip(handler)


def _drip(handler):
    """A byte every 0.2 s; gives up after 12 s (so the fetcher before the fix ended too) or when hung up on."""
    try:
        for _ in range(60):
            handler.wfile.write(b"x")
            time.sleep(0.2)
    except OSError:
        handler.close_connection = True


@pytest.fixture
def drip():
    httpd = _serve(
        {
            "/drip-body": _drip_body,
            "/drip-headers": _drip_headers,
            "/story": lambda h: h._send(200, STORY),
            "/later": lambda h: h._send(503, b"busy", headers=[("Retry-After", "30")]),
        }
    )
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_fetch_deadline_ends_a_dripping_url_and_the_run_goes_on(drip, path):
    settings = _settings(allow_private=True, fetch_timeout=5, fetch_deadline=1.0)
    started = time.monotonic()
    with Fetcher(settings) as fetcher:
        dripping, story = fetcher.fetch_many([f"{drip}{path}", f"{drip}/story"])
    assert time.monotonic() - started < 4
    assert not dripping.ok and "1-second deadline" in dripping.error
    assert story.ok and story.body == STORY


def test_fetch_deadline_does_not_sleep_past_it_for_a_retry(drip):
    settings = _settings(allow_private=True, fetch_deadline=2.0)
    started = time.monotonic()
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(f"{drip}/later")
    assert time.monotonic() - started < 1.5
    assert not result.ok and "deadline" in result.error


def test_fetch_deadline_cli_flag(drip, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{drip}/drip-body\n{drip}/story\n", encoding="utf-8")
    args = ["fetch", str(urls), "-o", str(tmp_path / "pages"), "--allow-private", "--delay", "0", "--deadline", "1"]
    started = time.monotonic()
    result = CliRunner().invoke(app, args)
    assert time.monotonic() - started < 4
    assert result.exit_code == 1 and "1 fetched" in result.output
    assert "1-second deadline" in result.output
    assert Settings().fetch_deadline == 120
