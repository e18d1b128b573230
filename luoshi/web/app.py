"""The web app: server-rendered pages and the same data as JSON (``.json`` URLs).

Every page is a view function in ``luoshi.web.views`` returning a dict; the HTML
route renders it with Jinja (autoescaped: document text is untrusted input),
the ``.json`` route returns it. Writes need a login (forms, CSRF-checked) or a
bearer token (``/api/…``) and leave an audit row.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
from collections.abc import Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlencode

import jinja2
import orjson
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from luoshi import __version__
from luoshi.store import Ledger, LookupFailed
from luoshi.web import accounts, charts, docview, memo, models, views, writes
from luoshi.web.highlight import Mark, segments, snippet
from luoshi.web.i18n import LANGS, Labels, pick_lang, topic_labels, topic_options

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "luoshi_session"
SECRET_ENV = "LUOSHI_SECRET"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _dumps(content: Any) -> bytes:
    # UTF-8, so CJK stays readable (a third of the bytes of \\uXXXX escapes)
    return orjson.dumps(content, default=str, option=orjson.OPT_NON_STR_KEYS)


class JSON(JSONResponse):
    """Compact UTF-8 JSON by orjson (document pages are ~500 KB)."""

    def render(self, content: Any) -> bytes:
        return _dumps(content)


class SecurityHeaders:
    """Plain ASGI (cheaper than BaseHTTPMiddleware): headers on every response."""

    HEADERS: ClassVar[list[tuple[bytes, bytes]]] = [
        (b"content-security-policy", CSP.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
    ]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *self.HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name: all of them show ledger text
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.ChainableUndefined,
    )
    env.globals.update(
        topic_labels=topic_labels,
        topic_options=topic_options,
        version=__version__,
    )
    env.filters["tojson_pretty"] = lambda v: json.dumps(v, ensure_ascii=False, indent=1)
    return env


def _is_api(path: str) -> bool:
    return path.endswith((".json", ".csv")) or path.startswith("/api/")


def _safe_next(target: str | None) -> str:
    """Only local paths: never redirect a logged-in analyst to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


SERVE_DB_ENV = "LUOSHI_SERVE_DB"


def app_from_env() -> FastAPI:
    """The app for ``luoshi serve --workers N``: each worker process builds its own
    from the environment the command set (uvicorn imports it by name)."""
    return create_app(os.environ[SERVE_DB_ENV], secret=os.environ.get(SECRET_ENV))


def create_app(db_url: str, *, secret: str | None = None) -> FastAPI:
    """The app over the ledger at ``db_url`` (SQLite or PostgreSQL, migrated on open).

    ``secret`` signs session cookies; default ``$LUOSHI_SECRET``, else a random
    one per process (logins then last until the server restarts).
    """
    ledger = Ledger.open(db_url)
    env = _env()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):  # type: ignore[no-untyped-def]
        yield
        ledger.close()

    app = FastAPI(
        title="luoshi",
        version=__version__,
        summary="A ledger of commitments from diplomatic dialogue outcome documents.",
        description=(
            "Every page is also JSON at the same URL with a `.json` suffix "
            "(`/documents/d5100e2ba08.json`). Reading is open; writes under `/api/` need "
            "`Authorization: Bearer <token>` (`luoshi token create NAME`). See docs/web.md."
        ),
        docs_url=None,  # Swagger UI loads from a CDN; the schema is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ledger = ledger
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret or os.environ.get(SECRET_ENV) or secrets.token_urlsafe(32),
        session_cookie=SESSION_COOKIE,
        max_age=14 * 24 * 3600,
        same_site="lax",
    )
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    # -- helpers bound to this app ---------------------------------------------

    def analyst_of(request: Request) -> accounts.Analyst | None:
        uid = request.session.get("uid")
        if not isinstance(uid, int):
            return None
        with ledger.engine.connect() as conn:
            return accounts.user_by_id(conn, uid)

    def csrf_token(request: Request) -> str:
        token = request.session.get("csrf")
        if not isinstance(token, str):
            token = secrets.token_urlsafe(24)
            request.session["csrf"] = token
        return token

    def check_csrf(request: Request, form: Mapping[str, Any]) -> None:
        sent = form.get("csrf")
        expected = request.session.get("csrf")
        if not (isinstance(sent, str) and isinstance(expected, str)
                and hmac.compare_digest(sent, expected)):
            raise HTTPException(403, "the form's security token is missing or out of date; "
                                "reload the page and try again")

    def render(request: Request, template: str, data: Mapping[str, Any], *,
               status: int = 200, **extra: Any) -> HTMLResponse:
        asked = request.query_params.get("lang")
        lang = pick_lang(asked, request.cookies.get("lang"))
        labels = Labels(lang)
        analyst = analyst_of(request)

        def url_with(**changes: Any) -> str:
            params = dict(request.query_params)
            for k, v in changes.items():
                if v is None or v == "":
                    params.pop(k, None)
                else:
                    params[k] = str(v)
            return request.url.path + ("?" + urlencode(params) if params else "")

        def json_url() -> str:
            path = request.url.path.rstrip("/") or "/index"
            query = request.url.query
            return path + ".json" + ("?" + query if query else "")

        html = env.get_template(template).render(
            d=data, t=labels.t, pair=labels.pair, lang=lang, langs=LANGS,
            user=analyst, csrf=csrf_token(request) if analyst or template == "login.html"
            else "", path=request.url.path, url_with=url_with, json_url=json_url(),
            qs=request.query_params, **extra,
        )
        response = HTMLResponse(html, status_code=status)
        if asked in LANGS:
            response.set_cookie("lang", asked, max_age=365 * 24 * 3600, samesite="lax")
        return response

    def bearer(request: Request) -> accounts.Analyst:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(401, "this API write needs Authorization: Bearer <token>",
                                headers={"WWW-Authenticate": "Bearer"})
        with ledger.engine.begin() as conn:
            analyst = accounts.user_for_token(conn, token.strip())
        if analyst is None:
            raise HTTPException(401, "unknown or revoked token",
                                headers={"WWW-Authenticate": "Bearer"})
        return analyst

    # -- errors -------------------------------------------------------------------

    def error_response(request: Request, status: int, detail: str,
                       headers: Mapping[str, str] | None = None) -> Response:
        if _is_api(request.url.path):
            return JSON({"error": {"status": status, "detail": detail}}, status_code=status,
                        headers=dict(headers or {}))
        resp = render(request, "error.html", {"status": status, "detail": detail},
                      status=status)
        for k, v in (headers or {}).items():
            resp.headers[k] = v
        return resp

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return await run_in_threadpool(error_response, request, exc.status_code,
                                       str(exc.detail), exc.headers)

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        detail = str(getattr(exc, "detail", None) or "Not Found")
        if detail == "Not Found":  # the router's own words: say what was not found
            detail = f"nothing at {request.url.path}"
        return await run_in_threadpool(error_response, request, 404, detail)

    @app.exception_handler(views.NotFound)
    @app.exception_handler(LookupFailed)
    async def lookup_error(request: Request, exc: Exception) -> Response:
        return await run_in_threadpool(error_response, request, 404, str(exc))

    @app.exception_handler(writes.Invalid)
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: Exception) -> Response:
        detail = str(exc)
        if isinstance(exc, RequestValidationError):
            detail = "; ".join(
                f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}"
                for e in exc.errors()
            )
        return await run_in_threadpool(error_response, request, 400, detail)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> Response:
        return await run_in_threadpool(error_response, request, 400, str(exc))

    # -- pages: each HTML route and its .json twin ----------------------------------------
    # JSON routes are registered first: "/documents/{id}" would otherwise swallow
    # "/documents/x.json".

    R = models

    @app.get("/index.json", response_model=R.Home, tags=["pages"], summary="Home")
    @app.get("/.json", response_model=R.Home, include_in_schema=False)
    def home_json(as_of: str | None = None) -> Response:
        return JSON(views.home_page(ledger, as_of))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, as_of: str | None = None) -> Response:
        data = views.home_page(ledger, as_of)
        rows = [(m["name"], [(r["round"], r["date"], r["url"]) for r in m["rounds"]])
                for m in data["mechanisms"]]
        return render(request, "home.html", data, chart=charts.rounds_timeline(rows))

    @app.get("/documents.json", response_model=R.DocumentList, tags=["pages"],
             summary="Every document (latest version)")
    def documents_json() -> Response:
        return JSON(views.documents_page(ledger))

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents(request: Request) -> Response:
        return render(request, "documents.html", views.documents_page(ledger))

    @app.get("/documents/{doc}.json", response_model=R.DocumentPage, tags=["pages"],
             summary="One document: metadata, items with facts, defects, sources, copies",
             responses={404: {"model": R.ErrorResponse}})
    def document_json(doc: str, version: int | None = None) -> Response:
        return JSON(views.document_page(ledger, doc, version))

    @app.get("/documents/{doc}", response_class=HTMLResponse, include_in_schema=False)
    def document(request: Request, doc: str, version: int | None = None,
                 view: str = "original") -> Response:
        data = views.document_page(ledger, doc, version)
        view = view if view in ("original", "cleaned") else "original"
        sha = data["document"]["sha256"]

        def text_html() -> Markup:
            # derived from the version's content only (text, facts, defects): memoised
            # by its sha256, so it can never be stale
            if view == "original":
                segments = docview.original_segments(
                    data["original"] or "", data["items"], data["defects"])
                return Markup(env.get_template("_source.html").render(segments=segments))
            cleaned = [(it, docview.cleaned_segments(it), docview.defects_in(it, data["defects"]))
                       for it in data["items"]]
            return Markup(env.get_template("_cleaned.html").render(
                cleaned=cleaned, sections=data["sections"], defects=data["defects"]))

        extra = {"view": view,
                 "text_html": memo.remember(ledger, ("text-html", sha, view), text_html)}
        return render(request, "document.html", data, **extra)

    @app.get("/items/{key}.json", response_model=R.ItemPage, tags=["pages"],
             summary="One item: facts, thread across rounds with diffs, commitments",
             responses={404: {"model": R.ErrorResponse}})
    def item_json(key: str, as_of: str | None = None) -> Response:
        return JSON(views.item_page(ledger, key, as_of))

    @app.get("/items/{key}", response_class=HTMLResponse, include_in_schema=False)
    def item(request: Request, key: str, as_of: str | None = None) -> Response:
        data = views.item_page(ledger, key, as_of)
        return render(request, "item.html", data, text=docview.cleaned_segments(data["item"]),
                      statuses=views.STATUSES)

    def _int_param(request: Request, name: str) -> int | None:
        raw = request.query_params.get(name)
        if raw in (None, ""):
            return None
        try:
            return max(0, int(raw))
        except ValueError:
            raise HTTPException(400, f"{name} must be a whole number, not {raw!r}") from None

    def _tracker(request: Request, *, page: bool = False) -> dict[str, Any]:
        qp = request.query_params
        filters = views.clean_filters(qp)
        limit = _int_param(request, "limit")
        if page and limit is None:
            limit = views.PAGE
        return views.tracker_page(ledger, filters, qp.get("sort") or "due",
                                  qp.get("dir") == "desc",
                                  offset=_int_param(request, "offset") or 0, limit=limit)

    @app.get("/commitments.json", response_model=R.Tracker, tags=["pages"],
             summary="Commitment tracker, filtered and sorted",
             description="Query: status, topic, party, actor, round, due_from, due_to, as_of "
             "(ISO dates), sort (due|status|round|doc|topic|score), dir (asc|desc).")
    def tracker_json(request: Request) -> Response:
        return JSON(_tracker(request))

    @app.get("/commitments.csv", tags=["pages"], summary="Commitment tracker as CSV",
             response_class=Response,
             responses={200: {"content": {"text/csv": {}}}})
    def tracker_csv(request: Request) -> Response:
        data = _tracker(request)
        return Response(views.tracker_csv(data["rows"]), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="commitments.csv"'})

    @app.get("/commitments", response_class=HTMLResponse, include_in_schema=False)
    def tracker(request: Request) -> Response:
        data = _tracker(request, page=True)
        # exports carry every row of the filter, not just this page
        export_query = urlencode([(k, v) for k, v in request.query_params.multi_items()
                                  if k not in ("offset", "limit", "lang")])
        return render(request, "commitments.html", data, options=views.tracker_options(ledger),
                      export_query=export_query,
                      statuses=views.STATUSES, sorts=list(views.SORTS))

    @app.get("/commitments/{cid}.json", response_model=R.CommitmentPage, tags=["pages"],
             summary="One commitment with its overrides",
             responses={404: {"model": R.ErrorResponse}})
    def commitment_json(cid: str, as_of: str | None = None) -> Response:
        return JSON(views.commitment_page(ledger, cid, as_of))

    @app.get("/commitments/{cid}", response_class=HTMLResponse, include_in_schema=False)
    def commitment(request: Request, cid: str, as_of: str | None = None) -> Response:
        return render(request, "commitment.html", views.commitment_page(ledger, cid, as_of),
                      statuses=views.STATUSES)

    @app.get("/series.json", response_model=R.SeriesList, tags=["pages"],
             summary="Every recurring meeting series")
    def series_list_json(as_of: str | None = None) -> Response:
        return JSON(views.series_list_page(ledger, as_of))

    @app.get("/series", response_class=HTMLResponse, include_in_schema=False)
    def series_list(request: Request, as_of: str | None = None) -> Response:
        data = views.series_list_page(ledger, as_of)
        timelines = views.series_timelines(ledger, data["series"], as_of)
        chart = charts.series_overview([(s["name"], s["url"], occ) for s, occ
                                        in zip(data["series"], timelines, strict=True)])
        return render(request, "series_list.html", data, chart=chart)

    @app.get("/series/{ref:path}.json", response_model=R.SeriesPage, tags=["pages"],
             summary="One series: occurrences planned and held",
             responses={404: {"model": R.ErrorResponse}})
    def series_json(ref: str, as_of: str | None = None) -> Response:
        return JSON(views.series_page(ledger, ref, as_of))

    @app.get("/series/{ref:path}", response_class=HTMLResponse, include_in_schema=False)
    def series(request: Request, ref: str, as_of: str | None = None) -> Response:
        data = views.series_page(ledger, ref, as_of)
        chart = charts.series_chart(data["timeline"].get("occurrences", []))
        return render(request, "series.html", data, chart=chart)

    def _search(request: Request) -> dict[str, Any]:
        qp = request.query_params
        try:
            offset = max(0, int(qp.get("offset") or 0))
        except ValueError:
            offset = 0
        return views.search_page(ledger, qp.get("q") or "",
                                 {k: qp.get(k) for k in views.SEARCH_FACETS}, offset=offset)

    @app.get("/search.json", response_model=R.SearchPage, tags=["pages"],
             summary="Full-text search with facets",
             description="Query: q (words ANDed, \"phrases\", Simplified or Traditional), "
             "doc, topic, actor, status, offset.")
    def search_json(request: Request) -> Response:
        return JSON(_search(request))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request) -> Response:
        data = _search(request)
        snippets = [
            # the search layer's own snippet when it says where the matches are in it
            segments(h["snippet"], [Mark(a, b, "match") for a, b in h["snippet_marks"]])
            if h.get("snippet") and isinstance(h.get("snippet_marks"), list)
            else snippet(h.get("text") or "", h.get("marks") or [])
            for h in data["hits"]
        ]
        return render(request, "search.html", data, snippets=snippets)

    @app.get("/audit.json", response_model=R.AuditPage, tags=["pages"],
             summary="Every write, newest first")
    def audit_json() -> Response:
        with ledger.engine.connect() as conn:
            return JSON({"entries": accounts.audit_rows(conn)})

    @app.get("/audit", response_class=HTMLResponse, include_in_schema=False)
    def audit(request: Request) -> Response:
        with ledger.engine.connect() as conn:
            rows = accounts.audit_rows(conn)
        return render(request, "audit.html", {"entries": rows})

    # -- login --------------------------------------------------------------------------

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_form(request: Request, next: str = "/") -> Response:
        return render(request, "login.html", {"next": _safe_next(next), "failed": False})

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await request.form()
        check_csrf(request, form)
        name, password = str(form.get("name") or ""), str(form.get("password") or "")
        target = _safe_next(str(form.get("next") or "/"))

        def attempt() -> accounts.Analyst | None:
            with ledger.engine.connect() as conn:
                return accounts.authenticate(conn, name, password)

        analyst = await run_in_threadpool(attempt)
        if analyst is None:
            return await run_in_threadpool(
                render, request, "login.html", {"next": target, "failed": True}, status=401)
        request.session.clear()  # a fresh session (and CSRF token) for the logged-in analyst
        request.session["uid"] = analyst.id
        request.session["csrf"] = secrets.token_urlsafe(24)
        return RedirectResponse(target, status_code=303)

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        form = await request.form()
        check_csrf(request, form)
        request.session.clear()
        return RedirectResponse("/", status_code=303)

    # -- writes: forms (session + CSRF) and API (bearer token) ----------------------------

    async def form_write(request: Request,
                         work: Callable[[accounts.Analyst, Mapping[str, Any]], Any],
                         back: str) -> Response:
        form = await request.form()
        analyst = await run_in_threadpool(analyst_of, request)
        if analyst is None:
            raise HTTPException(401, "log in to change the ledger")
        check_csrf(request, form)
        await run_in_threadpool(work, analyst, form)
        return RedirectResponse(_safe_next(str(form.get("next") or back)), status_code=303)

    @app.post("/commitments/{cid}/override", include_in_schema=False)
    async def override_form(request: Request, cid: str) -> Response:
        def work(analyst: accounts.Analyst, form: Mapping[str, Any]) -> Any:
            return writes.override(ledger, cid, analyst, status=str(form.get("status") or ""),
                                   note=str(form.get("note") or ""),
                                   source=str(form.get("source") or ""),
                                   as_of=str(form.get("as_of") or "") or None)

        return await form_write(request, work, f"/commitments/{cid}")

    @app.post("/items/{key}/correct", include_in_schema=False)
    async def correct_form(request: Request, key: str) -> Response:
        def work(analyst: accounts.Analyst, form: Mapping[str, Any]) -> Any:
            return writes.correct(ledger, key, analyst,
                                  {"title": form.get("title"), "topic": form.get("topic")})

        return await form_write(request, work, f"/items/{key}")

    @app.post("/api/commitments/{cid}/overrides", response_model=R.WriteResult,
              status_code=201, tags=["writes"], summary="Override a commitment's status",
              responses={401: {"model": R.ErrorResponse}, 404: {"model": R.ErrorResponse},
                         400: {"model": R.ErrorResponse}})
    def override_api(request: Request, cid: str, body: models.OverrideIn) -> Response:
        analyst = bearer(request)
        out = writes.override(ledger, cid, analyst, status=body.status, note=body.note,
                              source=body.source)
        return JSON(out, status_code=201)

    @app.post("/api/items/{key}/corrections", response_model=R.WriteResult, status_code=201,
              tags=["writes"], summary="Correct an item's title or topic",
              responses={401: {"model": R.ErrorResponse}, 404: {"model": R.ErrorResponse},
                         400: {"model": R.ErrorResponse}})
    def correct_api(request: Request, key: str, body: models.CorrectionIn) -> Response:
        analyst = bearer(request)
        return JSON(writes.correct(ledger, key, analyst, body.model_dump()), status_code=201)

    return app
