"""The figures of the dashboard and the resource pages: the canned answers they are drawn
from (canned.py), what each draws, shaped from those answers without Flask (data.py,
gazetteer.py), the charts of resource pages (resources.py) and each chart's text alternative
in the page's language (describe.py).
"""
