"""`ltc-graph`: validate, describe and export the knowledge graph from the command line.

Exit codes: 0 success (the graph conforms), 1 violations found, 2 unusable input. Errors are
one line on stderr; `--debug` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import NoReturn, TextIO

from . import __version__
from .errors import InputError

# Commands import what they use when they run: `serve` starts its fork server before
# anything heavy (rdflib, Oxigraph) is imported, and `--help` answers at once.

STORE_HELP = ("where the graph lives: memory (built from the files at start-up), a directory "
              "built by `ltc-graph load --into DIR`, or a SPARQL endpoint's http(s) URL")


class ExitStatus(IntEnum):
    OK = 0
    INVALID = 1
    ERROR = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(ExitStatus.ERROR, f"{self.prog}: error: {message} (see --help)\n")


def _expand(paths: Sequence[str]) -> list[Path]:
    from .rdf.formats import RDF_EXTENSIONS

    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in RDF_EXTENSIONS)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError("no such file or directory", raw)
    if not files:
        raise InputError("no RDF files found in the given paths")
    return files


def cmd_validate(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    from .rdf.files import Layout, load_shapes, project_root
    from .validation.formats import WRITERS
    from .validation.locations import LocationIndex
    from .validation.validate import validate_files

    layout = Layout.of()
    data_files = _expand(args.paths) if args.paths else layout.data
    files = list(dict.fromkeys([*layout.ontology, *data_files]))
    shapes = load_shapes(layout)
    only = None
    if args.changed_since is not None:
        from .changes.touched import changed_since

        root = project_root()
        folders = [Path(p) for p in args.paths if Path(p).is_dir()] if args.paths \
            else [root / "ontology", root / "data"]
        only = changed_since(args.changed_since, files, folders)
    index = LocationIndex(files, relative_to=Path.cwd())
    report = validate_files(files, shapes, index, jobs=min(2, os.cpu_count() or 1),
                            engine=args.engine, only=only)
    out.write(WRITERS[args.format](report, strict=args.strict))
    counts = report.counts
    failed = counts["Violation"] > 0 or (args.strict and counts["Warning"] > 0)
    return ExitStatus.INVALID if failed else ExitStatus.OK


def cmd_stats(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    from .publish import stats
    from .rdf.files import load_project

    result = stats.compute(load_project())
    if args.format == "json":
        out.write(json.dumps(result.as_dict(), indent=2) + "\n")
    else:
        out.write(stats.as_text(result))
    return ExitStatus.OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    from .publish import export
    from .rdf.files import load_project

    text = export.dump(load_project(), args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        out.write(text)
    return ExitStatus.OK


def cmd_diff(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    from .changes import patch
    from .changes import report as changes_report
    from .changes.diff import compare
    from .changes.snapshot import project_ontology, read

    if (args.added or args.removed) and args.format != "nt":
        raise InputError("--added and --removed go with --format nt")
    old, new = read(args.old), read(args.new)
    diff = compare(old, new)
    if args.format == "patch":
        out.write(patch.write(diff.removed, diff.added))
    elif args.format == "nt":
        removed, added = patch.triple_changes(old.quads, new.quads)
        for title, triples, target in (("added", added, args.added),
                                       ("removed", removed, args.removed)):
            if target:
                Path(target).write_text(patch.ntriples(triples), encoding="utf-8")
            else:
                out.write(f"# {title}\n{patch.ntriples(triples)}")
    else:
        names = changes_report.Names(new.quads, old.quads, project_ontology())
        out.write(changes_report.text(diff, names))
    changed = args.exit_code and not diff.empty
    return ExitStatus.INVALID if changed else ExitStatus.OK


def cmd_fmt(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    from .rdf.files import project_root
    from .turtle import fmt

    if args.paths:
        paths = [Path(p) for p in args.paths]
    else:
        root = project_root()
        paths = [root / name for name in ("ontology", "shapes", "data")]
    changed = [(path, old, new) for path in fmt.files_in(paths)
               for old, new in [fmt.format_file(path)] if new != old]
    for path, old, new in changed:  # every file is read and checked before one is written
        name = _shown(path)
        if args.diff:
            out.write(fmt.unified_diff(old, new, name))
            continue
        if not args.check:
            path.write_text(new, encoding="utf-8", newline="\n")
        out.write(f"{name}\n")
    return ExitStatus.INVALID if changed and (args.check or args.diff) else ExitStatus.OK


def _shown(path: Path) -> str:
    """A path as a person would type it here: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def cmd_release(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    from .changes import release
    from .rdf.files import project_root

    for path in release.build(project_root(), Path(args.out), args.since):
        out.write(f"{path}  {path.stat().st_size} bytes\n")
    return ExitStatus.OK


def cmd_query(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    from .queries import registry as queries
    from .queries.printing import render
    from .rdf.files import project_root
    from .sparql.execution import InProcess, Limits
    from .sparql.service import Query, QueryFailed, QueryService
    from .store import check_spec, open_store

    root = project_root()
    registry = queries.Registry(root / "queries")
    source = Path(args.query)
    if args.query == "-":
        named = queries.NamedQuery("stdin", "stdin", "", sys.stdin.read())
    elif source.suffix == ".rq" or _is_file(source):
        if not _is_file(source):
            raise InputError("no such file or directory", args.query)
        named = queries.NamedQuery.read(source)
    elif (found := registry.get(args.query)) is not None:
        named = found
    elif re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", args.query, re.I):
        named = queries.NamedQuery("text", "text", "", args.query)
    else:
        known = ", ".join(q.name for q in registry)
        raise InputError(f"no query named {args.query!r} (canned queries: {known})")
    given = {}
    for pair in args.param:
        name, sep, value = pair.partition("=")
        if not sep:
            raise InputError(f"--param takes name=value, not {pair!r}")
        given[name] = value
    store = open_store(check_spec(args.store), root)
    unlimited = Limits(max_rows=sys.maxsize, max_bytes=sys.maxsize)
    service = QueryService(InProcess(store, unlimited), lambda: store.info.version)
    try:
        checked = service.check(Query(named.body, bindings=service.bind(named, given),
                                      predeclared=True))
        if checked.form != "SELECT":
            raise InputError("only SELECT queries can be printed as a table")
        answer = service.answer(checked, "json").json()
    except QueryFailed as exc:
        raise InputError(exc.message) from None
    out.write(render(answer, args.format))
    return ExitStatus.OK


def _is_file(path: Path) -> bool:
    """Whether `path` names a file; False for text no file system takes as a name (a long
    query given on the command line)."""
    try:
        return path.is_file()
    except OSError:
        return False


def cmd_load(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    import pyoxigraph as ox

    from .rdf.files import Layout
    from .store import is_remote, upload
    from .store.local import build_directory, fill

    layout = Layout.of()
    if args.paths:
        layout.data = _expand(args.paths)
    if is_remote(args.into):
        client = upload.opener(args.into, args.user, os.environ.get("LTC_STORE_PASSWORD"))
        store = ox.Store()
        info = fill(store, layout)
        if args.update:
            requests = upload.update(store, args.into, client)
            how = f" in {requests} SPARQL Update requests"
        else:
            upload.put(store, args.into, client)
            how = ""
        out.write(f"Replaced the dataset at {args.into}{how}: {len(info.graphs)} named graphs, "
                  f"{info.default_size} triples in the default graph\n")
    elif args.update or args.user:
        raise InputError("--update and --user are for an http(s) URL", args.into)
    else:
        info = build_directory(layout, Path(args.into))
        out.write(f"Built the store {args.into}: {len(info.graphs)} named graphs, "
                  f"{info.default_size} triples in the default graph, version {info.version}\n"
                  f"Serve it with: ltc-graph serve --store {args.into}\n")
    return ExitStatus.OK


def cmd_synth(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    from .authoring import synth

    summary = synth.write(Path(args.out), args.scale, args.seed, defects=not args.no_defects)
    out.write(f"{args.out}: {summary}\n")
    return ExitStatus.OK


def cmd_diagram(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    from .namespaces import ONTOLOGY_GRAPH
    from .publish import diagram
    from .rdf.files import load_project

    out.write(diagram.mermaid(load_project().graph(ONTOLOGY_GRAPH)))
    return ExitStatus.OK


def cmd_dictionary(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    from .publish.dictionary import build, markdown
    from .rdf.files import project_root
    from .sparql.execution import InProcess
    from .sparql.service import QueryService
    from .store import open_store

    store = open_store("memory", project_root())
    service = QueryService(InProcess(store), lambda: store.info.version)
    out.write(markdown(build(lambda text: service.rows(text, predeclared=True))))
    return ExitStatus.OK


def cmd_new(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    from .authoring.scaffold import QUESTIONS, Known, scaffold
    from .rdf.files import project_root

    target = None if args.out == "-" else Path(args.out) if args.out else None
    if target is not None and target.exists():
        raise InputError("exists; refusing to overwrite it", str(target))
    given = {q.name: getattr(args, q.name.replace("-", "_")) for q in QUESTIONS[args.kind]}
    known = Known.of_project()
    answers, text = scaffold(args.kind, given, known, _ask if sys.stdin.isatty() else None)
    if args.out == "-":
        out.write(text)
        return ExitStatus.OK
    target = target or Path(f"{answers['slug']}.trig")
    try:
        with target.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise InputError("exists; refusing to overwrite it", str(target)) from None
    except OSError as exc:
        raise InputError(exc.strerror or "cannot write", str(target)) from None
    data = os.path.relpath(project_root() / "data")
    data = data if not data.startswith("..") else str(project_root() / "data")
    out.write(f"Wrote {target}: {args.kind}:{answers['slug']} in graph g:{answers['section']}.\n"
              f"Check it with the data: ltc-graph validate {data} {target}\n")
    return ExitStatus.OK


def _ask(prompt: str) -> str:
    """Prompts go to stderr, so `--out -` leaves stdout to the TriG."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    return input()


def cmd_serve(args: argparse.Namespace, out: TextIO) -> ExitStatus:
    from .sparql.prestart import start_forkserver

    start_forkserver()
    from .web.app import create_app
    from .web.serving import serve

    config: dict[str, object] = {}
    if args.timeout is not None:
        config["QUERY_TIMEOUT"] = args.timeout
    if args.workers is not None:
        config["QUERY_WORKERS"] = args.workers
    if args.store is not None:
        config["STORE"] = args.store
    app = create_app(config)
    import logging

    from .web.limits.access_log import configure

    configure()  # one JSON line per request on standard error...
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # ...instead of URLs with queries
    serve(app, args.host, args.port, out)  # SIGTERM drains, SIGHUP reloads the data
    return ExitStatus.OK


def build_parser() -> argparse.ArgumentParser:
    from .rdf.formats import EXPORT_SYNTAXES, by_extension

    parser = _Parser(prog="ltc-graph", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"ltc-graph {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("validate", help="check the graph against the SHACL shapes")
    p.add_argument("paths", nargs="*", help="files or folders to validate (default: data/)")
    p.add_argument("--format", choices=["github", "json", "junit", "sarif", "text", "turtle"],
                   default="text", help="report format; junit, sarif and github (workflow "
                   "commands) are for CI systems")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--engine", choices=["auto", "compiled", "pyshacl"], default="auto",
                   help="core constraints on the compiled SPARQL engine, on pySHACL (the "
                        "reference, much slower), or auto: compiled unless a shape uses SHACL "
                        "it does not know")
    p.add_argument("--changed-since", metavar="REV",
                   help="report only on resources whose statements differ from git revision "
                        "REV, and on those that link to them; all data is still read. Fast "
                        "for CI, but it misses what a change breaks elsewhere (a label made "
                        "equal to another resource's flags the changed one only): run the full "
                        "validation before a release")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("serve", help="serve the SPARQL endpoint (gunicorn in production)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=int, default=8000, help="port (0 picks a free one)")
    p.add_argument("--workers", type=int, help="query worker processes (default 2)")
    p.add_argument("--timeout", type=float, help="query time limit in seconds (default 30)")
    p.add_argument("--store", metavar="STORE", help=STORE_HELP + " (default: $LTC_STORE or memory)")
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("load", help="build an on-disk store, or upload to a SPARQL store")
    p.add_argument("--into", required=True, metavar="DIR|URL",
                   help="a directory for an embedded on-disk store, or the http(s) URL that "
                   "takes a whole dataset (Oxigraph: /store, Fuseki: /DATASET)")
    p.add_argument("--update", action="store_true",
                   help="URL is a SPARQL 1.1 Update endpoint (Virtuoso: /sparql-auth); the "
                   "default graph goes into a named graph that `serve` reads it from")
    p.add_argument("--user", metavar="NAME", help="log in to the store as NAME (digest or "
                   "basic); the password is read from LTC_STORE_PASSWORD")
    p.add_argument("paths", nargs="*", help="data files or folders (default: data/)")
    p.set_defaults(run=cmd_load)

    p = sub.add_parser("stats", help="count triples, graphs and entities per class")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(run=cmd_stats)

    p = sub.add_parser("query", help="run a canned query, a .rq file or a SELECT over the graph")
    p.add_argument("query", help="a canned query's name, a .rq file, - for stdin, or the text")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter of the query (repeatable)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--store", default="memory", metavar="STORE", help=STORE_HELP)
    p.set_defaults(run=cmd_query)

    p = sub.add_parser("diagram", help="print the ontology's class diagram (Mermaid)")
    p.set_defaults(run=cmd_diagram)

    p = sub.add_parser("dictionary", help="print the data dictionary (Markdown): every class "
                       "and property the data uses, with the values they take")
    p.set_defaults(run=cmd_dictionary)

    p = sub.add_parser("export", help="write a full, deterministic dump of ontology and data")
    p.add_argument("--format", choices=sorted(by_extension(EXPORT_SYNTAXES)), default="trig")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("new", help="scaffold a cluster, project or event as a TriG file "
                       "with its provenance, asking for what the options leave out")
    kinds = p.add_subparsers(dest="kind", required=True, parser_class=_Parser)
    from .authoring.scaffold import QUESTIONS  # the standard library only: --help stays instant

    for kind, questions in QUESTIONS.items():
        k = kinds.add_parser(kind, help=f"scaffold a {kind}")
        for q in questions:
            k.add_argument(q.option, metavar="TEXT", help=q.prompt + ("" if q.required else
                           " (optional)"))
        k.add_argument("--out", metavar="FILE",
                       help="file to write, never overwritten (default: SLUG.trig here; - for "
                            "standard output)")
        k.set_defaults(run=cmd_new)

    p = sub.add_parser("diff", help="what changed between two versions of the graph, "
                       "per resource, or as RDF Patch or N-Triples")
    p.add_argument("old", help="a file, a folder or a git revision (v1.0.0, HEAD~1)")
    p.add_argument("new", help="the same for the newer version (. for the work tree)")
    p.add_argument("--format", choices=["text", "patch", "nt"], default="text",
                   help="a report for people, RDF Patch (A/D rows of quads), or the added and "
                        "removed triples as N-Triples")
    p.add_argument("--added", metavar="FILE", help="with --format nt: write the added triples "
                   "to FILE instead of standard output")
    p.add_argument("--removed", metavar="FILE", help="with --format nt: the same for the "
                   "removed triples")
    p.add_argument("--exit-code", action="store_true",
                   help="exit with 1 when there are differences, as git diff does")
    p.set_defaults(run=cmd_diff)

    p = sub.add_parser("fmt", help="rewrite Turtle and TriG files in the canonical layout, "
                       "keeping comments and the order of subjects and predicates")
    p.add_argument("paths", nargs="*", help=".ttl and .trig files or folders (default: "
                   "ontology/, shapes/ and data/)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="write nothing; list the files "
                      "that would change and exit with 1 if there are any")
    mode.add_argument("--diff", action="store_true", help="write nothing; print what would "
                      "change as a unified diff, exit with 1 if anything would")
    p.set_defaults(run=cmd_fmt)

    p = sub.add_parser("release", help="build a release: versioned dumps, gzipped, the VoID "
                       "description, the ontology, the change report and checksums")
    p.add_argument("--out", default="dist", metavar="DIR", help="where to write (default dist/)")
    p.add_argument("--since", metavar="REV", help="the previous release's git revision "
                   "(default: the latest tag v* before this version)")
    p.set_defaults(run=cmd_release)

    p = sub.add_parser("synth", help="write a synthetic graph of 9 x SCALE clusters for benchmarks")
    p.add_argument("--scale", type=int, required=True,
                   help="9 clusters per step (1: about 3.6k quads)")
    p.add_argument("--out", required=True, metavar="FILE", help="a .trig or .nq file to write")
    p.add_argument("--seed", type=int, default=0,
                   help="the same seed and scale give the same bytes")
    p.add_argument("--no-defects", action="store_true",
                   help="leave out the injected defects (listed in FILE.defects.json)")
    p.set_defaults(run=cmd_synth)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = out or sys.stdout
    try:
        return int(args.run(args, out))
    except InputError as exc:
        if args.debug:
            raise
        print(f"ltc-graph: {exc}", file=sys.stderr)
        return int(ExitStatus.ERROR)


if __name__ == "__main__":
    sys.exit(main())
