"""Uploads waiting between the import wizard's steps: each in its own private folder.

The web app keeps only a token in the user's session; the file itself waits here, under the
data directory's `uploads/` (0700), until the import is confirmed, cancelled or a day old.
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
from pathlib import Path
from typing import BinaryIO

__all__ = ["UploadTooLarge", "discard_upload", "safe_name", "save_upload", "saved_upload"]

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_STALE_SECONDS = 24 * 3600
_CHUNK = 1024 * 1024
_LONGEST_NAME = 200


class UploadTooLarge(Exception):
    """The upload is larger than settings.max_upload_mb."""


def save_upload(
    stream: BinaryIO, filename: str | None, *, max_mb: int, root: Path
) -> tuple[str, Path]:
    """Copy an upload into its own folder under `root`; returns the folder's token and the file.

    Nothing over `max_mb` is kept: the folder goes as soon as the limit is passed.
    """
    _sweep_stale_uploads(root)
    token = secrets.token_urlsafe(24)
    folder = root / token
    folder.mkdir(mode=0o700)
    target = folder / safe_name(filename)
    written, limit = 0, max_mb * 1024 * 1024
    with target.open("wb") as out:
        while chunk := stream.read(_CHUNK):
            written += len(chunk)
            if written > limit:
                out.close()
                shutil.rmtree(folder, ignore_errors=True)
                raise UploadTooLarge
            out.write(chunk)
    return token, target


def saved_upload(root: Path, token: object) -> Path | None:
    """The file a token names, or None for a token that is not one or whose file is gone."""
    if not isinstance(token, str) or not _TOKEN.match(token):
        return None
    folder = root / token
    files = sorted(folder.iterdir()) if folder.is_dir() else []
    return files[0] if files else None


def discard_upload(root: Path, token: object) -> None:
    if isinstance(token, str) and _TOKEN.match(token):
        shutil.rmtree(root / token, ignore_errors=True)


def safe_name(filename: str | None) -> str:
    """The upload's file name, short enough for any file system (255 bytes at most)."""
    name = Path(filename or "upload.csv").name or "upload.csv"
    if len(name.encode()) <= _LONGEST_NAME:
        return name
    suffix = Path(name).suffix[:10]
    stem = name.encode()[: _LONGEST_NAME - len(suffix.encode())].decode(errors="ignore")
    return stem + suffix


def _sweep_stale_uploads(root: Path) -> None:
    # Wizards abandoned half-way leave a file behind; a day later it goes.
    if not root.exists():
        return
    cutoff = time.time() - _STALE_SECONDS
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
