"""The GPU type names the simulated clusters offer (`availableGpuType`, section 3)."""

from __future__ import annotations

from typing import Final

RTX_4090: Final = "NVIDIA GeForce RTX 4090"
RTX_5090: Final = "NVIDIA GeForce RTX 5090"
H100: Final = "NVIDIA H100 80GB HBM3"
A100: Final = "NVIDIA A100 80GB PCIe"
