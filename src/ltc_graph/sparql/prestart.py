"""Start the query workers' fork server first thing, before any heavy import.

The fork server is a fresh interpreter that imports the query code once; started before the
web application is imported, the two start-ups overlap instead of adding up. This module
imports nothing of the project so that it can run first.
"""

from __future__ import annotations

import multiprocessing as mp
from multiprocessing import forkserver

PRELOAD = ["ltc_graph.sparql.workers"]


def context() -> mp.context.BaseContext:
    """The forkserver context whose server has the query code preloaded."""
    chosen = mp.get_context("forkserver")
    chosen.set_forkserver_preload(PRELOAD)
    return chosen


def start_forkserver() -> None:
    context()
    forkserver.ensure_running()
