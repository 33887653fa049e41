"""Every kind of page of the site, by one example each: the pages the site and browser tests
render in both languages (paths on the app, without the host)."""

PAGES: dict[str, str] = {
    "dashboard": "/",
    "editor": "/sparql",
    "queries": "/queries",
    "query": "/queries/clusters-in-network?network=network%3Avanguard-initiative",
    "search": "/search?q=aerospace",
    "search-form": "/search",
    "kinds": "/id/",
    "index": "/id/project/",
    "cluster": "/id/cluster/afil",
    "project": "/id/project/plastix",
    "network": "/id/network/vanguard-initiative",
    "programme": "/id/programme/interreg-europe",
    "pnrr-mission": "/id/pnrr/M2",
    "pnrr-component": "/id/pnrr/M2C1",
    "s3": "/id/s3/advanced-manufacturing",
    "event": "/id/event/ila-berlin-2024",
    "place": "/id/place/berlin",
    "section": "/graph/afil",
    "dataset": "/.well-known/void",
    "ontology": "/ontology",
    "dictionary": "/dictionary",
    "validation": "/validation",
    "validate": "/validate",
    "not-found": "/id/cluster/no-such-cluster",
}
