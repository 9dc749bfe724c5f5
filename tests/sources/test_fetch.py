"""The fetcher and ``threatnews fetch``, against a server these tests start on 127.0.0.1."""

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.documents import Failed, RawDocument
from pipeline.errors import InputError
from pipeline.settings import Settings
from pipeline.sources import iter_documents
from pipeline.sources.fetch import Fetcher, check_url, fetch_to_dir, is_public, read_urls

PAGE = "<html><head><meta charset='utf-8'><title>Story</title></head><body><p>Café “quoted”.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    agents: list[str] = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802  (http.server's name)
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        Handler.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/story":
            self._send(200, PAGE.encode("utf-8"))
        elif self.path == "/moved":
            self._send(301, headers=[("Location", "/story")])
        elif self.path == "/flaky":
            if Handler.hits[self.path] == 1:
                self._send(503, b"busy", headers=[("Retry-After", "0")])
            else:
                self._send(200, PAGE.encode("utf-8"))
        elif self.path == "/big":
            self._send(200, b"<p>" + b"x" * 5000 + b"</p>")
        elif self.path == "/image":
            self._send(200, b"\x89PNG", content_type="image/png")
        else:
            self._send(404, b"not here")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def settings():
    return Settings(allow_private=True, fetch_host_delay=0, fetch_backoff=0, fetch_retries=2, fetch_max_bytes=4000)


def test_fetch_page_with_sidecar_and_skip_on_second_run(server, settings, tmp_path):
    urls = [f"{server}/story", f"{server}/moved"]
    summary = fetch_to_dir(urls, tmp_path, settings)
    assert (summary.fetched, summary.skipped, summary.failed) == (2, 0, [])
    sidecars = sorted(tmp_path.glob("*.fetch.json"))
    pages = sorted(tmp_path.glob("*.html.gz"))
    assert len(sidecars) == len(pages) == 2
    metas = {m["url"]: m for m in (json.loads(p.read_text()) for p in sidecars)}
    moved = metas[f"{server}/moved"]
    assert moved["final_url"] == f"{server}/story" and moved["status"] == 200
    assert moved["content_type"].startswith("text/html") and moved["fetched_at"] and moved["error"] is None
    assert gzip.decompress(pages[0].read_bytes()).decode("utf-8") == PAGE
    again = fetch_to_dir(urls, tmp_path, settings)
    assert (again.fetched, again.skipped) == (0, 2)
    assert all(agent.startswith("threatnews/") for agent in Handler.agents)


def test_fetch_folder_reads_back_with_urls(server, settings, tmp_path):
    fetch_to_dir([f"{server}/story"], tmp_path, settings)
    [doc] = iter_documents([tmp_path])
    assert isinstance(doc, RawDocument) and doc.provenance.url == f"{server}/story"


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/missing", "HTTP status 404"), ("/image", "not HTML"), ("/big", "cap")],
)
def test_fetch_failures_are_reported_not_raised(server, settings, path, reason):
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(f"{server}{path}")
    assert not result.ok and reason in result.error


def test_fetch_retries_after_503(server, settings):
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(f"{server}/flaky")
    assert result.ok and result.status == 200 and Handler.hits["/flaky"] == 2


def test_fetch_refuses_private_addresses_unless_allowed(server, tmp_path):
    summary = fetch_to_dir([f"{server}/story"], tmp_path, Settings(fetch_host_delay=0, fetch_retries=0))
    [failed] = summary.failed
    assert "private or local" in failed.error and not list(tmp_path.glob("*.html.gz"))


@pytest.mark.parametrize("url", ["ftp://a.example/x", "file:///etc/passwd", "http:///nohost"])
def test_fetch_only_http_urls_with_a_host(url):
    with pytest.raises(InputError):
        check_url(url, allow_private=True)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fe80::1", False),
        ("::ffff:192.168.0.1", False),
        ("93.184.216.34", True),
    ],
)
def test_fetch_public_address_check(address, public):
    assert is_public(address) is public


def test_fetch_host_names_are_resolved_before_the_check():
    with pytest.raises(InputError):
        check_url("http://intranet.example/", allow_private=False, resolver=lambda host, port: ["10.0.0.5"])
    check_url("http://news.example/", allow_private=False, resolver=lambda host, port: ["93.184.216.34"])


def test_fetch_run_inputs_accept_urls(server, settings):
    items = list(iter_documents([f"{server}/story", f"{server}/missing"], settings))
    assert isinstance(items[0], RawDocument) and items[0].provenance.url == f"{server}/story"
    assert isinstance(items[1], Failed) and items[1].error_type == "fetch"


def test_fetch_cli_downloads_into_folder(server, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# sources\n{server}/story\n\n{server}/story\n", encoding="utf-8")
    assert read_urls(urls) == [f"{server}/story"]
    result = CliRunner().invoke(
        app, ["fetch", str(urls), "-o", str(tmp_path / "pages"), "--allow-private", "--delay", "0"]
    )
    assert result.exit_code == 0, result.output
    assert "1 fetched" in result.output and len(list((tmp_path / "pages").glob("*.html.gz"))) == 1
