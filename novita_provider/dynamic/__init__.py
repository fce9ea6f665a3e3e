"""Pulumi dynamic-provider plumbing: the provider adapter, the provider process, Args to props."""
