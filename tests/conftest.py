from __future__ import annotations

from pathlib import Path

import pytest

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
