"""The API's error bodies, shaped the way its OpenAPI document says.

A refusal (400, 401, 403, 404, 413) is `{"detail": "one sentence"}`. A 422 always has the
shape FastAPI documents for request validation, `{"detail": [{"loc", "msg", "type"}]}`, also
when Influent itself refuses a value (a clash, an unreadable follower sample), so a client
reads every 422 the same way.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import HTTPException, Request, status
from pydantic import BaseModel

__all__ = [
    "ERRORS",
    "ApiRefusal",
    "ErrorOut",
    "ProblemItem",
    "ValidationOut",
    "refuse_nul_characters",
    "unprocessable",
]


class ErrorOut(BaseModel):
    detail: str
    # The message code of a refusal Influent explains ("outreach.error.illegal_move").
    code: str | None = None


class ProblemItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationOut(BaseModel):
    detail: list[ProblemItem]


_SAID = {
    400: "The request or the file cannot be used (the sentence says why).",
    401: "No valid Bearer token.",
    403: "The token's user may not do this (read-only access).",
    404: "No such creator in the token's workspace.",
    413: "The upload is larger than the configured limit.",
}

# Every route of /api/v1 documents these, besides its 200 and the 422 of validation.
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": said} for code, said in _SAID.items()
}


def unprocessable(message: str, *loc: str | int) -> HTTPException:
    """A 422 for a value Influent refuses, in the validation errors' shape."""
    problem = {"loc": list(loc) or ["body"], "msg": message, "type": "value_error"}
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, [problem])


async def refuse_nul_characters(request: Request) -> None:
    """A 422 for a NUL character in the path, the query or a JSON body: no text a person
    writes holds one, and PostgreSQL cannot store it."""
    found: list[str | int] = []
    if any("\x00" in str(v) for v in request.path_params.values()):
        found = ["path"]
    elif any("\x00" in k or "\x00" in v for k, v in request.query_params.multi_items()):
        found = ["query"]
    elif request.headers.get("content-type", "").startswith("application/json"):
        body = await request.body()
        if b"\\u0000" in body or b"\x00" in body:
            try:
                if _holds_nul(json.loads(body)):
                    found = ["body"]
            except ValueError:
                pass  # not JSON: the body's own validation says so
    if found:
        raise unprocessable("Text cannot contain a NUL character.", *found)


def _holds_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


class ApiRefusal(Exception):
    """A refusal the API explains, answered in the documented shapes: a 422 as validation
    errors (the message code as the item's `type`), any other status as `ErrorOut`."""

    def __init__(self, status_code: int, code: str, text: str, *loc: str | int) -> None:
        super().__init__(code)
        self.status_code, self.code, self.text = status_code, code, text
        self.loc: list[str | int] = list(loc) or ["body"]

    def body(self) -> dict[str, Any]:
        if self.status_code == status.HTTP_422_UNPROCESSABLE_CONTENT:
            return {"detail": [{"loc": self.loc, "msg": self.text, "type": self.code}]}
        return {"detail": self.text, "code": self.code}
