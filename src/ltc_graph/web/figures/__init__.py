"""The figures of the dashboard and the resource pages: the canned answers they are drawn
from (canned.py), and what each draws, shaped from those answers without Flask (data.py,
gazetteer.py).
"""
