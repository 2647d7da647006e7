"""What `kg train` and `kg eval` do, as functions (the CLI only parses and prints)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.annotation import json_lines, read_records
from kg.corpus.standoff import is_standoff, join_texts
from kg.errors import InputError
from kg.nlp.baseline import annotate_baseline
from kg.nlp.evaluate import Scores, score
from kg.nlp.polnear import Overlap, read_polnear
from kg.segment import sentence_spans

Labeller = Callable[[Sequence[tuple[str, Sequence[tuple[int, int]]]]], list[list[dict]]]


def load_gold(path: Path, texts: Path | None = None) -> list[dict]:
    """Gold records with their texts: a stand-off file is joined with ``texts`` (kg.corpus.standoff)."""
    return with_texts(list(read_records(path)), path, texts)


def with_texts(records: list[dict], path: Path, texts: Path | None = None) -> list[dict]:
    """``records`` read from ``path``, each carrying its article text (joined from ``texts`` if stand-off)."""
    if records and is_standoff(records[0]):
        return join_texts(records, texts, where=str(path))
    for rec in records:
        if "text" not in rec:
            raise ValueError(
                f"{path}: article {rec.get('id')} has no 'text'; a gold file carries the article text"
            )
    return records


def _docs(texts: Sequence[str]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each text with kg's own sentence spans: evaluation sees what a user's run sees."""
    return [(text, sentence_spans(text)) for text in texts]


def _baseline(docs: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[list[dict]]:
    return [annotate_baseline(text, spans) for text, spans in docs]


def read_predicted(path: Path) -> dict[str, list[dict]]:
    """Sentences by article id of an annotation-format file made elsewhere (`kg annotate` output,
    another tool's, a second annotator's), to be scored as a system of its own."""
    out: dict[str, list[dict]] = {}
    for where, rec in json_lines(path):
        if not (
            isinstance(rec, dict)
            and isinstance(rec.get("id"), str)
            and isinstance(rec.get("sentences"), list)
        ):
            raise InputError(
                where, "not an annotation record", "each line is an object with 'id' and 'sentences'"
            )
        for i, sent in enumerate(rec["sentences"]):
            if not (
                isinstance(sent, dict)
                and isinstance(sent.get("start"), int)
                and isinstance(sent.get("end"), int)
            ):
                raise InputError(
                    f"{where} ({rec['id']}) sentence {i}",
                    "has no start/end offsets",
                    "a sentence record carries the character offsets of its sentence in the article",
                )
        out[rec["id"]] = rec["sentences"]
    return out


def evaluate_gold(
    systems: dict[str, Labeller],
    records: Sequence[dict],
    given: dict[str, dict[str, list[dict]]] | None = None,
) -> dict[str, Scores]:
    """Scores of each named model (``{"model": label, "against": other}``), of each file of sentences
    ``given`` by name (see read_predicted), and of the cue-word baseline."""
    docs = _docs([r["text"] for r in records])
    ids = [r["id"] for r in records]
    for name, by_id in (given or {}).items():
        if missing := [i for i in ids if i not in by_id]:
            more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
            raise InputError(
                name,
                f"no record for gold article {missing[0]}{more}",
                "score a file that annotates every article of the gold file",
            )
    labelled = {name: dict(zip(ids, label(docs), strict=True)) for name, label in systems.items()}
    baseline = dict(zip(ids, _baseline(docs), strict=True))
    return {
        name: score(records, by_id)
        for name, by_id in {**labelled, **(given or {}), "baseline": baseline}.items()
    }


def dev_score(label: Labeller, records: Sequence[dict]) -> float:
    """The single figure training selects on: mean of the main figures on dev."""
    s = score(
        records,
        dict(zip([r["id"] for r in records], label(_docs([r["text"] for r in records])), strict=True)),
    )
    return (s.stance_macro_f1 + s.speaker_accuracy + s.attribution.f1 + s.holder_accuracy) / 4


def evaluate_polnear(systems: dict[str, Labeller], folder: Path) -> dict[str, dict[str, Overlap]]:
    """Speaker-mention and cue overlap P/R/F1 on a PolNeAR split, for each model and the baseline."""
    docs = list(read_polnear(folder))
    texts = {d.text_path: d.text_path.read_text(encoding="utf-8") for d in docs}
    paths = list(texts)
    inputs = _docs([texts[p] for p in paths])
    out: dict[str, dict[str, Overlap]] = {}
    for name, system in {**systems, "baseline": _baseline}.items():
        by_path = dict(zip(paths, system(inputs), strict=True))
        speaker, cue = Overlap(), Overlap()
        for d in docs:
            sents = by_path[d.text_path]
            speaker.add(
                d.sources,
                [
                    (s["speaker_mention"]["start"], s["speaker_mention"]["end"])
                    for s in sents
                    if s.get("speaker_mention")
                ],
            )
            cue.add(
                d.cues,
                [(s["cue_mention"]["start"], s["cue_mention"]["end"]) for s in sents if s.get("cue_mention")],
            )
        out[name] = {"speaker_mention": speaker, "cue": cue}
    return out


def scores_json(results: dict[str, Scores]) -> str:
    return json.dumps({k: v.summary() for k, v in results.items()}, indent=2)
