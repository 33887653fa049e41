"""`ltc-graph diff`: crafted before/after copies of the AFIL section, with the exact report a
reviewer reads (one line per cluster, then resource by resource), the RDF Patch that replays
the change, git revisions and unusable input."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from ltc_graph.changes import patch
from ltc_graph.changes.snapshot import read
from ltc_graph.cli import main

ROOT = Path(__file__).resolve().parents[2]
AFIL = Path("data/brochure/afil.trig")
MODEL = Path("data/vocab/model.trig")  # the member categories the AFIL section refers to

Edit = Callable[[Path], None]


def replace(old: str, new: str, file: Path = AFIL) -> Edit:
    """An edit of a copy: `old` must occur exactly once, so a stale test fails loudly."""

    def apply(root: Path) -> None:
        text = (root / file).read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        (root / file).write_text(text.replace(old, new), encoding="utf-8")

    return apply


def append(extra: str, file: Path = AFIL) -> Edit:
    def apply(root: Path) -> None:
        with (root / file).open("a", encoding="utf-8") as stream:
            stream.write(extra)

    return apply


MEMBER_COUNT = replace("schema:value 143 ;", "schema:value 151 ;")
NEW_PROJECT = append("""
g:afil {
    project:circular-lab a ltc:Project ;
        rdfs:label "Circular Lab"@en ;
        ltc:cluster cluster:afil ;
        prov:wasDerivedFrom g:afil .
}
""")
NO_MEMBERSHIP = replace("""    membership:afil--four-motors-of-europe a ltc:NetworkMembership ;
        rdfs:label "AFIL in 4 Motors of Europe"@en ;
        org:member cluster:afil ;
        org:organization network:four-motors-of-europe ;
        prov:wasDerivedFrom g:afil .
""", "")
MOVED = [replace("""        rdfs:label "Brussels"@en ;
        ltc:country country:be ;""", """        rdfs:label "Brussels"@en ;"""),
         append("\ng:overview {\n    place:brussels ltc:country country:be .\n}\n")]
POSTCODE = replace('locn:postCode "20133" ;', 'locn:postCode "20135" ;')

CASES = {
    "member-count": ([MEMBER_COUNT], [
        "AFIL: member total 143 → 151",
        "",
        "1 resource differs (1 changed, 0 new, 0 removed): 1 statement added, 1 removed.",
        "",
        "Changed Member count: AFIL members in 2024: total (count:afil-2024-total)",
        "  ~ value: 143 → 151",
    ]),
    "new-project": ([NEW_PROJECT], [
        "AFIL: new project Circular Lab",
        "",
        "1 resource differs (0 changed, 1 new, 0 removed): 4 statements added, 0 removed.",
        "",
        "New Project: Circular Lab (project:circular-lab)",
        "  + type: Project (ltc:Project)",
        '  + label: "Circular Lab"@en',
        "  + cluster: Lombardy Intelligent Factory Association (cluster:afil)",
        "  + stated in: g:afil",
    ]),
    "removed-membership": ([NO_MEMBERSHIP], [
        "AFIL: network 4 Motors of Europe removed",
        "",
        "1 resource differs (0 changed, 0 new, 1 removed): 0 statements added, 5 removed.",
        "",
        "Removed Network membership: AFIL in 4 Motors of Europe "
        "(membership:afil--four-motors-of-europe)",
        "  - type: Network membership (ltc:NetworkMembership)",
        '  - label: "AFIL in 4 Motors of Europe"@en',
        "  - member: Lombardy Intelligent Factory Association (cluster:afil)",
        "  - network: 4 Motors of Europe (network:four-motors-of-europe)",
        "  - stated in: g:afil",
    ]),
    "moved-between-sections": (MOVED, [
        "AFIL: city Brussels moved (country)",
        "",
        "1 resource differs (1 changed, 0 new, 0 removed): 1 statement added, 1 removed.",
        "",
        "Changed City: Brussels (place:brussels)",
        "  ~ country: country:be moved from g:afil to g:overview",
    ]),
    "address-postcode": ([POSTCODE], [
        "AFIL: seat AFIL headquarters, Milan changed (address)",
        "",
        "1 resource differs (1 changed, 0 new, 0 removed): 9 statements added, 9 removed.",
        "",
        "Changed Seat: AFIL headquarters, Milan (site:afil-milano)",
        '  ~ address > postcode: "20133" → "20135"',
    ]),
}


NEW_COMPANIES = append("""
g:afil {
    count:afil-2024-companies a ltc:MemberCount ;
        ltc:countOf cluster:afil ;
        ltc:memberCategory vocab:companies ;
        ltc:referenceYear "2024"^^xsd:gYear ;
        schema:value 120 .
}
""")
NEW_YEAR = append("""
g:afil {
    count:afil-2025-total a ltc:MemberCount ;
        ltc:countOf cluster:afil ;
        ltc:memberCategory vocab:all-members ;
        ltc:referenceYear "2025"^^xsd:gYear ;
        schema:value 160 .
}
""")
NEW_CLUSTER = append("""
g:energy {
    cluster:energy a ltc:Cluster ;
        rdfs:label "Lombardy Energy Cluster"@en ;
        ltc:acronym "LE2C" .
    project:hydrogen-valley a ltc:Project ;
        rdfs:label "Hydrogen Valley"@en ;
        ltc:cluster cluster:energy .
}
""")
HOMEPAGE = replace("<http://www.afil.it/>", "<https://www.afil.it/>")
CITY_LABEL = replace('rdfs:label "Milan"@en , "Milano"@it ;', 'rdfs:label "Milan"@en ;')
PNRR_NOTATION = append('\ng:pnrr {\n    pnrr:M2C1 skos:notation "M2C1" .\n}\n')

SUMMARIES = {
    "member-count": ([MEMBER_COUNT], ["AFIL: member total 143 → 151"]),
    "new-project": ([NEW_PROJECT], ["AFIL: new project Circular Lab"]),
    "removed-network": ([NO_MEMBERSHIP], ["AFIL: network 4 Motors of Europe removed"]),
    "all-three": ([MEMBER_COUNT, NEW_PROJECT, NO_MEMBERSHIP], [
        "AFIL: member total 143 → 151; new project Circular Lab; network 4 Motors of Europe "
        "removed"]),
    "no-cluster": ([PNRR_NOTATION], ["Other: PNRR component pnrr:M2C1 changed (code)"]),
    "no-change": ([], []),
    "category-label": ([NEW_COMPANIES], ["AFIL: new companies 120"]),
    "years-when-several": ([MEMBER_COUNT, NEW_YEAR], [
        "AFIL: member total 143 → 151 (2024); new member total 160 (2025)"]),
    "the-cluster-itself": ([HOMEPAGE, NEW_PROJECT], [
        "AFIL: new project Circular Lab; cluster changed (website)"]),
    "section-of-one-cluster": ([CITY_LABEL], ["AFIL: city Milan changed (label)"]),
    "clusters-by-name-then-other": ([PNRR_NOTATION, NEW_CLUSTER, MEMBER_COUNT], [
        "AFIL: member total 143 → 151",
        "LE2C: new cluster",
        "Other: PNRR component pnrr:M2C1 changed (code)"]),
}


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[list[Edit]], None]:
    """`old/` and `new/` project copies (ontology, member categories and the AFIL section) in
    the current folder; calling it applies edits to `new/`."""
    for side in ("old", "new"):
        shutil.copytree(ROOT / "ontology", tmp_path / side / "ontology")
        for file in (AFIL, MODEL):
            (tmp_path / side / file).parent.mkdir(parents=True)
            shutil.copy(ROOT / file, tmp_path / side / file)
    monkeypatch.chdir(tmp_path)

    def edit(edits: list[Edit]) -> None:
        for change in edits:
            change(tmp_path / "new")

    return edit


def diff(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["diff", *args], out)
    return code, out.getvalue()


@pytest.mark.parametrize("case", CASES)
def test_the_report_names_each_change_by_labels(pair: Callable[[list[Edit]], None],
                                                case: str) -> None:
    edits, expected = CASES[case]
    pair(edits)
    code, report = diff("old", "new")
    assert code == 0
    assert report.splitlines() == ["Changes from old to new", "", *expected]


@pytest.mark.parametrize("case", SUMMARIES)
def test_the_report_opens_with_one_line_per_cluster(pair: Callable[[list[Edit]], None],
                                                    case: str) -> None:
    edits, expected = SUMMARIES[case]
    pair(edits)
    report = diff("old", "new")[1]
    if not expected:
        assert report == "Changes from old to new\n\nNo differences.\n"
        return
    rows = report.splitlines()
    tally = next(i for i, row in enumerate(rows) if row.endswith(" removed."))
    assert rows[:tally] == ["Changes from old to new", "", *expected, ""]


def test_changes_of_several_resources_are_grouped_changed_new_removed(
        pair: Callable[[list[Edit]], None]) -> None:
    pair([MEMBER_COUNT, NEW_PROJECT, NO_MEMBERSHIP, *MOVED])
    headings = [line for line in diff("old", "new")[1].splitlines()
                if line and not line.startswith(" ")]
    assert headings == [
        "Changes from old to new",
        "AFIL: member total 143 → 151; new project Circular Lab; city Brussels moved (country); "
        "network 4 Motors of Europe removed",
        "4 resources differ (2 changed, 1 new, 1 removed): 6 statements added, 7 removed.",
        "Changed Member count: AFIL members in 2024: total (count:afil-2024-total)",
        "Changed City: Brussels (place:brussels)",
        "New Project: Circular Lab (project:circular-lab)",
        "Removed Network membership: AFIL in 4 Motors of Europe "
        "(membership:afil--four-motors-of-europe)",
    ]


def test_the_rdf_patch_replays_new_from_old(pair: Callable[[list[Edit]], None]) -> None:
    pair([MEMBER_COUNT, NEW_PROJECT, NO_MEMBERSHIP, *MOVED, POSTCODE])
    code, text = diff("old", "new", "--format", "patch")
    rows = text.splitlines()
    assert code == 0 and rows[0] == "TX ." and rows[-1] == "TC ."
    codes = [row[0] for row in rows[1:-1]]
    assert codes == sorted(codes, key="DA".index) and codes.count("A") == 15
    old, new = read("old").quads, read("new").quads
    assert old != new
    assert patch.apply(old, text) == new
    assert ("D <https://w3id.org/ltc/id/place/brussels> <https://w3id.org/ltc/ontology#country> "
            "<https://w3id.org/ltc/id/country/be> <https://w3id.org/ltc/graph/afil> .") in rows


def test_n_triples_leave_out_moves_and_go_to_files_when_asked(
        pair: Callable[[list[Edit]], None], tmp_path: Path) -> None:
    pair([MEMBER_COUNT, *MOVED])
    code, text = diff("old", "new", "--format", "nt")
    value = "<https://w3id.org/ltc/id/count/afil-2024-total> <https://schema.org/value> "
    integer = "^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
    assert (code, text) == (0, f'# added\n{value}"151"{integer}# removed\n{value}"143"{integer}')
    code, text = diff("old", "new", "--format", "nt", "--added", "a.nt", "--removed", "r.nt")
    assert (code, text) == (0, "")
    assert (tmp_path / "a.nt").read_text() == f'{value}"151"{integer}'
    assert (tmp_path / "r.nt").read_text() == f'{value}"143"{integer}'


def test_exit_code_1_only_with_differences_and_the_flag(pair: Callable[[list[Edit]], None]) -> None:
    assert diff("old", "new", "--exit-code") == (0, "Changes from old to new\n\nNo differences.\n")
    pair([MEMBER_COUNT])
    assert diff("old", "new", "--exit-code")[0] == 1
    assert diff("old", "new")[0] == 0


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c",
                    "user.email=test@example.org", *args], check=True, capture_output=True)


@pytest.fixture
def repo(pair: Callable[[list[Edit]], None], tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with the AFIL copy tagged v1.0.0, then the member count changed."""
    root = tmp_path / "old"
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    git(root, "tag", "v1.0.0")
    MEMBER_COUNT(root)
    git(root, "commit", "-q", "-am", "count")
    monkeypatch.chdir(root)
    return root


def test_git_revisions_are_read_from_the_repository(repo: Path) -> None:
    code, report = diff("v1.0.0", "HEAD")
    assert code == 0
    assert report.splitlines()[0] == "Changes from v1.0.0 to HEAD"
    assert report.splitlines()[-1] == "  ~ value: 143 → 151"
    assert diff("HEAD", ".", "--exit-code") == (
        0, "Changes from HEAD to .\n\nNo differences.\n")
    POSTCODE(repo)
    last = diff("HEAD", ".")[1].splitlines()[-1]
    assert last == '  ~ address > postcode: "20133" → "20135"'


@pytest.mark.parametrize(("args", "reason"), [
    (["old", "missing"], "ltc-graph: missing: no such file or directory, nor a git revision"),
    (["v9.9.9", "HEAD"], "ltc-graph: v9.9.9: no such file or directory, nor a git revision"),
    (["old", "bad.ttl"], "ltc-graph: bad.ttl:2:12: syntax error: nope is not a valid predicate"),
    (["old", "notes.txt"], "ltc-graph: notes.txt: unknown RDF format (expected one of "),
    (["old", "empty"], "ltc-graph: empty: no RDF files found"),
    (["old", ".", "--added", "a.nt"], "ltc-graph: --added and --removed go with --format nt"),
])
def test_unusable_input_exits_2_with_one_line(repo: Path, capsys: pytest.CaptureFixture[str],
                                              args: list[str], reason: str) -> None:
    (repo / "bad.ttl").write_text("# fine\n<http://a> nope .\n")
    (repo / "notes.txt").write_text("not RDF\n")
    (repo / "empty").mkdir()
    args = [arg if arg != "old" else str(repo) for arg in args]
    assert diff(*args) == (2, "")
    error = capsys.readouterr().err
    assert error.startswith(reason) and error.count("\n") == 1, error
