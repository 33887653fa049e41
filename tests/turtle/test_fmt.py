"""`ltc-graph fmt`: the canonical layout, exactly; comments kept; the data never changed.

A crafted, badly laid out TriG file must come out exactly as CONTRIBUTING.md describes; every
repository file must come out the same from a scrambled copy of itself (so the layout depends
on the content only), hold the same quads and comments, and be formatted already; a one-value
edit must be a one-line diff; bad input exits 2 with one line, and nothing is written then.
"""

from __future__ import annotations

import difflib
import io
import re
import sys
from pathlib import Path

import pytest
import yaml

from ltc_graph.cli import main
from ltc_graph.turtle import fmt
from ltc_graph.turtle.tokens import tokenize

ROOT = Path(__file__).resolve().parents[2]
REPOSITORY = fmt.files_in([ROOT / "ontology", ROOT / "shapes", ROOT / "data"])

MESSY = '''\
# Pages 4-5 of a made-up brochure.
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
PREFIX ltc: <https://w3id.org/ltc/ontology#>
@prefix   schema:<https://schema.org/> .
@prefix cluster: <https://w3id.org/ltc/id/cluster/> .
@prefix g: <https://w3id.org/ltc/graph/> .
g:test {
  cluster:test ltc:acronym "TC","T.C." ;
  a ltc:Cluster ;  # a cluster of the brochure
          ltc:referenceEcosystem <https://w3id.org/ltc/id/s3/nutrition>,<https://w3id.org/ltc/id/s3/sustainability> , <https://w3id.org/ltc/id/s3/social-development> ;
 ltc:quantity [ a schema:QuantitativeValue ; schema:value 12 ; schema:unitText "projects of the members, as counted on page 5"@en ] , [ schema:value 3 ] ;
        ltc:note """First line
   second line""" ;  ltc:list ( cluster:a cluster:b ) ; .


  # Members in 2024.
      <https://w3id.org/ltc/id/count/test-2024> schema:value 143 ; a ltc:MemberCount ; ltc:check [
    ltc:rule "a block kept as written" ;
  ] .
}'''  # noqa: E501 (lines too long are what the formatter must break)

CANONICAL = '''\
# Pages 4-5 of a made-up brochure.
@prefix cluster: <https://w3id.org/ltc/id/cluster/> .
@prefix g: <https://w3id.org/ltc/graph/> .
@prefix ltc: <https://w3id.org/ltc/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

g:test {
    cluster:test a ltc:Cluster ;  # a cluster of the brochure
        ltc:acronym "TC" , "T.C." ;
        ltc:referenceEcosystem <https://w3id.org/ltc/id/s3/nutrition> ,
            <https://w3id.org/ltc/id/s3/sustainability> ,
            <https://w3id.org/ltc/id/s3/social-development> ;
        ltc:quantity [ a schema:QuantitativeValue ;
            schema:value 12 ;
            schema:unitText "projects of the members, as counted on page 5"@en ] ,
            [ schema:value 3 ] ;
        ltc:note """First line
   second line""" ;
        ltc:list ( cluster:a cluster:b ) .

    # Members in 2024.
    <https://w3id.org/ltc/id/count/test-2024> a ltc:MemberCount ;
        schema:value 143 ;
        ltc:check [
            ltc:rule "a block kept as written" ;
        ] .
}
'''

COMMENTED = '''\
@prefix ex: <http://example.org/> .  # the examples
# Between the prefixes: moves with the one below.
@prefix a: <http://example.org/a/> .

ex:s  # after the subject
  a ex:Thing ;
  ex:p ex:o1 ,  # after the first object
     ex:o2 ;
       # before a predicate
  ex:q [  # after the bracket
  ex:r 1 ;
  # last in the block
  ] ;
  ex:list (
  # before an item
  a:x
  a:y  # after an item
  ) .
# The end.
'''

COMMENTED_CANONICAL = '''\
# Between the prefixes: moves with the one below.
@prefix a: <http://example.org/a/> .
@prefix ex: <http://example.org/> .  # the examples

ex:s  # after the subject
    a ex:Thing ;
    ex:p ex:o1 ,  # after the first object
        ex:o2 ;
    # before a predicate
    ex:q [  # after the bracket
        ex:r 1 ;
        # last in the block
    ] ;
    ex:list (
        # before an item
        a:x
        a:y  # after an item
    ) .

# The end.
'''


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["fmt", *args], out=out), out.getvalue()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def scrambled(text: str) -> str:
    """The same tokens laid out badly: one space between tokens, no indentation, lines
    broken only where Turtle needs it (after a comment) and where the layout is the writer's
    choice (a blank line above or below a comment, a break right after `[`)."""
    parts: list[str] = []
    previous = None
    for token in tokenize(text):
        broken = previous is not None and (previous.is_comment or (
            token.own_line and (token.is_comment or previous.text == "[")))
        gap = "\n\n" if broken and token.blank_before else "\n" if broken else " "
        if token.is_comment and not token.own_line:
            gap = "  "
        parts += [gap if previous is not None else "", token.text]
        previous = token
    return "".join(parts) + "\n"


def test_a_badly_laid_out_trig_file_comes_out_exactly_canonical(tmp_path: Path) -> None:
    path = write(tmp_path, "messy.trig", MESSY)
    assert run(str(path)) == (0, f"{path}\n")
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert run(str(path)) == (0, "")


def test_comments_keep_their_places(tmp_path: Path) -> None:
    path = write(tmp_path, "commented.ttl", COMMENTED)
    assert run(str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == COMMENTED_CANONICAL
    assert fmt.comments_of(COMMENTED_CANONICAL) == fmt.comments_of(COMMENTED)
    assert sum(fmt.comments_of(COMMENTED).values()) == 10


def test_check_names_a_badly_laid_out_file_exits_1_and_leaves_it_unchanged(
    tmp_path: Path,
) -> None:
    messy = write(tmp_path, "messy.trig", MESSY)
    tidy = write(tmp_path, "tidy.trig", CANONICAL)
    assert run("--check", str(tmp_path)) == (1, f"{messy}\n")
    assert messy.read_text(encoding="utf-8") == MESSY
    assert run("--check", str(tidy)) == (0, "")


def test_diff_shows_the_change_and_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "messy.trig", MESSY)
    status, shown = run("--diff", str(path))
    assert status == 1
    expected = "".join(difflib.unified_diff(MESSY.splitlines(keepends=True),
                                            CANONICAL.splitlines(keepends=True),
                                            str(path), f"{path} (formatted)"))
    assert shown == expected
    assert path.read_text(encoding="utf-8") == MESSY


def test_the_repository_is_formatted() -> None:
    assert run("--check") == (0, "")


@pytest.mark.parametrize("path", REPOSITORY, ids=[str(p.relative_to(ROOT)) for p in REPOSITORY])
def test_each_repository_file_is_laid_out_from_its_content_alone(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    canonical = fmt.layout(text)
    assert fmt.layout(canonical) == canonical
    messy = scrambled(text)
    assert messy != text
    assert fmt.layout(messy) == canonical


@pytest.mark.parametrize("path", REPOSITORY, ids=[str(p.relative_to(ROOT)) for p in REPOSITORY])
def test_each_repository_file_keeps_its_data_and_comments(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for formatted in (fmt.layout(text), fmt.layout(scrambled(text))):
        assert fmt.same_data(text, formatted, path)
        assert fmt.comments_of(formatted) == fmt.comments_of(text)


def test_a_new_member_count_is_a_one_line_diff(tmp_path: Path) -> None:
    original = (ROOT / "data" / "brochure" / "afil.trig").read_text(encoding="utf-8")
    typed, edits = re.subn(r"^ {8}schema:value 143 ;$", "      schema:value  150;",
                           original, flags=re.M)
    assert edits == 1
    path = write(tmp_path, "afil.trig", typed)
    assert run(str(path)) == (0, f"{path}\n")
    changed = [line for line in difflib.unified_diff(fmt.layout(original).splitlines(),
                                                     path.read_text(encoding="utf-8").splitlines(),
                                                     lineterm="", n=0)
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == ["-        schema:value 143 ;", "+        schema:value 150 ;"]


def test_a_syntax_error_exits_2_with_one_line_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    messy = write(tmp_path, "a-messy.trig", MESSY)
    broken = write(tmp_path, "b-broken.ttl", "# fine\n<http://a> nope .\n")
    assert run(str(tmp_path)) == (2, "")
    assert capsys.readouterr().err == (
        f"ltc-graph: {broken}:2:12: syntax error: nope is not a valid predicate\n")
    assert messy.read_text(encoding="utf-8") == MESSY


@pytest.mark.parametrize(("name", "reason"), [
    ("missing.trig", "no such file or directory"),
    ("notes.txt", "not a Turtle (.ttl) or TriG (.trig) file"),
])
def test_unusable_paths_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, reason: str,
) -> None:
    write(tmp_path, "notes.txt", "not RDF\n")
    assert run(str(tmp_path / name)) == (2, "")
    assert capsys.readouterr().err == f"ltc-graph: {tmp_path / name}: {reason}\n"


def test_a_layout_that_would_change_the_data_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write(tmp_path, "messy.trig", MESSY)
    laid_out = fmt.layout
    monkeypatch.setattr(fmt, "layout", lambda text, name="": laid_out(text, name).replace(
        "        ltc:acronym \"TC\" , \"T.C.\" ;\n", ""))
    assert run(str(path)) == (2, "")
    assert capsys.readouterr().err == (f"ltc-graph: {path}: cannot format: the new layout would "
                                       "change the data or lose a comment; the file is left as "
                                       "it is\n")
    assert path.read_text(encoding="utf-8") == MESSY


def test_a_scaffolded_file_is_already_formatted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    path = tmp_path / "cluster.trig"
    status = main([
        "new", "cluster", "--slug", "test-fmt", "--name", "Lombardy Cluster of Formatting Tests",
        "--name-it", "Cluster Lombardo delle Prove di Impaginazione dei File",
        "--website", "https://fmt.example.org/", "--description", "Made up for a test.",
        "--s3", "advanced-manufacturing, connectivity-and-information, culture-and-knowledge, "
                "nutrition, sustainability",
        "--area", "Formatting", "--seat-address", "Via Roma 1, 20121 Milano", "--seat-town",
        "Milano", "--section", "test-fmt-web", "--source", "test-fmt-site",
        "--source-label", "Test site", "--source-url", "https://fmt.example.org/",
        "--url", "https://fmt.example.org/about", "--visited", "2025-03-01",
        "--out", str(path)], out=io.StringIO())
    assert status == 0
    text = path.read_text(encoding="utf-8")
    assert '\n            "Cluster Lombardo delle Prove di Impaginazione dei File"@it ;\n' in text
    assert run("--check", str(path)) == (0, "")


def test_the_pre_commit_hook_checks_the_changed_files(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "ltc-graph-fmt"]
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "ltc-graph fmt --check", "python", True)
    files = re.compile(hook["files"])
    assert [bool(files.search(p)) for p in ("data/x.trig", "shapes/x.ttl", "README.md",
                                            "x.ttl.bak")] == [True, True, False, False]
    messy = write(tmp_path, "messy.trig", MESSY)
    tidy = write(tmp_path, "tidy.trig", CANONICAL)
    out = io.StringIO()
    assert main([*hook["entry"].split()[1:], str(messy), str(tidy)], out=out) == 1
    assert out.getvalue() == f"{messy}\n"
