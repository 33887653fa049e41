"""The web application (the only place Flask is imported): create_app, its state, request limits,
views, templates and static files.
"""
