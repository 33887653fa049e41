"""`ltc-graph fmt`: one canonical layout for the Turtle and TriG files, so diffs show only facts.

Maintainers edit the data by hand; when every file has the same layout, a changed member
count is a one-line diff. The layout (what `fmt` writes, and `fmt --check` expects):

- Prefix directives first, one per line as `@prefix p: <…> .` (SPARQL's `PREFIX` too),
  sorted by prefix name (`@base` before them); comments above the first directive stay at
  the top, a comment between directives moves with the directive below it. Then one blank
  line.
- One blank line between top-level blocks (subjects, graphs) and between the subject blocks
  inside a graph; a graph's content is indented by 4 spaces, `{` ends the line of its name,
  `}` has a line of its own.
- A subject block starts with the subject and its first predicate; each further predicate
  has its own line, one level (4 spaces) deeper; every line but the last ends with ` ;`,
  the last with ` .`. Subjects, predicates and objects keep their order, except that `a`
  comes first.
- The objects of one predicate are joined with ` , ` when each line that joins them fits in
  100 characters (counting the ` ;` or ` .` ending it) and none is a `[ … ]` of the data's
  style spread over several lines; else each object after the first has a line of its own,
  one level deeper, and every object but the last ends with ` ,`.
- `[ … ]` is written on one line when it fits and was not written with a line break right
  after `[`. Else, written with a break after `[`, each predicate has a line of its own ending
  in ` ;`, one level deeper than the line holding `[`, and `]` a line of its own (the SHACL
  shapes' style); written without one, the first predicate stays on the `[` line, the others
  follow one level deeper than the predicate holding the list, and ` ]` ends the last (the
  data's style). That break and the blank lines below comments are the only layout kept from
  the input (as Prettier keeps an object literal expanded when written so).
- `( … )` is written on one line when it fits, else `(` ends the line, each item has a line
  of its own one level deeper and `)` a line of its own.
- A comment on a line of its own keeps its place, indented like what follows it; a comment
  after a block has one blank line above it, and below a comment a blank line stays if there
  was one. A comment ending a line still ends the line of what it followed, two spaces after.
- Terms keep their spelling: IRIs, prefixed names, strings, language tags, datatypes and
  numbers are never rewritten, and multi-line strings are kept byte for byte.
- No trailing spaces (outside multi-line strings), exactly one newline at the end.

Formatting is deterministic and idempotent. Before a file is written it is parsed with
Oxigraph before and after: `fmt` refuses to write unless the two are the same dataset (blank
nodes up to renaming) with the same comments.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .tokens import tokenize
from .tree import (
    BNode,
    Collection,
    Comment,
    Directive,
    Entry,
    Graph,
    Item,
    Node,
    Object,
    Statement,
    Term,
    parse,
)

WIDTH = 100
INDENT = "    "
SUFFIXES = (".ttl", ".trig")


@dataclass
class Line:
    """A line being laid out: its text, and the comments that end it (kept apart so that
    punctuation can still be added after the text)."""

    text: str
    comments: list[str] = field(default_factory=list)


# --- terms and nested lists ---------------------------------------------------------------------


def _end(lines: list[Line], col: int) -> int:
    """The column after the last line, when the first line starts at `col`."""
    return col + len(lines[0].text) if len(lines) == 1 else len(lines[-1].text)


def _attach(lines: list[Line], sep: str, more: list[Line]) -> None:
    """Continue the last line with the first of `more`; the rest follow as they are."""
    lines[-1].text += sep + more[0].text
    lines[-1].comments += more[0].comments
    lines += more[1:]


def _comments(comments: Iterable[Comment], level: int) -> list[Line]:
    return [Line(INDENT * level + c.text) for c in comments]


def _flat(node: Node) -> str | None:
    """The node on one line, or None when it cannot be (comments, line breaks, a block)."""
    if isinstance(node, Term):
        return None if "\n" in node.text else node.text
    if node.open_comments or node.tail:
        return None
    if isinstance(node, Collection):
        items = _every([_flat_object(item) for item in node.items])
        if items is None:
            return None
        return "(" + "".join(f" {item}" for item in items) + " )" if items else "()"
    entries = None if node.block else _every([_flat_entry(entry) for entry in node.entries])
    if entries is None:
        return None
    return "[ " + " ; ".join(entries) + " ]" if entries else "[]"


def _every(texts: list[str | None]) -> list[str] | None:
    """All the texts, or None if one of them is None."""
    return None if any(text is None for text in texts) else [t for t in texts if t is not None]


def _flat_object(obj: Object) -> str | None:
    return None if obj.before or obj.comments else _flat(obj.node)


def _flat_entry(entry: Entry) -> str | None:
    if entry.before or entry.verb_comments:
        return None
    objects = _every([_flat_object(obj) for obj in entry.objects])
    return None if objects is None else entry.verb + " " + " , ".join(objects)


def _node(node: Node, level: int, col: int, hang: int | None = None) -> list[Line]:
    """`node` starting at column `col` of a line at indentation `level`; a hanging `[ … ]`
    indents its predicates one level deeper than `hang` (the level of its predicate)."""
    if isinstance(node, Term):
        first, *rest = node.text.split("\n")
        return [Line(first), *(Line(part) for part in rest)]
    flat = _flat(node)
    if flat is not None and (col + len(flat) + 2 <= WIDTH or flat in ("[]", "()")):
        return [Line(flat)]
    if isinstance(node, Collection):
        return _collection(node, level)
    if not node.block and not node.open_comments and not node.tail and node.entries \
            and not node.entries[0].before:
        return _hanging(node, level if hang is None else hang, col)
    return _block(node, level)


def _collection(node: Collection, level: int) -> list[Line]:
    lines = [Line("(", list(node.open_comments))]
    pad = INDENT * (level + 1)
    for item in node.items:
        lines += _comments(item.before, level + 1)
        body = _object(item, level + 1, len(pad))
        body[0].text = pad + body[0].text
        lines += body
    lines += _comments(node.tail, level + 1)
    lines.append(Line(INDENT * level + ")"))
    return lines


def _hanging(node: BNode, level: int, col: int) -> list[Line]:
    """`[ first ;` then the other predicates one level deeper, ` ]` ending the last."""
    lines = [Line("[")]
    for number, entry in enumerate(node.entries):
        if number == 0:
            _attach(lines, " ", _entry(entry, level + 1, col + 2, line_level=level))
        else:
            lines[-1].text += " ;"
            _add_entry(lines, entry, level + 1)
    lines[-1].text += " ]"
    return lines


def _block(node: BNode, level: int) -> list[Line]:
    """`[` ending the line, a line for each predicate, and `]` on a line of its own."""
    lines = [Line("[", list(node.open_comments))]
    for entry in node.entries:
        _add_entry(lines, entry, level + 1)
        lines[-1].text += " ;"
    lines += _comments(node.tail, level + 1)
    lines.append(Line(INDENT * level + "]"))
    return lines


def _object(obj: Object, level: int, col: int, hang: int | None = None) -> list[Line]:
    lines = _node(obj.node, level, col, hang)
    lines[-1].comments += obj.comments
    return lines


# --- predicates and subjects ------------------------------------------------------------------


def _entry(entry: Entry, level: int, col: int, line_level: int | None = None) -> list[Line]:
    """A predicate and its objects; `level` is the predicate's, `line_level` the level of the
    line it starts on (a subject's first predicate shares the subject's line)."""
    line_level = level if line_level is None else line_level
    lines = [Line(entry.verb, list(entry.verb_comments))]
    objects = entry.objects
    inline = not entry.verb_comments and not objects[0].before
    col += len(entry.verb) + 1
    if inline and (joined := _joined(objects, line_level, col)) is not None:
        _attach(lines, " ", joined)
        return lines
    pad = INDENT * (level + 1)
    for number, obj in enumerate(objects):
        if number == 0 and inline:
            _attach(lines, " ", _object(obj, line_level, col))
            continue
        if number:
            lines[-1].text += " ,"
        lines += _comments(obj.before, level + 1)
        body = _object(obj, level + 1, len(pad), hang=line_level)
        body[0].text = pad + body[0].text
        lines += body
    return lines


def _hangs(obj: Object, lines: list[Line]) -> bool:
    """Whether `obj` was laid out as a `[ … ]` over several lines without a break after `[`."""
    return isinstance(obj.node, BNode) and not obj.node.block and len(lines) > 1


def _joined(objects: list[Object], level: int, col: int) -> list[Line] | None:
    """The objects joined with ` , `, or None when a joining line would not fit or one of them
    is a `[ … ]` hanging over several lines (those go one to a line, as the data has them)."""
    if any(obj.before for obj in objects):
        return None
    lines = _object(objects[0], level, col)
    if len(objects) > 1 and _hangs(objects[0], lines):
        return None
    for obj in objects[1:]:
        if lines[-1].comments:
            return None
        joint = len(lines) - 1
        more = _object(obj, level, _end(lines, col) + 3)
        if _hangs(obj, more):
            return None
        _attach(lines, " , ", more)
        if (col if joint == 0 else 0) + len(lines[joint].text) + 2 > WIDTH:
            return None
    return lines


def _add_entry(lines: list[Line], entry: Entry, level: int) -> None:
    """A predicate on a line of its own at `level`, after its comments."""
    lines += _comments(entry.before, level)
    pad = INDENT * level
    body = _entry(entry, level, len(pad))
    body[0].text = pad + body[0].text
    lines += body


def _statement(statement: Statement, level: int) -> list[Line]:
    pad = INDENT * level
    lines = _node(statement.subject, level, len(pad))
    lines[0].text = pad + lines[0].text
    lines[-1].comments += statement.subject_comments
    entries = sorted(statement.entries, key=lambda entry: entry.verb != "a")
    for number, entry in enumerate(entries):
        if number == 0 and not lines[-1].comments and not entry.before:
            col = len(lines[-1].text) + 1
            _attach(lines, " ", _entry(entry, level + 1, col, line_level=level))
            continue
        if number:
            lines[-1].text += " ;"
        _add_entry(lines, entry, level + 1)
    lines[-1].text += " ."
    lines[-1].comments += statement.comments
    return lines


# --- blocks and the document ----------------------------------------------------------------


def _blank_between(previous: Item, item: Item) -> bool:
    """Blocks are one blank line apart, and from a comment after them; below a comment, a
    blank line stays one and no blank line stays none."""
    return item.blank_before if isinstance(previous, Comment) else True


def _unfolded(items: Iterable[Item]) -> Iterator[Item]:
    """The items, with the comments written before a statement's ` .` after it."""
    for item in items:
        yield item
        if isinstance(item, Statement):
            yield from item.tail


def _items(items: Iterable[Item], level: int) -> list[Line]:
    lines: list[Line] = []
    previous: Item | None = None
    for item in _unfolded(items):
        if previous is not None and _blank_between(previous, item):
            lines.append(Line(""))
        if isinstance(item, Comment):
            lines += _comments([item], level)
        elif isinstance(item, Statement):
            lines += _statement(item, level)
        elif isinstance(item, Graph):
            lines += _graph(item)
        previous = item
    return lines


def _graph(graph: Graph) -> list[Line]:
    lines = [Line(f"{graph.name} {{" if graph.name else "{", list(graph.open_comments))]
    lines += _items(graph.items, 1)
    lines.append(Line("}", list(graph.close_comments)))
    return lines


def _directives(items: list[Item], path: str) -> tuple[list[Item], list[Line], list[Item]]:
    """Split the document into its header comments, the sorted directives and the rest."""
    first = next((n for n, item in enumerate(items) if not isinstance(item, Comment)), None)
    if first is None or not isinstance(items[first], Directive):
        header, first = [], 0
    else:
        header = items[:first]
    kept: dict[tuple[str, str], tuple[Directive, list[Comment]]] = {}
    rest: list[Item] = []
    waiting: list[Comment] = []
    for item in items[first:]:
        if isinstance(item, Comment):
            waiting.append(item)
            continue
        if isinstance(item, Directive):
            key = (item.keyword, item.name)
            if key not in kept:
                kept[key] = (item, waiting)
            elif kept[key][0].iri == item.iri:  # said twice: once is enough
                kept[key][1].extend(waiting)
                kept[key][0].comments.extend(item.comments)
            else:
                raise InputError(f"cannot format: {item.name or '@base'} is declared twice "
                                 "with different IRIs, so the directives cannot be sorted", path)
        else:
            rest += [*waiting, item]
        waiting = []
    rest += waiting
    lines: list[Line] = []
    for (keyword, name), (directive, comments) in sorted(
            kept.items(), key=lambda pair: (pair[0][0] != "base", pair[0][1].rstrip(":"))):
        lines += _comments(comments, 0)
        spelled = f"@prefix {name} {directive.iri} ." if keyword == "prefix" \
            else f"@base {directive.iri} ."
        lines.append(Line(spelled, list(directive.comments)))
    if lines and header and items[len(header)].blank_before:
        lines.insert(0, Line(""))
    return header, lines, rest


def layout(text: str, path: str = "") -> str:
    """`text` (Turtle or TriG) in the canonical layout described above."""
    header, directives, rest = _directives(parse(text, path), path)
    lines = _items(header, 0) + directives
    if lines and rest:
        lines.append(Line(""))
    lines += _items(rest, 0)
    return "".join(line + "\n" for line in _render(lines))


def _render(lines: list[Line]) -> Iterator[str]:
    for line in lines:
        if not line.comments:
            yield line.text
            continue
        yield f"{line.text}  {line.comments[0]}" if line.text else line.comments[0]
        indent = line.text[: len(line.text) - len(line.text.lstrip(" "))]
        yield from (indent + comment for comment in line.comments[1:])


# --- files ----------------------------------------------------------------------------------


def comments_of(text: str) -> Counter[str]:
    """The comments of a file, to check that formatting kept every one."""
    return Counter(t.text.rstrip() for t in tokenize(text) if t.is_comment)


def same_data(old: str, new: str, path: Path) -> bool:
    """Whether two texts of the file `path` hold the same quads, blank nodes up to renaming."""
    import pyoxigraph as ox

    from ..rdf.files import format_of

    datasets = []
    for text in (old, new):
        quads = ox.parse(text.encode("utf-8"), format=format_of(path),
                         base_iri=path.resolve().as_uri())
        dataset = ox.Dataset(quads)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        datasets.append(dataset)
    return datasets[0] == datasets[1]


def read(path: Path) -> str:
    """The text of `path`, which must parse (errors as one line with line and column)."""
    import pyoxigraph as ox

    from ..rdf.files import format_of, syntax_error

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read file", str(path)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("not valid UTF-8", str(path), data[: exc.start].count(b"\n") + 1) \
            from None
    try:
        for _ in ox.parse(data, format=format_of(path), base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as exc:
        raise syntax_error(exc, path) from None
    return text


def format_file(path: Path) -> tuple[str, str]:
    """The text of `path` as it is and as `fmt` writes it, checked to hold the same data."""
    old = read(path)
    new = layout(old, str(path))
    if new != old and (not same_data(old, new, path) or comments_of(old) != comments_of(new)):
        raise InputError("cannot format: the new layout would change the data or lose a "
                         "comment; the file is left as it is", str(path))
    return old, new


def files_in(paths: Iterable[Path]) -> list[Path]:
    """The .ttl and .trig files named or found (recursively) in folders, each once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES
                            and p.is_file())
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise InputError("not a Turtle (.ttl) or TriG (.trig) file", str(path))
            found.append(path)
        else:
            raise InputError("no such file or directory", str(path))
    return list(dict.fromkeys(found))


def unified_diff(old: str, new: str, name: str) -> str:
    """What `fmt` would change in a file, as `diff -u` shows it."""
    return "".join(difflib.unified_diff(old.splitlines(keepends=True),
                                        new.splitlines(keepends=True),
                                        name, f"{name} (formatted)"))
