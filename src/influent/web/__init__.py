"""The web face: FastAPI pages (Jinja2 + htmx) and the JSON API."""

from influent.web.app import create_app

__all__ = ["create_app"]
