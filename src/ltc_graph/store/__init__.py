"""The graph as a query engine: one interface, three backends chosen by `--store` / `LTC_STORE`.

- `memory` (the default): Oxigraph in memory, built from the repository's files at start-up;
- a directory: an Oxigraph database built once by `ltc-graph load --into DIR`, opened
  read-only by every worker, so start-up parses nothing;
- an `http(s)://` URL: an external SPARQL 1.1 store loaded by `ltc-graph load --into URL`
  (remote.py).

In every backend each source section keeps its named graph; the default graph holds the union
of the ontology and data graphs as a set, so a statement made by two sections counts once
without GRAPH, and `GRAPH ?g` still tells where it is stated. The shapes get their own named
graph and stay out of the default graph.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from ..errors import InputError

INFO_FILE = "ltc-store.json"  # beside Oxigraph's own files in a store directory


@dataclass(frozen=True)
class StoreInfo:
    """What the web layer needs to know of a store: its graphs, sizes and data version."""

    graphs: frozenset[str]
    version: str
    sizes: dict[str, int] = field(default_factory=dict)
    default_size: int = 0
    loaded_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def as_json(self) -> str:
        return json.dumps({"version": self.version, "sizes": self.sizes,
                           "default_size": self.default_size,
                           "loaded_at": self.loaded_at.isoformat()}, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> StoreInfo:
        data = json.loads(text)
        return cls(graphs=frozenset(data["sizes"]), version=data["version"], sizes=data["sizes"],
                   default_size=data["default_size"],
                   loaded_at=datetime.fromisoformat(data["loaded_at"]))


class GraphStore(Protocol):
    """A SPARQL engine over the dataset; `query` takes pyoxigraph's keyword options."""

    info: StoreInfo

    def query(self, text: str, **options: Any) -> Any: ...


def is_remote(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def check_spec(spec: str) -> str:
    """`spec` if it names a usable store, else an InputError saying what is expected."""
    if spec == "memory" or is_remote(spec):
        return spec
    path = Path(spec)
    if not (path / INFO_FILE).is_file():
        raise InputError("--store takes memory, a directory built by `ltc-graph load --into "
                         "DIR`, or the http(s) URL of a SPARQL endpoint", spec)
    return spec


def open_store(spec: str, root: Path, info: StoreInfo | None = None) -> GraphStore:
    """The store `spec` names; `info` spares a remote store from being described again."""
    from .local import LocalStore, open_directory  # Oxigraph loads when a store is opened

    if spec == "memory":
        from ..rdf.files import Layout

        return LocalStore.from_layout(Layout.of(root))
    if is_remote(spec):
        from .remote import RemoteStore

        return RemoteStore(spec, info) if info else RemoteStore.connect(spec)
    return open_directory(Path(spec))
