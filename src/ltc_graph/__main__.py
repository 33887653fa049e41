"""`python -m ltc_graph`: the command line, as `ltc-graph`."""

import sys

from .cli import main

sys.exit(main())
