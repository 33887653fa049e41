"""Fingerprints of the brochure, so that the checks against its text run without it.

The committed file holds 40-bit BLAKE2b hashes, never the brochure's text, of three kinds:
- `run`: every run of seven lower-case words (prose; names start upper-case), for the
  own-words check;
- `span`: every run of one to four tokens of the case-folded text, for "is this name
  printed"; a longer name is printed when each of its four-token windows is;
- `near`: an acronym-like token with each two-token window that starts within NEAR
  characters of it, for "is this expansion printed next to its acronym".
Rebuild the file after the source changes with `make fingerprints SOURCE=brochure.txt`.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

RUN = 7
SPAN = 4
NEAR = 160
FILE = Path(__file__).with_name("brochure-fingerprints.txt")
TOKEN = re.compile(r"\w+|[^\w\s]")


def digest(kind: str, text: str) -> str:
    return hashlib.blake2b(f"{kind}:{text}".encode(), digest_size=5).hexdigest()


def prose_words(text: str) -> list[str]:
    """The words of `text` that start with a lower-case letter (names start upper-case)."""
    return [w for w in re.findall(r"[A-Za-zÀ-ÿ0-9']+", text) if w[0].islower()]


def runs(text: str) -> set[str]:
    """The fingerprints of every run of RUN prose words in `text`."""
    words = prose_words(text)
    return {digest("run", " ".join(words[i:i + RUN])) for i in range(len(words) - RUN + 1)}


def tokens(text: str) -> list[tuple[str, int, str]]:
    """(case-folded token, offset, token as printed) in the text with spaces collapsed and
    the extraction's emphasis marks and footnote marks removed."""
    flat = re.sub(r"\s+", " ", re.sub(r"[*¹²³⁴⁵⁶⁷⁸⁹⁰]", "", text))
    return [(m.group().casefold(), m.start(), m.group()) for m in TOKEN.finditer(flat)]


def acronym_like(token: str) -> bool:
    """Two capitals, or letters and digits together: ECH2A, COEVE, S3, eHealth."""
    return (sum(c.isupper() for c in token) >= 2
            or (any(c.isdigit() for c in token) and any(c.isalpha() for c in token)))


def windows(name: str, size: int = SPAN) -> list[str]:
    """The case-folded token windows by which a name is looked up."""
    words = [t for t, _, _ in tokens(name)]
    return [" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))]


def printed(name: str, prints: set[str]) -> bool:
    return all(digest("span", w) in prints for w in windows(name))


def printed_near(acronym: str, expansion: str, prints: set[str]) -> bool:
    """Whether the expansion starts within NEAR characters of the acronym somewhere (of an
    acronym printed with a hyphen, ICEI-A, its first part)."""
    key = next((t for t, _, shown in tokens(acronym) if acronym_like(shown)), acronym.casefold())
    return digest("near", f"{key}|{windows(expansion, 2)[0]}") in prints


def fingerprints(text: str) -> set[str]:
    """Every fingerprint of the text, of the three kinds."""
    toks = tokens(text)
    words = [t for t, _, _ in toks]
    prints = runs(text)
    prints |= {digest("span", " ".join(words[i:i + k]))
               for k in range(1, SPAN + 1) for i in range(len(words) - k + 1)}
    for token, offset, shown in toks:
        if acronym_like(shown):
            prints |= {digest("near", f"{token}|{words[j]} {words[j + 1]}")
                       for j in range(len(toks) - 1)
                       if abs(toks[j][1] - offset) <= NEAR and toks[j][0][0].isalnum()}
    return prints


def committed() -> set[str]:
    """The brochure's fingerprints as committed (comment lines start with '#')."""
    lines = FILE.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def write(source: Path) -> int:
    """Write the fingerprints of `source`; return how many."""
    data = source.read_bytes()
    prints = sorted(fingerprints(data.decode("utf-8")))
    header = (f"# Fingerprints of the brochure (see fingerprints.py): BLAKE2b-40 hashes only.\n"
              f"# Source: {source.name}, SHA-256 {hashlib.sha256(data).hexdigest()}\n")
    FILE.write_text(header + "\n".join(prints) + "\n", encoding="utf-8")
    return len(prints)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_file():
        sys.exit("usage: python tests/data/fingerprints.py BROCHURE.txt")
    print(f"{write(Path(sys.argv[1]))} fingerprints written to {FILE}")
