"""Recovery after an interrupted `pulumi up`."""
