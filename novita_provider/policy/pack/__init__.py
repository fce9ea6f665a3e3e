"""The policy pack directory the engine runs (``__main__.py``, ``PulumiPolicy.yaml``)."""
