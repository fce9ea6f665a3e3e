"""Stack states written by released versions of the provider, kept forever (the state contract)."""
