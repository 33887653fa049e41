"""The pages and HTTP interfaces, one blueprint per module: thin layers over the query service
and the other packages; none calls another view."""
