from __future__ import annotations

from kg.nlp.features import find_name, sentence_targets, tag_targets
from kg.nlp.labels import BIO, SOURCES, TAG_LAYERS, case_class
from kg.nlp.windows import CLS, SEP, pack, tokenize


def test_sentences_pack_into_windows_each_token_once(tokenizer, gold_article: dict) -> None:
    text = gold_article["text"]
    spans = [(s["start"], s["end"]) for s in gold_article["sentences"]]
    pieces = tokenize(tokenizer, text, spans, 10)
    windows = pack(pieces, 0, 64)
    assert len(windows) < len(spans)
    total = sum(len(p.ids) for p in pieces)
    assert sum(len(w.input_ids) - 2 for w in windows) == total
    for w in windows:
        assert w.input_ids[0] == CLS and w.input_ids[-1] == SEP and len(w.input_ids) <= 64
        for sid, (a, b) in zip(w.sentence_ids, w.offsets, strict=True):
            if sid >= 0:
                s, e = spans[sid - 10]
                assert s <= a < b <= e


def test_long_sentence_is_chunked_not_dropped(tokenizer) -> None:
    text = " ".join(["word"] * 300) + "."
    windows = pack(tokenize(tokenizer, text, [(0, len(text))], 0), 0, 64)
    assert len(windows) == 5 and all(len(w.input_ids) <= 64 for w in windows)
    assert {s for w in windows for s in w.sentence_ids if s >= 0} == {0}


def test_targets_from_gold(tokenizer, gold_article: dict) -> None:
    targets = sentence_targets(gold_article)
    assert [SOURCES[t.source] for t in targets] == ["none", "mention", "mention", "carry", "none"]
    text = gold_article["text"]
    via = targets[1].spans["via"][0]
    assert text[via[0] : via[1]] == "the Harbour Ledger"
    holder = targets[1].spans["holder"][0]
    assert text[holder[0] : holder[1]] == "the employers"
    spans = [(s["start"], s["end"]) for s in gold_article["sentences"]]
    (window, *_) = pack(tokenize(tokenizer, text, spans, 0), 0, 256)
    tags = tag_targets(window, targets, 0)
    speaker_layer = TAG_LAYERS.index("speaker")
    tagged = [
        tokenizer.id_to_token(i) for i, row in zip(window.input_ids, tags, strict=True) if row[speaker_layer]
    ]
    assert tagged == ["sources", "ana", "ruiz"]
    assert [BIO[row[speaker_layer]] for row in tags if row[speaker_layer]] == ["B", "B", "I"]


def test_find_name_prefers_longest_whole_word() -> None:
    text = "Ruizberg met Ana Ruiz and Ruiz."
    assert find_name(text, 0, len(text), ["Ruiz", "Ana Ruiz"]) == (13, 21)
    assert find_name(text, 0, 12, ["Ruiz"]) is None


def test_case_classes() -> None:
    assert [case_class(t) for t in ("", ",", "talks", "UN", "Ruiz")] == [0, 0, 1, 2, 3]


def test_windows_are_framed_by_the_tokenizers_own_specials(tokenizer) -> None:
    """BERT's [CLS]/[SEP] for MiniLM; a base whose vocabulary has <s>/</s> (MPNet) gets those."""
    from kg.nlp.windows import frame_of

    assert frame_of(tokenizer) == (CLS, SEP)

    class RobertaLike:
        def token_to_id(self, token: str) -> int | None:
            return {"<s>": 0, "</s>": 2, "[CLS]": 104, "[SEP]": 105}.get(token)

    assert frame_of(RobertaLike()) == (0, 2)
    text = "One sentence here."
    (window,) = pack(tokenize(tokenizer, text, [(0, len(text))], 0), 0, 64, (0, 2))
    assert window.input_ids[0] == 0 and window.input_ids[-1] == 2
    assert window.sentence_ids[0] == window.sentence_ids[-1] == -1
