"""Stand-off annotations (the Wikinews corpus): no text kept, texts joined back, changed texts refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.corpus.authoring import AuthoringError
from kg.corpus.standoff import is_standoff, join_texts, text_hash, to_standoff
from kg.corpus.wikinews import label_article
from kg.errors import InputError
from kg.nlp.run import load_gold

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT / "data" / "corpus" / "wikinews"
SHARED_TEXTS = ROOT.parent / "shared" / "datasets" / "wikinews" / "articles.jsonl"

TEXT = (
    "Monday, March 2, 2020\n\n"
    "The ministry denied the report on Monday. "
    "Ana Ruiz, citing two officials, said talks had resumed."
)
ARTICLE = {"id": "wn-test", "url": "https://example.org/a", "published": "2020-03-02", "text": TEXT}
ENTRY = {
    "id": "wn-test",
    "sentences": [
        "-",
        {
            "speaker": "Ministry of Trade",
            "speaker_mention": "The ministry",
            "speaker_type": "government",
            "cue": "denied",
            "cue_mention": "denied",
            "holder": "Ministry of Trade",
            "stance": "denying",
        },
        {
            "speaker": "unnamed officials",
            "speaker_mention": "two officials",
            "speaker_type": "unnamed",
            "cue": "said",
            "cue_mention": "said",
            "via": ["Ana Ruiz"],
            "holder": "unnamed officials",
            "stance": "eager",
        },
    ],
    "entities": {"Ministry of Trade": ["the ministry"], "unnamed officials": [], "Ana Ruiz": []},
    "counters": [[1, 2]],
}


def write_texts(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_an_entry_becomes_a_record_with_offsets() -> None:
    rec = label_article(ENTRY, ARTICLE)
    first, denial, claim = rec["sentences"]
    assert first["text"] == "Monday, March 2, 2020" and first["speaker"] is None
    assert first["stance"] == "neutral" and first["via"] == []
    m = denial["speaker_mention"]
    assert TEXT[m["start"] : m["end"]] == "The ministry"
    assert claim["via"] == ["Ana Ruiz"] and TEXT[claim["cue_mention"]["start"] :].startswith("said")
    assert rec["counters"] == [[1, 2]]


def test_an_entry_that_does_not_fit_is_refused() -> None:
    short = {**ENTRY, "sentences": ENTRY["sentences"][:2]}
    with pytest.raises(AuthoringError, match="3 sentences, 2 entries"):
        label_article(short, ARTICLE)
    unknown = {**ENTRY, "entities": {}}
    with pytest.raises(AuthoringError, match="not a key of entities"):
        label_article(unknown, ARTICLE)
    bad_mention = json.loads(json.dumps(ENTRY))
    bad_mention["sentences"][1]["speaker_mention"] = "the minister"
    with pytest.raises(AuthoringError, match="not in"):
        label_article(bad_mention, ARTICLE)


def test_standoff_keeps_no_text_and_joins_back(tmp_path: Path) -> None:
    full = label_article(ENTRY, ARTICLE)
    off = to_standoff(full)
    assert is_standoff(off) and "text" not in off
    assert TEXT[20:] not in json.dumps(off)  # no sentence text is kept
    assert all(re.fullmatch(r"[0-9a-f]{12}", s["hash"]) for s in off["sentences"])
    texts = write_texts(tmp_path / "texts.jsonl", ARTICLE)
    (joined,) = join_texts([off], texts)
    assert joined["text"] == TEXT
    assert [s["text"] for s in joined["sentences"]] == [s["text"] for s in full["sentences"]]
    assert joined["sentences"][1]["speaker"] == "Ministry of Trade"


def test_a_changed_or_missing_text_is_a_clear_error(tmp_path: Path) -> None:
    off = to_standoff(label_article(ENTRY, ARTICLE))
    changed = write_texts(tmp_path / "changed.jsonl", {**ARTICLE, "text": TEXT.replace("denied", "denies")})
    with pytest.raises(InputError, match=r"article wn-test, sentence 1 .*differs"):
        join_texts([off], changed)
    other = write_texts(tmp_path / "other.jsonl", {**ARTICLE, "id": "wn-other"})
    with pytest.raises(InputError, match="article wn-test: no text"):
        join_texts([off], other)
    with pytest.raises(InputError, match="not there"):
        join_texts([off], tmp_path / "missing.jsonl")


def test_eval_names_the_missing_texts_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(to_standoff(label_article(ENTRY, ARTICLE))) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), "--texts", str(tmp_path / "nope.jsonl")])
    assert result.exit_code != 0
    assert "nope.jsonl" in str(result.exception) or "nope.jsonl" in result.output


def test_the_corpus_files_are_stand_off_only() -> None:
    for split in ("train", "dev", "test"):
        for line in (WIKINEWS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert is_standoff(rec) and set(rec) <= {
                "id",
                "url",
                "published",
                "outlet",
                "license",
                "sentences",
                "entities",
                "counters",
                "same",
                "reverses",
            }
            assert all("text" not in s for s in rec["sentences"])
    # pairs and agent clusters: ids, indices and names only
    for name in ("cross.jsonl", "agents.jsonl", "agreement/pairs-second-pass.jsonl"):
        for line in (WIKINEWS / name).read_text(encoding="utf-8").splitlines():
            assert set(json.loads(line)) <= {
                "a",
                "b",
                "counters",
                "same",
                "reverses",
                "agent",
                "class",
                "wikidata",
                "names",
                "unnamed",
                "article",
                "id",
            }


@pytest.mark.skipif(not SHARED_TEXTS.is_file(), reason="the Wikinews texts are not beside the checkout")
def test_the_corpus_joins_with_the_shared_texts() -> None:
    sizes = {}
    for split in ("train", "dev", "test"):
        records = load_gold(WIKINEWS / f"{split}.jsonl", SHARED_TEXTS)
        sizes[split] = len(records)
        for rec in records:
            for s in rec["sentences"]:
                assert text_hash(s["text"]) and rec["text"][s["start"] : s["end"]] == s["text"]
    assert sizes["test"] >= 60 and sizes["dev"] >= 40


def _fetch_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("fetch_wikinews", ROOT / "scripts" / "fetch_wikinews.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fetch_script_rebuilds_the_text_and_checks_hashes(tmp_path: Path) -> None:
    fetch = _fetch_script()
    assert "action=render" in fetch.render_url("https://en.wikinews.org/wiki/Some_title,_here")
    body = "The ministry denied the report on Monday. Ana Ruiz, citing two officials, said talks had resumed."
    html = (
        '<div><span id="publishDate">Monday, March 2, 2020</span>'
        f"<p>{body}</p><table><tr><td>infobox</td></tr></table><p>Sources</p></div>"
    )
    assert fetch.page_text(html) == TEXT
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = to_standoff(label_article(ENTRY, ARTICLE))
    edited = {**good, "id": "wn-edited", "url": "https://example.org/b"}
    (corpus / "train.jsonl").write_text(json.dumps(good) + "\n" + json.dumps(edited) + "\n")
    for split in ("dev", "test"):
        (corpus / f"{split}.jsonl").write_text("")
    pages = {"https://example.org/a": html, "https://example.org/b": html.replace("denied", "rejected")}
    out = tmp_path / "texts.jsonl"
    assert fetch.run(corpus, out, get=pages.__getitem__, pause=0) == (1, 2)
    (joined,) = join_texts([good], out)
    assert joined["text"] == TEXT


@pytest.mark.skipif(not SHARED_TEXTS.is_file(), reason="the Wikinews texts are not beside the checkout")
def test_the_default_texts_are_found_from_any_folder(tmp_path: Path, monkeypatch) -> None:
    from kg.corpus.standoff import default_texts

    monkeypatch.chdir(tmp_path)
    assert default_texts().resolve() == SHARED_TEXTS.resolve()
