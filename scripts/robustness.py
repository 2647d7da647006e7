"""The hardening battery (not a test): hostile inputs, queries and requests, and a crash, with counts.

    python3 scripts/robustness.py [--inputs 600] [--seed 7]

Prints one row per class: inputs tried, crashes, hangs, partial graphs, triples lost,
outbound connections, updates accepted. Every count but the first should be zero.
Runs on loopback only; every loop is bounded.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from kg.ingest import Diagnostics, read_articles  # noqa: E402
from kg.segment import segment  # noqa: E402

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@dataclass
class Row:
    name: str
    tried: int = 0
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            (
                "crashes",
                "hangs",
                "partial graphs",
                "triples lost",
                "outbound connections",
                "updates accepted",
                "unsafe outputs",
                "over budget",
            ),
            0,
        )
    )


class Hang(Exception):
    pass


def _alarm(_signum, _frame):
    raise Hang


def hostile_inputs(rng: random.Random, n: int) -> list[tuple[str, bytes]]:
    """Malformed and hostile files: bytes, encodings, quotes, size, nesting, scripts, entity bombs."""
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    makers = [
        lambda: (".txt", rng.randbytes(rng.randint(0, 4000))),
        lambda: (".txt", b"\xff\xfe" + rng.randbytes(200) + "Talks “resumed.".encode()),
        lambda: (".txt", ("\x00" * rng.randint(1, 5) + "He said “no. " * rng.randint(1, 50)).encode()),
        lambda: (".txt", ("\ufeff" + "“Unbalanced, he said. " * rng.randint(1, 200)).encode()),
        lambda: (
            ".txt",
            " ".join(rng.choice(["talks", "U.S.", "said", "“", ".", "Gov."]) for _ in range(20_000)).encode(),
        ),
        lambda: (
            ".jsonl",
            b"\n".join(
                rng.choice([b"{", b'{"text": 5}', b"[]", b'{"id": "x", "text": "A."}', rng.randbytes(50)])
                for _ in range(30)
            ),
        ),
        lambda: (
            ".json",
            rng.choice([b"{" * 5000, b"[" * 5000 + b"]" * 5000, b'{"articles": [1, 2, {"body": ""}]}']),
        ),
        lambda: (
            ".html",
            ("<div>" * rng.randint(100, 3000) + "<p>The minister said talks failed.</p>").encode(),
        ),
        lambda: (
            ".html",
            b"<html><script>" + b"x" * 100_000 + b"</script><style>p{}</style><p>Talks resumed.</p></html>",
        ),
        lambda: (
            ".html",
            f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY l0 "lol">{lol}<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><p>&l9; &x; Officials said talks resumed.</p></body></html>'.encode(),
        ),
    ]
    return [makers[k % len(makers)]() for k in range(n)]


def run_inputs(rng: random.Random, n: int) -> Row:
    row = Row("hostile inputs (ingest, segment)")
    signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory() as tmp:
        for k, (suffix, data) in enumerate(hostile_inputs(rng, n)):
            path = Path(tmp) / f"in{k}{suffix}"
            path.write_bytes(data)
            row.tried += 1
            signal.alarm(20)
            try:
                for article in read_articles([str(path)], Diagnostics()):
                    for s in segment(article):
                        if article.text[s.start : s.end] != s.text:
                            row.counts["crashes"] += 1
                            break
                    if "root:x:" in article.text:
                        row.counts["outbound connections"] += 1  # a local file was read through an entity
            except Hang:
                row.counts["hangs"] += 1
            except Exception as exc:
                print(f"  crash on {path.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                row.counts["crashes"] += 1
            finally:
                signal.alarm(0)
    return row


def build_seed_store(folder: Path) -> None:
    subprocess.run(
        ["kg", "ingest", str(ROOT / "seeds"), "--store", str(folder)], check=True, capture_output=True
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listener() -> tuple[int, list[bool], threading.Thread, socket.socket]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.5)
    hits: list[bool] = []
    stop = time.monotonic() + 60

    def accept() -> None:
        while time.monotonic() < stop:
            try:
                conn, _ = sock.accept()
                hits.append(True)
                conn.close()
            except OSError:
                if sock.fileno() == -1:
                    return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    return sock.getsockname()[1], hits, thread, sock


def run_queries(store: Path) -> Row:
    from kg.errors import QueryError
    from kg.graph.audit import audit_queries
    from kg.graph.local import LocalStore

    row = Row("SPARQL via kg query / audit")
    port, hits, _, sock = listener()
    hostile_values = [
        'x" } ; DROP ALL ; #',
        "<urn:x> } INSERT DATA { <a> <b> <c> } #",
        '") } } DELETE WHERE { ?s ?p ?o } #',
    ]
    outbound = [
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/s> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <http://127.0.0.1:{port}/d.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <http://127.0.0.1:{port}/d.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"LOAD <http://127.0.0.1:{port}/d.ttl>",
        "DROP ALL",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    ]
    with LocalStore(store, readonly=True).runner(2.0) as runner:
        before = runner.run(COUNT).rows
        for q in audit_queries().values():
            for value in hostile_values:
                for name in ("speaker", "holder", "outlet"):
                    row.tried += 1
                    with contextlib.suppress(QueryError):
                        runner.run(q.text, {name: value})
        for text in outbound:
            row.tried += 1
            with contextlib.suppress(QueryError):
                runner.run(text)
        row.tried += 1
        start = time.monotonic()
        with contextlib.suppress(QueryError):
            runner.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
        if time.monotonic() - start > 4.0:
            row.counts["hangs"] += 1
        after = runner.run(COUNT).rows
    if after != before:
        row.counts["updates accepted"] += 1
    sock.close()
    row.counts["outbound connections"] += len(hits)
    return row


def run_endpoint(store: Path) -> Row:
    row = Row("HTTP endpoint (kg serve)")
    target, hits, _, sock = listener()
    proc, base = start_serve(store)

    def call(method: str, url: str, data: bytes | None = None, headers: dict | None = None) -> int:
        req = urllib.request.Request(base + url, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def count() -> str:
        with urllib.request.urlopen(
            base + "/query?" + urllib.parse.urlencode({"query": COUNT}), timeout=10
        ) as r:
            return r.read().decode()

    before = count()
    q = urllib.parse.urlencode
    requests = [
        ("POST", "/query", b"DROP ALL", {"Content-Type": "application/sparql-update"}),
        ("POST", "/sparql", b"update=DROP%20ALL", {"Content-Type": "application/x-www-form-urlencoded"}),
        ("GET", "/query?" + q({"update": "CLEAR ALL"}), None, {}),
        ("GET", "/query?" + q({"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}), None, {}),
        ("GET", "/query?" + q({"query": f"LOAD <http://127.0.0.1:{target}/x>"}), None, {}),
        (
            "GET",
            "/query?"
            + q({"query": f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{target}/s> {{ ?s ?p ?o }} }}"}),
            None,
            {},
        ),
        ("PUT", "/query", b"x", {}),
        ("DELETE", "/query", None, {}),
        ("POST", "/query", b"<x/>", {"Content-Type": "application/xml"}),
        ("GET", "/query?" + q([("query", "ASK {}"), ("query", "ASK {}")]), None, {}),
        ("GET", "/query?query=SELEC", None, {}),
        ("GET", "/query?" + q({"query": "ASK {}"}), None, {"Accept": "image/png"}),
    ]
    for method, url, data, headers in requests:
        row.tried += 1
        status = call(method, url, data, headers)
        if status >= 500:
            row.counts["crashes"] += 1
        elif status < 400:
            row.counts["updates accepted"] += 1
    if count() != before:
        row.counts["triples lost"] += 1
    proc.terminate()
    proc.wait(timeout=10)
    sock.close()
    row.counts["outbound connections"] += len(hits)
    return row


def run_crash(workdir: Path) -> Row:
    """SIGKILL `kg ingest` while it writes, then check every stored article is whole."""
    from kg.graph.local import LocalStore
    from kg.records import Article

    row = Row("SIGKILL during kg ingest")
    records = [json.loads(line) for line in (ROOT / "data/corpus/test.jsonl").open(encoding="utf-8")]
    inputs = workdir / "crash-in"
    inputs.mkdir()
    expected = {}
    for rec in records:
        (inputs / f"{rec['id']}.json").write_text(
            json.dumps({"id": rec["id"], "text": rec["text"]}), encoding="utf-8"
        )
        expected[rec["id"]] = len(segment(Article(rec["id"], rec["text"])))
    for attempt, delay in enumerate((0.0, 0.3, 0.8)):
        store_dir = workdir / f"crash-store-{attempt}"
        proc = subprocess.Popen(
            ["kg", "ingest", str(inputs), "--store", str(store_dir)], stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (store_dir / "oxigraph").exists():
            time.sleep(0.05)
        start = _written(store_dir)
        while time.monotonic() < deadline and _written(store_dir) < start + 20_000:
            time.sleep(0.05)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        row.tried += 1
        try:
            store = LocalStore(store_dir)
        except OSError:
            row.counts["crashes"] += 1
            continue
        rows = store.select(
            "PREFIX kg: <https://w3id.org/kg-news/ns#> "
            "SELECT ?id (COUNT(?s) AS ?n) WHERE { ?a kg:articleId ?id . ?s kg:inArticle ?a } GROUP BY ?id"
        )
        row.counts["partial graphs"] += sum(1 for r in rows if int(r["n"].value) != expected[r["id"].value])
        del store
    return row


def run_big_jsonl(workdir: Path) -> tuple[Row, str]:
    """`kg segment` over 10 MB and 100 MB of JSON Lines: peak memory must stay flat and bounded."""
    row = Row("100 MB JSON Lines (kg segment)")
    texts = [json.loads(line)["text"] for line in (ROOT / "data/corpus/dev.jsonl").open(encoding="utf-8")]
    peaks = []
    for megabytes in (10, 100):
        path = workdir / f"big-{megabytes}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            k = 0
            while fh.tell() < megabytes * 1_000_000:
                fh.write(json.dumps({"id": f"a{k}", "text": texts[k % len(texts)]}) + "\n")
                k += 1
        row.tried += 1
        # a fresh parent per run, so the peak is this command's alone
        probe = (
            "import resource, subprocess, sys; "
            "r = subprocess.run(sys.argv[1:]).returncode; "
            "print(r, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        command = [sys.executable, "-c", probe, "kg", "segment", str(path), "-o", str(workdir / "out.jsonl")]
        try:
            done = subprocess.run(command, timeout=600, capture_output=True, text=True)
        except subprocess.TimeoutExpired:
            row.counts["hangs"] += 1
            continue
        code, peak_kb = (int(x) for x in done.stdout.split())
        peaks.append((megabytes, peak_kb / 1024))
        if code != 0 or peak_kb / 1024 > 600:
            row.counts["crashes"] += 1
        path.unlink()
    note = ", ".join(f"{mb} MB: peak RSS {rss:.0f} MB" for mb, rss in peaks)
    return row, note


def _written(folder: Path) -> int:
    """Bytes of data written: write-ahead logs and tables only (not the info LOG or OPTIONS files)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if re.fullmatch(r"\d+\.(?:log|sst)", p.name))


def start_serve(store: Path) -> tuple[subprocess.Popen, str]:
    """`kg serve --timeout 2` on a free loopback port, once it answers."""
    port = free_port()
    proc = subprocess.Popen(
        ["kg", "serve", "--store", str(store), "--port", str(port), "--timeout", "2"], stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    return proc, base


def run_hardening(work: Path, store: Path) -> tuple[list[Row], list[str]]:
    """Issue 16's classes (scripts/robustness_hardening.py), with the figures they measured."""
    import robustness_hardening as h

    rows = [
        Row(name)
        for name in (
            "bad Unicode, file names (segment, ingest)",
            "output injection (CSV, TSV, terminal)",
            "store conditions (in use, file, read-only, full disk)",
            "budgets (query memory, nesting, size; 20 MB page; 200 MB article)",
            "HTTP limits (body, URL, slow clients, busy pool, tokens)",
            "serve while ingesting",
        )
    ]
    notes = []
    h.run_unicode(rows[0], work)
    proc, base = start_serve(store)
    try:
        h.run_outputs(rows[1], store, base)
        h.run_http_limits(rows[4], base, store)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    notes.append(h.run_store(rows[2], work, store))
    notes.append(h.run_budgets(rows[3], work, store))
    notes.append(h.run_live_ingest(rows[5], work, store, start_serve))
    return rows, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only-hardening", action="store_true", help="Run only issue 16's classes.")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        store = work / "seed-store"
        build_seed_store(store)
        rows, notes = [], []
        if not args.only_hardening:
            big, memory = run_big_jsonl(work)
            rows = [
                run_inputs(rng, args.inputs),
                big,
                run_queries(store),
                run_endpoint(store),
                run_crash(work),
            ]
            notes.append(f"memory of kg segment: {memory}")
        more, hardening_notes = run_hardening(work, store)
        rows += more
        notes += hardening_notes
    keys = list(rows[0].counts)
    print("| class | inputs tried | " + " | ".join(keys) + " |")
    print("| --- " * (len(keys) + 2) + "|")
    for row in rows:
        print(f"| {row.name} | {row.tried} | " + " | ".join(str(row.counts[k]) for k in keys) + " |")
    for note in notes:
        print(f"\n{note}")
    bad = sum(sum(r.counts.values()) for r in rows)
    print(f"\n{'all zero' if not bad else f'{bad} problem(s)'}: {time.strftime('%Y-%m-%d')}")
    raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
