"""One parser per official source format; each yields :class:`crosswalk.model.Entry` records."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def short_title(text: str, limit: int = 60) -> str:
    """The first clause of a legal text, cut at a sensible place, for list views."""
    text = " ".join(text.split())
    for stop in ("であって、", "であつて、", "のうち", ", as follows", " as follows"):
        head, sep, _ = text.partition(stop)
        if sep and 4 <= len(head) <= limit:
            return head
    return text if len(text) <= limit else text[: limit - 1] + "…"
