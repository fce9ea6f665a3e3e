"""Section 1: serverless endpoints (`routes` the calls, `collection` the stored endpoints)."""
