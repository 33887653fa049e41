"""Read Turtle or TriG into a small syntax tree that keeps what a formatter must not lose.

The tree holds terms as written, the order of subjects, predicates and objects, and every
comment: a comment on a line of its own belongs to what follows it (`before`, or `tail` at
the end of a block), a comment ending a line belongs to what that line ends (`comments`). The
one piece of layout kept from the input is whether a `[ … ]` list had a line break (or a
comment) right after `[` (`BNode.block`), as Prettier keeps an object literal expanded. The
file is expected to parse already (`fmt` checks it with Oxigraph first); what this reader does
not know (RDF 1.2 triple terms, annotations) stops it with an `InputError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from .tokens import Token, tokenize


@dataclass
class Comment:
    """A comment on a line of its own; `blank_before` keeps one empty line above it."""

    text: str
    blank_before: bool = False


@dataclass
class Term:
    """An IRI, prefixed name, blank node label, literal (with its tag or datatype) or number."""

    text: str


@dataclass
class BNode:
    """A blank node property list `[ … ]`."""

    entries: list[Entry] = field(default_factory=list)
    block: bool = False
    open_comments: list[str] = field(default_factory=list)
    tail: list[Comment] = field(default_factory=list)


@dataclass
class Collection:
    """An RDF collection `( … )`."""

    items: list[Object] = field(default_factory=list)
    open_comments: list[str] = field(default_factory=list)
    tail: list[Comment] = field(default_factory=list)


Node = Term | BNode | Collection


@dataclass
class Object:
    """One object of a predicate (or one item of a collection)."""

    node: Node
    before: list[Comment] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass
class Entry:
    """A predicate (`verb`) with its objects."""

    verb: str
    objects: list[Object] = field(default_factory=list)
    before: list[Comment] = field(default_factory=list)
    verb_comments: list[str] = field(default_factory=list)


@dataclass
class Statement:
    """A subject block, ended by ` .`."""

    subject: Node
    entries: list[Entry] = field(default_factory=list)
    blank_before: bool = False
    subject_comments: list[str] = field(default_factory=list)
    tail: list[Comment] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass
class Directive:
    """`@prefix` or `@base` (either spelling); `name` is the prefix with its colon."""

    keyword: str
    name: str
    iri: str
    blank_before: bool = False
    comments: list[str] = field(default_factory=list)


@dataclass
class Graph:
    """A TriG graph block; `name` is None for a block of the default graph."""

    name: str | None
    items: list[Comment | Statement] = field(default_factory=list)
    blank_before: bool = False
    open_comments: list[str] = field(default_factory=list)
    close_comments: list[str] = field(default_factory=list)


Item = Comment | Directive | Statement | Graph
_TERM_KINDS = {"iri", "name", "bnode", "number"}
_BOOLEANS = {"true", "false"}


def parse(text: str, path: str = "") -> list[Item]:
    """The top-level items of a Turtle or TriG document, in the order written."""
    return _Reader(list(tokenize(text, path)), path).document()


class _Reader:
    """Recursive descent over the tokens; comments are collected as they are passed."""

    def __init__(self, tokens: list[Token], path: str) -> None:
        self.tokens = tokens
        self.path = path
        self.at = 0
        self.pending: list[Comment] = []
        self.slot: list[str] | None = None  # where a comment ending the line goes

    # -- tokens ------------------------------------------------------------------------------

    def peek(self) -> Token | None:
        while self.at < len(self.tokens) and self.tokens[self.at].is_comment:
            token = self.tokens[self.at]
            self.at += 1
            text = token.text.rstrip()
            if token.own_line:
                self.pending.append(Comment(text, token.blank_before))
            elif self.slot is not None:
                self.slot.append(text)
            else:
                raise self.error("cannot keep a comment here", token)
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def next(self) -> Token:
        token = self.peek()
        if token is None:
            raise self.error("unexpected end of file", self.tokens[-1] if self.tokens else None)
        self.at += 1
        return token

    def is_punct(self, text: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "punct" and token.text == text

    def expect(self, text: str) -> Token:
        token = self.next()
        if token.kind != "punct" or token.text != text:
            raise self.error(f"expected {text!r}, found {token.text!r}", token)
        return token

    def take_pending(self) -> list[Comment]:
        taken, self.pending = self.pending, []
        return taken

    def error(self, message: str, token: Token | None) -> InputError:
        if token is None:
            return InputError(f"cannot format: {message}", self.path)
        return InputError(f"cannot format: {message}", self.path, token.line, token.column)

    # -- the grammar ---------------------------------------------------------------------------

    def document(self) -> list[Item]:
        items: list[Item] = []
        while (token := self.peek()) is not None:
            items += self.take_pending()
            items.append(self.top_item(token))
        items += self.take_pending()
        return items

    def top_item(self, token: Token) -> Item:
        word = token.text.lower()
        if token.kind == "at" and word in ("@prefix", "@base"):
            return self.directive(word[1:], dotted=True)
        if token.kind == "word" and word in ("prefix", "base"):
            return self.directive(word, dotted=False)
        if token.kind == "word" and word == "graph":
            self.next()
            return self.graph(self.label(), token.blank_before)
        if token.kind == "punct" and token.text == "{":
            return self.graph(None, token.blank_before)
        if token.kind in ("iri", "name", "bnode"):
            name = self.next().text
            held: list[str] = []  # a comment after the name, before we know what it names
            self.slot = held
            if self.is_punct("{"):
                graph = self.graph(name, token.blank_before)
                graph.open_comments[:0] = held
                return graph
            return self.statement(Term(name), token.blank_before, held)
        return self.statement(None, token.blank_before)

    def directive(self, keyword: str, dotted: bool) -> Directive:
        first = self.next()
        found = Directive(keyword, "", "", first.blank_before)
        self.slot = found.comments
        if keyword == "prefix":
            name = self.next()
            if name.kind != "name" or not name.text.endswith(":"):
                raise self.error(f"expected a prefix name, found {name.text!r}", name)
            found.name = name.text
        iri = self.next()
        if iri.kind != "iri":
            raise self.error(f"expected an IRI, found {iri.text!r}", iri)
        found.iri = iri.text
        if dotted:
            self.expect(".")
        return found

    def label(self) -> str:
        token = self.next()
        if token.kind not in ("iri", "name", "bnode"):
            raise self.error(f"expected a graph name, found {token.text!r}", token)
        return token.text

    def graph(self, name: str | None, blank_before: bool) -> Graph:
        found = Graph(name, blank_before=blank_before)
        self.slot = found.open_comments
        self.expect("{")
        while not self.is_punct("}"):
            found.items += self.take_pending()
            token = self.peek()
            if token is None:
                raise self.error("unexpected end of file: no '}'", self.tokens[-1])
            statement = self.statement(None, token.blank_before, in_graph=True)
            found.items.append(statement)
        found.items += self.take_pending()
        self.next()
        self.slot = found.close_comments
        return found

    def statement(self, subject: Node | None, blank_before: bool,
                  held: list[str] | None = None, in_graph: bool = False) -> Statement:
        if subject is None:
            subject = self.node(subject=True)
        found = Statement(subject, blank_before=blank_before,
                          subject_comments=held if held is not None else [])
        self.slot = found.subject_comments
        if not (isinstance(found.subject, BNode) and self.is_punct(".")):
            found.entries = self.entries()
        found.tail = self.take_pending()
        if in_graph and self.is_punct("}"):
            return found
        self.expect(".")
        self.slot = found.comments
        return found

    def entries(self) -> list[Entry]:
        """`verb objects (; verb objects)*`, allowing the `;` that Turtle allows at the end."""
        entries = [self.entry()]
        while self.is_punct(";"):
            self.next()
            self.slot = entries[-1].objects[-1].comments
            while self.is_punct(";"):
                self.next()
            token = self.peek()
            if token is None or (token.kind == "punct" and token.text in (".", "]", "}")):
                break
            entries.append(self.entry())
        return entries

    def entry(self) -> Entry:
        before = self.take_pending()
        token = self.next()
        if token.kind == "word" and token.text == "a":
            verb = "a"
        elif token.kind in ("iri", "name"):
            verb = token.text
        else:
            raise self.error(f"expected a predicate, found {token.text!r}", token)
        found = Entry(verb, before=before)
        self.slot = found.verb_comments
        found.objects.append(self.object())
        while self.is_punct(","):
            self.next()
            found.objects.append(self.object())
        return found

    def object(self) -> Object:
        before = self.take_pending()
        found = Object(self.node(), before)
        self.slot = found.comments
        return found

    def node(self, subject: bool = False) -> Node:
        token = self.next()
        if token.kind == "punct" and token.text == "[":
            return self.bnode()
        if token.kind == "punct" and token.text == "(":
            return self.collection()
        if token.kind in _TERM_KINDS or (token.kind == "word" and token.text in _BOOLEANS
                                         and not subject):
            return Term(token.text)
        if token.kind == "string" and not subject:
            return Term(token.text + self.literal_suffix())
        raise self.error(f"unexpected {token.text!r}", token)

    def literal_suffix(self) -> str:
        """A language tag or `^^datatype`, joined to the string as Turtle spells it."""
        following = self.tokens[self.at] if self.at < len(self.tokens) else None
        if following is None:
            return ""
        if following.kind == "at":
            self.at += 1
            return following.text
        if following.kind == "punct" and following.text == "^^":
            self.at += 1
            datatype = self.tokens[self.at] if self.at < len(self.tokens) else None
            if datatype is None or datatype.kind not in ("iri", "name"):
                raise self.error("expected a datatype after '^^'", datatype or following)
            self.at += 1
            return "^^" + datatype.text
        return ""

    def bnode(self) -> BNode:
        found = BNode()
        following = self.tokens[self.at] if self.at < len(self.tokens) else None
        found.block = following is not None and (following.own_line or following.is_comment)
        self.slot = found.open_comments
        if not self.is_punct("]"):
            found.entries = self.entries()
        found.tail = self.take_pending()
        self.expect("]")
        if not found.entries and not found.open_comments and not found.tail:
            found.block = False  # `[]`, however it was spaced
        return found

    def collection(self) -> Collection:
        found = Collection()
        self.slot = found.open_comments
        while not self.is_punct(")"):
            found.items.append(self.object())
        found.tail = self.take_pending()
        self.next()
        return found
