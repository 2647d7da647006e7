"""Where and in what precision the model runs: checked up front, with a clear error.

CPU runs float32 by default; ``bf16`` uses the bfloat16 matrix units of recent x86 CPUs
(AMX, AVX512-BF16: about 2.5x faster here), ``int8`` quantises every linear layer's weights
per output channel (torch dynamic quantisation: about 1.6x). CUDA runs float16. Scores and
speeds of each are in docs/benchmarks.md.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import torch
from torch import nn

from kg.errors import InputError

PRECISIONS = ("fp32", "bf16", "fp16", "int8")
DTYPES = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16, "int8": torch.float32}

# Word pieces per padded batch. On CPU small batches stay in cache (float32 runs fastest at
# about 1k, bfloat16 at about 4k: scripts/bench_annotate.py); large batches fill a GPU.
BATCH_TOKENS = {("cpu", "fp32"): 1024, ("cpu", "bf16"): 4096, ("cpu", "fp16"): 1024, ("cpu", "int8"): 1024}
CUDA_BATCH_TOKENS = 131072


def pick_device(name: str = "cpu") -> torch.device:
    """``cpu``, ``cuda``, ``cuda:N`` or ``auto`` (CUDA when torch sees one); a clear error otherwise."""
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    try:
        device = torch.device(name)
    except RuntimeError:
        raise InputError(f"--device {name}", "not a device", "use cpu, cuda, cuda:N or auto") from None
    if device.type not in ("cpu", "cuda"):
        raise InputError(f"--device {name}", "only CPU and CUDA are supported", "use cpu, cuda or auto")
    if device.type == "cuda" and not torch.cuda.is_available():
        raise InputError(
            f"--device {name}",
            "torch sees no CUDA device (this torch build or machine has none)",
            "use --device cpu, or install a CUDA build of torch on a machine with a GPU",
        )
    return device


def pick_precision(name: str | None, device: torch.device) -> str:
    """``fp32``, ``bf16``, ``fp16`` or ``int8`` (CPU only); None: fp16 on CUDA, fp32 on CPU."""
    if name is None:
        return "fp16" if device.type == "cuda" else "fp32"
    if name not in PRECISIONS:
        raise InputError(f"--precision {name}", "unknown precision", "use fp32, bf16, fp16 or int8")
    if name == "int8" and device.type != "cpu":
        raise InputError(f"--precision {name}", "int8 runs on CPU only", "use fp16 on CUDA")
    return name


def prepare(model: nn.Module, device: torch.device, precision: str) -> nn.Module:
    """The model on ``device`` in ``precision`` (int8: dynamic quantisation, per channel)."""
    model = model.to(device, DTYPES[precision])
    if precision != "int8":
        return model
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    with warnings.catch_warnings():  # torch.ao.quantization announces its move to torchao
        warnings.simplefilter("ignore")
        return quantize_dynamic(model, {nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)


def cpu_has_bf16() -> bool:
    """Whether this CPU has bfloat16 matrix instructions (without them bf16 is slower than fp32)."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "amx_bf16" in flags or "avx512_bf16" in flags


def batch_tokens(device: torch.device, precision: str) -> int:
    return CUDA_BATCH_TOKENS if device.type == "cuda" else BATCH_TOKENS[("cpu", precision)]
