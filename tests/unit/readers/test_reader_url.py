"""http(s) reading against a local server on 127.0.0.1 (never the network)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from reader_helpers import FICTION
from transforms import render_html, render_pdf

from luoshi.errors import InputError
from luoshi.readers import read, url

BIG = 2 * 1024 * 1024

ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/page.html": (200, {"Content-Type": "text/html; charset=utf-8"}, render_html(FICTION)),
    "/doc": (200, {"Content-Type": "application/pdf"}, render_pdf(FICTION)),
    "/gbk.txt": (200, {"Content-Type": "text/plain; charset=gbk"}, FICTION.encode("gbk")),
    "/liar.pdf": (200, {"Content-Type": "application/pdf"}, render_html(FICTION)),
    "/redirect": (302, {"Location": "/page.html"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/declared-big": (200, {"Content-Type": "text/plain", "Content-Length": str(BIG)}, b""),
    "/empty": (200, {"Content-Type": "text/plain"}, b""),
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # no keep-alive: a body without length ends at close

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/stream-big":
            self._stream_big()
            return
        status, headers, body = ROUTES.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._write(body)

    def _stream_big(self) -> None:
        # no Content-Length: the reader must stop at its cap while streaming
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        chunk = ("虚构" * 5000).encode()
        for _ in range(BIG // len(chunk) + 2):
            if not self._write(chunk):
                return

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            return True
        except (BrokenPipeError, ConnectionResetError):
            return False  # the client stopped reading, as it should past the cap


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _error(target: str, **kw: int) -> InputError:
    with pytest.raises(InputError) as err:
        read(target, **kw)
    return err.value


def test_html_page(base: str) -> None:
    raw = read(f"{base}/page.html")
    assert raw.source.path == f"{base}/page.html"
    assert (raw.source.format, raw.source.encoding) == ("html", "utf-8")
    assert "2、海洋合作：双方决定联合开展珊瑚礁健康调查" in raw.body.text


def test_content_type_picks_the_reader_without_an_extension(base: str) -> None:
    raw = read(f"{base}/doc")
    assert raw.source.format == "pdf"
    assert raw.warnings == []


def test_http_charset_is_used(base: str) -> None:
    raw = read(f"{base}/gbk.txt")
    assert raw.body.text == FICTION
    assert raw.source.encoding == "gb18030"


def test_content_type_that_lies_is_a_mislabel(base: str) -> None:
    raw = read(f"{base}/liar.pdf")
    assert (raw.source.format, raw.source.declared_format) == ("html", "pdf")
    assert raw.warnings[0] == f"{base}/liar.pdf: mislabelled: content is HTML, read as HTML"


def test_redirects_are_followed_and_where_is_the_url_given(base: str) -> None:
    raw = read(f"{base}/redirect")
    assert raw.source.path == f"{base}/redirect"
    assert raw.source.format == "html"


def test_http_errors(base: str) -> None:
    err = _error(f"{base}/missing")
    assert str(err) == f"{base}/missing: HTTP 404 Not Found"
    assert "too many redirects" in _error(f"{base}/loop").problem
    assert _error(f"{base}/empty").problem == "empty file"


def test_size_cap_by_content_length(base: str) -> None:
    err = _error(f"{base}/declared-big", max_bytes=1024 * 1024)
    assert err.problem == "response is over the 1 MB limit (raise it with --max-bytes)"


def test_size_cap_while_streaming(base: str) -> None:
    err = _error(f"{base}/stream-big", max_bytes=1024 * 1024)
    assert err.problem == "response is over the 1 MB limit (raise it with --max-bytes)"


def test_timeout(base: str) -> None:
    with pytest.raises(InputError) as err:
        url.fetch(f"{base}/slow", max_bytes=1000, timeout=httpx.Timeout(0.3))
    assert err.value.problem == "timed out"


def test_connection_refused() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    err = _error(f"http://127.0.0.1:{port}/x")
    assert err.problem.startswith("cannot connect")
    assert "\n" not in str(err)


def test_is_url() -> None:
    assert url.is_url("https://example.org/a.pdf")
    assert url.is_url("HTTP://example.org")
    assert not url.is_url("/tmp/a.txt")
    assert not url.is_url("ftp://example.org/a.txt")
