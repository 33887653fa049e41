"""Flask blueprints: thin HTTP layers over the domain modules."""
