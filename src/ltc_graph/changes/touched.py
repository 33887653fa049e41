"""Which resources a change touches: the statements of the files now against a git revision.

Both versions are parsed and compared resource by resource, not line by line, so reformatting
changes nothing and a moved block is no change. A blank node belongs to the resource that
holds it (an address to its site): its statements are compared as part of that resource,
whatever identifiers the parser gave it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..rdf.files import format_of
from .git import git_output

Description = frozenset[tuple[str, str]]


def changed_since(revision: str, files: Iterable[Path], folders: Iterable[Path] = ()) -> set[str]:
    """IRIs of the resources whose statements differ between `revision` and the files now.

    `folders` are searched at `revision` too, so a file deleted since counts.

    :raise InputError: not a git work tree, or an unknown revision.
    """
    files = [p.resolve() for p in files]
    root = _git_root(files[0].parent if files else Path.cwd())
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit is None:
        raise InputError(f"unknown revision {revision!r}")
    then: list[tuple[str, bytes]] = []
    wanted = {p.relative_to(root).as_posix() for p in files if p.is_relative_to(root)}
    for folder in folders:
        listed = _git(root, "ls-tree", "-r", "--name-only", commit, "--",
                      folder.resolve().relative_to(root).as_posix()) or ""
        wanted.update(name for name in listed.splitlines() if _is_rdf(name))
    for name in sorted(wanted):
        text = git_output(root, "show", f"{commit}:{name}")
        if text is not None:
            then.append((name, text))
    before = _resources(ox.parse(text, format=format_of(Path(name))) for name, text in then)
    now = _resources(ox.parse(path=str(p), format=format_of(p)) for p in files)
    return {iri for iri in before.keys() | now.keys() if before.get(iri) != now.get(iri)}


def _resources(documents: Iterable[Iterable[ox.Quad]]) -> dict[str, Description]:
    """Each IRI subject with its statements, blank nodes written out in full."""
    statements: dict[object, set[tuple[object, object]]] = defaultdict(set)
    for quads in documents:
        try:
            for quad in quads:
                statements[quad.subject].add((quad.predicate, quad.object))
        except (SyntaxError, ValueError):
            continue  # a version that does not parse describes nothing to compare
    return {subject.value: frozenset((str(p), _text(o, statements, set()))
                                     for p, o in described)
            for subject, described in statements.items() if isinstance(subject, ox.NamedNode)}


def _text(term: object, statements: dict[object, set[tuple[object, object]]],
          seen: set[object]) -> str:
    if not isinstance(term, ox.BlankNode) or term in seen:
        return str(term) if not isinstance(term, ox.BlankNode) else "[...]"
    inner = sorted(f"{p} {_text(o, statements, seen | {term})}"
                   for p, o in statements.get(term, ()))
    return "[ " + " ; ".join(inner) + " ]"


def _is_rdf(name: str) -> bool:
    try:
        format_of(Path(name))
    except InputError:
        return False
    return True


def _git_root(folder: Path) -> Path:
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        raise InputError("--changed-since needs a git work tree", str(folder))
    return Path(top).resolve()


def _git(where: Path, *args: str) -> str | None:
    out = git_output(where, *args)
    return out.decode("utf-8").strip() if out is not None else None
