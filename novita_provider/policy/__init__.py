"""A CrossGuard policy pack for Novita stacks: budgets from the cost model, allowed products and
clusters, and safety rules. ``python -m novita_provider policy path`` prints the pack's directory
for ``pulumi preview --policy-pack DIR``. :mod:`.rules` are pure; :mod:`.serve` binds them to
``pulumi_policy`` (an optional dependency: ``pip install novita-pulumi[policy]``)."""
