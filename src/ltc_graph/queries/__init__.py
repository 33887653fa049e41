"""Canned queries: the registry of queries/*.rq, OpenAPI, snippets, spreadsheets and charts."""
