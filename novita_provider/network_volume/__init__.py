"""The NetworkVolume resource: Novita network storage that endpoints mount.

``resource`` (the class a program uses) is light; ``spec`` and ``kind`` are the
implementation, loaded only in the provider process.
"""

from .resource import NetworkVolume, NetworkVolumeArgs

__all__ = ["NetworkVolume", "NetworkVolumeArgs"]
