"""Section 2: registry credentials (`routes` the calls, `collection` the stored credentials)."""
