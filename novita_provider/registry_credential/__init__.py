"""The RegistryCredential resource: credentials Novita uses to pull a private image.

``resource`` (the class a program uses) is light; ``spec`` and ``kind`` are the
implementation, loaded only in the provider process.
"""

from .resource import RegistryCredential, RegistryCredentialArgs

__all__ = ["RegistryCredential", "RegistryCredentialArgs"]
