"""Resource-agnostic logic both providers share: declarations, check, diff, polling."""
