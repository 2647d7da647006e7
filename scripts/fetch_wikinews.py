"""Fetch the Wikinews texts of the stand-off corpus from Wikinews, and check them against the hashes.

    python3 scripts/fetch_wikinews.py [-o wikinews-texts.jsonl] [--corpus data/corpus/wikinews]

For a user without ``../shared/datasets/wikinews/articles.jsonl``: each article of the
corpus is fetched by its url (the internet is needed), its text is rebuilt the way the
shared file was scraped (the date line first, then the paragraphs of the article body,
separated by blank lines), written as ``{"id", "url", "title", "published", "outlet",
"text"}`` lines, and every annotated sentence's hash is checked. An article edited on
Wikinews since it was annotated, or rendered differently, is reported with the number of
sentences that differ; those articles cannot be used with the annotations (`kg eval` and
`kg train` refuse them by name). Then: ``kg eval data/corpus/wikinews/test.jsonl --texts FILE``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.annotation import read_records  # noqa: E402
from kg.corpus.standoff import text_hash  # noqa: E402

AGENT = "kg-corpus-fetch/0.1 (https://w3id.org/kg-news; research use)"
# Paragraphs of the body that are Wikinews furniture, not the article.
_FURNITURE = re.compile(r"^(?:Sources?|Related news|Sister links|External links|This page is archived)\b")


def render_url(url: str) -> str:
    """The article body alone (MediaWiki's action=render), for a /wiki/Title url."""
    title = urllib.parse.unquote(url.rsplit("/wiki/", 1)[-1])
    query = urllib.parse.urlencode({"title": title, "action": "render"})
    return f"https://en.wikinews.org/w/index.php?{query}"


def fetch(url: str) -> str:
    request = urllib.request.Request(render_url(url), headers={"User-Agent": AGENT})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode("utf-8")


def page_text(html: str) -> str:
    """The date line and the body's paragraphs, separated by blank lines."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(html)
    for junk in root.xpath("//table | //style | //script | //sup[contains(@class,'reference')]"):
        junk.getparent().remove(junk)
    date = root.xpath("string(//*[@id='publishDate'])").strip()
    paragraphs = []
    for p in root.xpath("//p"):
        text = " ".join(p.text_content().split())
        if text and not _FURNITURE.match(text):
            paragraphs.append(text)
    if date and (not paragraphs or paragraphs[0] != date):
        paragraphs.insert(0, date)
    return "\n\n".join(paragraphs)


def check(record: dict, text: str) -> int:
    """How many annotated sentences of ``record`` do not hash the same in ``text``."""
    return sum(
        s["end"] > len(text) or text_hash(text[s["start"] : s["end"]]) != s["hash"]
        for s in record["sentences"]
    )


def run(corpus: Path, out: Path, get: Callable[[str], str] = fetch, pause: float = 1.0) -> tuple[int, int]:
    """Fetch every article of the corpus into ``out``; (articles whose hashes all match, articles)."""
    matched = total = 0
    with open(out, "w", encoding="utf-8") as fh:
        for split in ("train", "dev", "test"):
            for record in read_records(corpus / f"{split}.jsonl"):
                total += 1
                try:
                    text = page_text(get(record["url"]))
                except OSError as exc:
                    print(f"{record['id']}: could not fetch {record['url']}: {exc}", file=sys.stderr)
                    continue
                row = {k: record.get(k) for k in ("id", "url", "published", "outlet")}
                fh.write(json.dumps({**row, "text": text}, ensure_ascii=False) + "\n")
                bad = check(record, text)
                matched += bad == 0
                if bad:
                    print(
                        f"{record['id']}: {bad} of {len(record['sentences'])} sentences differ",
                        file=sys.stderr,
                    )
                time.sleep(pause)
    return matched, total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-o", "--out", type=Path, default=Path("wikinews-texts.jsonl"))
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus" / "wikinews")
    args = parser.parse_args()
    matched, total = run(args.corpus, args.out)
    print(f"{args.out}: {total} articles fetched, {matched} match the annotations exactly")
    sys.exit(0 if matched == total else 1)


if __name__ == "__main__":
    main()
