"""The policy pack's entry point: the engine runs this directory (see PulumiPolicy.yaml)."""

from novita_provider.policy.serve import main

main()
