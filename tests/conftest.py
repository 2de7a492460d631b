from __future__ import annotations

import os
from pathlib import Path

import pytest

# "today" is the default as-of date: fixed here so that the answers do not depend on the clock
os.environ.setdefault("CROSSWALK_TODAY", "2026-11-25")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = ROOT.parent / "shared" / "sources"

needs_sources = pytest.mark.skipif(
    not SOURCES.exists(), reason="the official source files (../shared/sources) are not beside the project"
)


@pytest.fixture(scope="session")
def dataset():
    import crosswalk

    return crosswalk.load()
