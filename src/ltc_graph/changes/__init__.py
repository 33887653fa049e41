"""Versions of the graph: snapshots, diffs, patches, change reports, releases."""
