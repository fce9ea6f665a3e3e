"""``python -m novita_provider import``: a Pulumi program that adopts an account's resources."""
