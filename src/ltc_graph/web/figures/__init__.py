"""What the dashboard's and resource pages' figures draw, from canned queries' answers; no Flask.
"""
