"""Benchmarks of the Novita dynamic provider on the real Pulumi engine (``make bench``)."""
