"""Section 3: network storage and clusters (`routes` the calls, `collection` the stored
storages and their release timers, `clusters` the fixed catalogue)."""
