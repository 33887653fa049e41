"""The formatter of Turtle and TriG files (`ltc-graph fmt`)."""
