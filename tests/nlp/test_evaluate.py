from __future__ import annotations

import copy
from pathlib import Path

from kg.nlp.baseline import annotate_baseline
from kg.nlp.evaluate import align, same_entity, score
from kg.nlp.polnear import Overlap, read_polnear

ENTITIES = {
    "United States": ["Washington", "U.S."],
    "Yuyuan Tantian": ["the outlet"],
    "Ana Ruiz": ["he", "Ruiz"],
}


def test_names_match_through_aliases_but_not_pronouns() -> None:
    assert same_entity("Washington", "United States", ENTITIES)
    assert same_entity("the U.S.", "United States", ENTITIES)
    assert not same_entity("the outlet", "Yuyuan Tantian", ENTITIES)
    assert not same_entity("he", "Ana Ruiz", ENTITIES)
    assert same_entity(None, None, ENTITIES) and not same_entity("Ruiz", None, ENTITIES)


def test_rows_marked_uncertain_are_counted_apart(gold_article: dict) -> None:
    rows = copy.deepcopy(gold_article["sentences"])
    for row in rows:
        row["uncertain"] = False
    rows[1]["stance"] = "neutral" if rows[1]["stance"] != "neutral" else "eager"  # wrong, and marked
    rows[1]["uncertain"] = True
    rows[2]["uncertain"] = True  # right, but marked
    s = score([gold_article], {gold_article["id"]: rows})
    assert s.uncertain_share == 2 / len(rows)
    assert s.right_when_sure == 1.0 and s.right_when_uncertain == 0.5
    unmarked = score([gold_article], {gold_article["id"]: gold_article["sentences"]}).summary()
    assert unmarked["uncertain_share"] is None and unmarked["right_when_sure"] is None  # a file without flags


def test_alignment_by_overlap() -> None:
    gold = [{"start": 0, "end": 10}, {"start": 11, "end": 20}, {"start": 30, "end": 40}]
    pred = [{"start": 0, "end": 4}, {"start": 5, "end": 19}, {"start": 21, "end": 25}]
    assert align(gold, pred) == [pred[1], pred[1], None]


def test_perfect_output_scores_one_and_errors_cost(gold_article: dict) -> None:
    perfect = score([gold_article], {gold_article["id"]: gold_article["sentences"]})
    summary = perfect.summary()
    assert summary["attribution_f1"] == 1.0 and summary["speaker_accuracy"] == 1.0
    assert summary["stance_accuracy"] == 1.0 and summary["via_accuracy"] == 1.0
    wrong = copy.deepcopy(gold_article["sentences"])
    wrong[2]["speaker"] = "she"
    wrong[1]["stance"] = "neutral"
    wrong[1]["via"] = []
    s = score([gold_article], {gold_article["id"]: wrong})
    assert s.speaker_accuracy == 2 / 3
    assert s.stance[("eager", "neutral")] == 1
    assert s.via_accuracy == 2 / 3
    assert s.stance_prf("eager").r == 0.0


def test_baseline_finds_said_and_according_to() -> None:
    text = "Ana Ruiz said talks had failed. According to the Ledger, the firm denied it. It rained."
    spans = [(0, 31), (32, 75), (76, 85)]
    out = annotate_baseline(text, spans)
    assert out[0]["speaker"] == "Ana Ruiz" and out[0]["cue"] == "said"
    assert out[1]["cue"] == "according to" and out[1]["stance"] == "denying"
    assert out[2]["speaker"] is None and out[2]["stance"] == "neutral"


def test_polnear_reader_and_overlap(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text("Ana Ruiz said it would rain.", encoding="utf-8")
    (tmp_path / "attributions" / "doc_ab12.ann").write_text(
        "T1\tSource 0 8\tAna Ruiz\nT2\tCue 9 13\tsaid\nT3\tContent 14 27\tit would rain\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\nT4\tSource 14 16;20 25\tx\n",
        encoding="utf-8",
    )
    (doc,) = read_polnear(tmp_path)
    assert doc.sources == ((0, 8), (14, 25)) and doc.cues == ((9, 13),)
    o = Overlap()
    o.add(doc.sources, [(4, 6), (26, 27)])
    assert (o.p, o.r) == (0.5, 0.5)
