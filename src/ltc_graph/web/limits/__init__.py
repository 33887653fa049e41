"""Per-request bookkeeping without Flask: client budgets, metrics, the access log."""
