"""What every browser suite shares: a server of the repository's data for each test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from servers import running_server


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The site's root URL, on a server started for the module."""
    with running_server() as endpoint:
        yield endpoint.rsplit("/sparql", 1)[0]
