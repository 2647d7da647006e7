"""Model commands: annotate, train, eval. Every heavy import happens inside the command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import Output, Paths, _err, _finish, _open_output, app

ModelDir = Annotated[
    Path | None,
    typer.Option("--model", help="Model folder (config.json + model.safetensors); default: shipped."),
]
Threads = Annotated[int, typer.Option("--threads", help="CPU threads for torch.")]
Device = Annotated[
    str, typer.Option("--device", help="cpu, cuda, cuda:N or auto. On CUDA: float16, large batches.")
]
Precision = Annotated[
    str | None,
    typer.Option(
        "--precision",
        help="fp32 (CPU default); bf16 (CPUs with AMX or AVX512-BF16); int8 (CPU); fp16 (CUDA default).",
    ),
]


@app.command()
def annotate(
    paths: Paths,
    output: Output = None,
    model: ModelDir = None,
    threads: Threads = 2,
    device: Device = "cpu",
    precision: Precision = None,
) -> None:
    """Tag speaker, cue, via, channel, holder and stance: one annotation-format JSON line per article."""
    from kg.annotation import dumps
    from kg.cli.progress import progress
    from kg.ingest import Diagnostics, read_articles
    from kg.nlp.annotator import WEIGHTS, Annotator

    annotator = Annotator(model or WEIGHTS, threads=threads, device=device, precision=precision)
    diag = Diagnostics(sink=_err)
    with _open_output(output) as out, progress("annotating") as tick:
        for record in annotator.annotate(read_articles(paths, diag)):
            out.write(dumps(record) + "\n")
            tick()
    _finish(diag)


@app.command()
def train(
    corpus: Annotated[Path, typer.Option(help="Folder with train.jsonl and dev.jsonl.")] = Path(
        "data/corpus"
    ),
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to save the model folder.")] = Path(
        "runs/model"
    ),
    epochs: Annotated[int, typer.Option(help="Passes over the training split.")] = 12,
    seed: Annotated[int, typer.Option(help="Random seed (training is reproducible for a seed).")] = 13,
    threads: Threads = 2,
) -> None:
    """Train the adapters and heads on the corpus's train split; keep the epoch best on dev."""
    from kg.nlp.train import run_training

    info = run_training(corpus, out, epochs=epochs, seed=seed, threads=threads, log=_err)
    typer.echo(f"saved {out} (best dev score {info['best_dev_score']}, {info['minutes']} min)")


@app.command("eval")
def evaluate(
    gold: Annotated[list[Path] | None, typer.Argument(help="Gold files in the annotation format.")] = None,
    polnear: Annotated[
        Path | None, typer.Option("--polnear", help="A PolNeAR split folder (text/, attributions/).")
    ] = None,
    model: ModelDir = None,
    threads: Threads = 2,
    device: Device = "cpu",
    precision: Precision = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the figures as JSON here.")
    ] = None,
) -> None:
    """Score the model and a cue-word baseline (same run) on gold files and/or PolNeAR."""
    from kg.nlp.annotator import WEIGHTS, Annotator
    from kg.nlp.report import print_gold, print_polnear, write_json
    from kg.nlp.run import evaluate_gold, evaluate_polnear, load_gold

    if not gold and polnear is None:
        _err("give a gold file or --polnear DIR")
        raise typer.Exit(2)
    annotator = Annotator(model or WEIGHTS, threads=threads, device=device, precision=precision)
    results: dict = {}
    for path in gold or []:
        results[str(path)] = scores = evaluate_gold(annotator.label_docs, load_gold(path))
        print_gold(str(path), scores)
    if polnear is not None:
        results[f"polnear:{polnear}"] = overlaps = evaluate_polnear(annotator.label_docs, polnear)
        print_polnear(str(polnear), overlaps)
    if json_out:
        write_json(json_out, results)
