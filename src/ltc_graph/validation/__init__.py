"""Validation against the SHACL shapes: validate() and its Report, the data as validators see it,
uploads, report formats and the two engines.
"""
