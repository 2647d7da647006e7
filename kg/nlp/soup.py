"""A model soup: the weights of several models trained from one starting model, averaged.

Runs that continue the same saved model (``kg train --init``) with different seeds, or with
and without a teacher, end near one another; their average is often better on dev than each
of them, at no cost in speed or size. The adapters' two factors are averaged separately, as
are the heads. The soup's confidence is then re-fitted on the dev files (kg.nlp.calibrate).

``python -m kg.nlp.soup OUT MODEL MODEL... --dev GOLD...``
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from safetensors.torch import load_file, save_file

from kg.errors import InputError
from kg.nlp.model import AttributionModel, check_model_folder

# What the soup records of each member's training.
_MEMBER = ("init", "seed", "epochs", "teacher", "distill", "best_dev_score")
# Fields that must agree for two models' weights to be averaged: the same shapes, the same base.
_SHAPE = ("base", "base_sha256", "lora_r", "lora_alpha", "tiny", "stance_sees", "full", "layers")


def average(folders: Sequence[Path], out: Path) -> dict[str, object]:
    """Write the average of ``folders``' weights to ``out`` (config of the first, temperature 1)."""
    if len(folders) < 2:
        raise InputError(" ".join(map(str, folders)), "a soup needs two models or more", "name more models")
    for folder in folders:
        check_model_folder(folder)
    configs = [AttributionModel.saved_config(folder) for folder in folders]
    for folder, config in zip(folders[1:], configs[1:], strict=True):
        differ = [name for name in _SHAPE if getattr(config, name) != getattr(configs[0], name)]
        if differ:
            raise InputError(
                str(folder),
                f"differs from {folders[0]} in {', '.join(differ)}",
                "average models of one shape",
            )
    weights = [load_file(str(folder / "model.safetensors")) for folder in folders]
    if any(set(w) != set(weights[0]) for w in weights[1:]):
        raise InputError(str(out), "the models hold different tensors", "average models of one shape")
    mean = {k: (sum(w[k].float() for w in weights) / len(weights)).contiguous() for k in weights[0]}
    out.mkdir(parents=True, exist_ok=True)
    save_file(mean, str(out / "model.safetensors"), metadata={"format": "pt"})
    config = configs[0]
    config.temperature = 1.0
    config.training = {
        "soup": [
            {key: c.training.get(key) for key in _MEMBER if c.training.get(key) is not None} for c in configs
        ]
    }
    (out / "config.json").write_text(config.to_json() + "\n", encoding="utf-8")
    return config.training


def main(argv: Sequence[str] | None = None) -> None:
    import argparse

    from kg.nlp.annotator import write_sums
    from kg.nlp.calibrate import refit

    parser = argparse.ArgumentParser(
        prog="python -m kg.nlp.soup", description="Average models trained from one starting model."
    )
    parser.add_argument("out", type=Path, help="the new model folder")
    parser.add_argument("models", type=Path, nargs="+", help="model folders saved by kg train")
    parser.add_argument("--dev", type=Path, nargs="+", required=True, help="gold files to calibrate on")
    args = parser.parse_args(argv)
    info = average(args.models, args.out)
    info["calibration"] = refit(args.out, args.dev)
    write_sums(args.out)
    print(json.dumps(info, indent=2))


if __name__ == "__main__":
    main()
