"""``luoshi serve`` (the web app and JSON API) and the analysts' accounts:
``luoshi user add NAME`` and ``luoshi token create NAME``."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from luoshi.cli import DbOption, _guard, _open_ledger, error


def _write_line(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def register(app: typer.Typer) -> None:
    @app.command("serve")
    @_guard
    def serve_cmd(
        db: DbOption = None,
        host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
        workers: Annotated[
            int, typer.Option("--workers", min=1, max=32,
                              help="Server processes (more answer more requests at once).")
        ] = 1,
        link: Annotated[
            bool, typer.Option("--link/--no-link", help="Bring cross-document links up to date "
                               "before serving (pages also do it when documents change).")
        ] = True,
    ) -> None:
        """Serve the ledger as web pages and a JSON API (reading open, writing after login).

        Session cookies are signed with $LUOSHI_SECRET (random per start if unset).
        """
        import os
        import secrets

        import uvicorn

        from luoshi.store import display_url, resolve_db_url
        from luoshi.web import create_app, linked
        from luoshi.web.app import SECRET_ENV, SERVE_DB_ENV

        url = resolve_db_url(db)
        # one secret for every worker, so a session cookie is valid whichever answers
        os.environ.setdefault(SECRET_ENV, secrets.token_urlsafe(32))
        try:
            web = create_app(url)
        except Exception as exc:
            error(display_url(url), f"cannot open ledger: {type(exc).__name__}: {exc}")
            raise typer.Exit(1) from None
        if link:
            linked.ensure_linked(web.state.ledger)
        shown = f"[{host}]" if ":" in host else host  # an IPv6 address needs brackets
        _write_line(f"luoshi: serving {display_url(url)} at http://{shown}:{port}/ "
                    "(Ctrl+C to stop)")
        if workers == 1:
            uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)
            return
        web.state.ledger.close()
        os.environ[SERVE_DB_ENV] = url
        uvicorn.run("luoshi.web.app:app_from_env", factory=True, workers=workers, host=host,
                    port=port, log_level="warning", access_log=False)

    user_app = typer.Typer(help="Analysts who may write (overrides, corrections).",
                           no_args_is_help=True)
    token_app = typer.Typer(help="API tokens for writes through the JSON API.",
                            no_args_is_help=True)
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")

    @user_app.command("add")
    @_guard
    def user_add(
        name: Annotated[str, typer.Argument(help="Login name (letters, digits, . _ @ -).")],
        db: DbOption = None,
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help="Read the password from standard input.")
        ] = False,
    ) -> None:
        """Add an analyst; the password is asked for (twice) unless --password-stdin."""
        from luoshi.web.accounts import AccountError, add_user, check_name

        try:
            check_name(name)
        except AccountError as exc:
            error("user add", str(exc))
            raise typer.Exit(2) from None
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        ledger = _open_ledger(db)
        try:
            with ledger.engine.begin() as conn:
                add_user(conn, name, password)
        except AccountError as exc:
            error("user add", str(exc))
            raise typer.Exit(1) from None
        finally:
            ledger.close()
        _write_line(f"added user {name}")

    @token_app.command("create")
    @_guard
    def token_create(
        name: Annotated[str, typer.Argument(help="The analyst the token acts for.")],
        db: DbOption = None,
    ) -> None:
        """Create an API token for NAME and print it (only once: the ledger keeps a hash)."""
        from luoshi.web.accounts import AccountError, create_token

        ledger = _open_ledger(db, must_exist=True)
        if ledger is None:
            error("token create", "no ledger here (ingest documents first)")
            raise typer.Exit(1)
        try:
            with ledger.engine.begin() as conn:
                token = create_token(conn, name)
        except AccountError as exc:
            error("token create", str(exc))
            raise typer.Exit(1) from None
        finally:
            ledger.close()
        _write_line(token)
