"""The second half of the battery (issue 16): Unicode, output injection, store conditions, budgets, HTTP limits.

Each function returns a ``Row`` of scripts/robustness.py; every probe runs ``kg`` as a
user would (a subprocess) and counts what a user would see go wrong.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e")
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def write_huge_article(path: Path, size: int = 200_000_000) -> Path:
    """A JSON Lines file whose first record is one article of ``size`` bytes on one line, then a small one."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"id": "huge", "text": "')
        chunk = "The minister said talks resumed. " * 30_000
        for _ in range(size // len(chunk)):
            fh.write(chunk)
        fh.write('"}\n{"id": "small", "text": "The union said no."}\n')
    return path


def kg(*args: str, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(["kg", *args], capture_output=True, timeout=timeout, **kw)


def _one_line_error(done: subprocess.CompletedProcess, where: str, codes=(1, 2)) -> bool:
    """Exit status 1 or 2, no traceback, an error line naming ``where`` (the path at fault)."""
    err = done.stderr.decode("utf-8", "replace")
    last = err.strip().splitlines()[-1] if err.strip() else ""
    return done.returncode in codes and "Traceback" not in err and where in err and bool(last)


def run_unicode(row, work: Path) -> None:
    """Lone surrogates in every field, non-UTF-8 and escape-laden file names: each one input's error."""
    folder = work / "unicode"
    folder.mkdir()
    good = 0
    lines = []
    for field in ("text", "title", "outlet", "id", "url"):
        for bad in ("\\ud800", "\\udfff", "\\udc80x"):
            rec = f'{{"text": "Officials said talks resumed.", "{field}": "a {bad} b"}}'
            lines.append(rec)
            lines.append(json.dumps({"text": f"The union {field} {len(lines)} said no."}))
            good += 1
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    names = [
        b"latin\xe9.txt",
        b"bad\xff\xfe.txt",
        b"esc\x1b[2J.txt",
        b"bell\x07\x1b]0;t\x07.txt",
        b"nl\nname.txt",
    ]
    for k, raw in enumerate(names):
        (folder / os.fsdecode(raw)).write_bytes(f"The minister {k} said talks resumed.".encode())
        good += 1
    (folder / os.fsdecode(b"empty\x1b[31m.txt")).write_bytes(b"")
    row.tried += len(lines) // 2 + len(names) + 1
    for args in (["segment", str(folder)], ["segment", str(folder), "-o", str(work / "unicode.jsonl")]):
        done = kg(*args)
        err = done.stderr.decode("utf-8", "replace")
        out = (work / "unicode.jsonl").read_bytes() if "-o" in args else done.stdout
        try:
            ids = [json.loads(line) for line in out.decode("utf-8").splitlines()]
        except (UnicodeDecodeError, json.JSONDecodeError):
            row.counts["unsafe outputs"] += 1
            ids = []
        if done.returncode != 1 or "Traceback" in err:
            row.counts["crashes"] += 1
        row.counts["partial graphs"] += abs(good - len(ids))
        row.counts["unsafe outputs"] += sum(err.count(c) for c in UNSAFE)
    store = work / "unicode-store"
    done = kg("ingest", str(folder), "--store", str(store), timeout=600)
    if done.returncode != 1 or "Traceback" in done.stderr.decode("utf-8", "replace"):
        row.counts["crashes"] += 1
    if (store / "derived-graphs-stale").exists():
        row.counts["partial graphs"] += 1  # the derived graphs were not rebuilt


def _hostile_values() -> list[str]:
    return [
        "=cmd|' /C calc'!A0",
        "+1+cmd",
        "-2+3+cmd",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        '=HYPERLINK("http://x","y")',
        "Bob\x1b]0;owned\x07",
        "clear\x1b[2J\x1b[H",
        "csi\x9b31m",
        "rtl\u202eevil",
    ]


def _values_query(values: list[str]) -> str:
    rows = " ".join(json.dumps(v) for v in values)
    return f"SELECT ?speaker WHERE {{ VALUES ?speaker {{ {rows} }} }}"


def _unsafe_csv(text: str, sep: str) -> int:
    bad = 0
    for cells in csv.reader(io.StringIO(text), delimiter=sep):
        for cell in cells:
            value = cell[1:] if sep == "\t" and cell.startswith('"') else cell
            if value.startswith(FORMULA):
                with contextlib.suppress(ValueError):
                    float(value)
                    continue
                bad += 1
    return bad


def run_outputs(row, store: Path, base: str) -> None:
    """Formula cells and escape sequences, through kg query / kg audit and the endpoint."""
    values = _hostile_values()
    query = _values_query(values)
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        row.tried += len(values)
        done = kg("query", query, "--store", str(store), "-f", fmt)
        row.counts["unsafe outputs"] += _unsafe_csv(done.stdout.decode(), sep)
        accept = "text/csv" if fmt == "csv" else "text/tab-separated-values"
        request = urllib.request.Request(
            base + "/query?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept}
        )
        row.tried += len(values)
        with urllib.request.urlopen(request, timeout=30) as r:
            row.counts["unsafe outputs"] += _unsafe_csv(r.read().decode(), sep)
    row.tried += len(values)
    table = kg("query", query, "--store", str(store)).stdout.decode()
    row.counts["unsafe outputs"] += sum(table.count(c) for c in UNSAFE)
    row.tried += 1
    audit = kg("audit", "who-said-what", "--store", str(store), "--param", "speaker=\x1b[2J", "-f", "csv")
    row.counts["unsafe outputs"] += sum(audit.stderr.decode().count(c) for c in UNSAFE)


def _mount(path: Path, size: str, *extra: str) -> bool:
    path.mkdir(exist_ok=True)
    return (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", *extra, "tmpfs", str(path)], capture_output=True
        ).returncode
        == 0
    )


def run_store(row, work: Path, seed: Path) -> str:
    """A store in use, a file, a file as parent, -o to nowhere, a read-only disk, a full disk."""
    inputs = ROOT / "seeds"
    afile = work / "afile"
    afile.write_text("x")
    locked = work / "locked"
    shutil.copytree(seed, locked)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import pyoxigraph as ox, time; s = ox.Store({str(locked / 'oxigraph')!r}); print(1, flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
    )
    holder.stdout.readline()
    cases = [
        (locked, ("ingest", str(inputs), "--store", str(locked))),
        (locked, ("relink", "--store", str(locked))),
        (afile, ("ingest", str(inputs), "--store", str(afile))),
        (afile, ("ingest", str(inputs), "--store", str(afile / "sub"))),
        (work / "missing", ("segment", str(inputs), "-o", str(work / "missing" / "out.jsonl"))),
        (work, ("segment", str(inputs), "-o", str(work))),
        (work / "missing", ("annotate", str(inputs), "-o", str(work / "missing" / "out.jsonl"))),
        (work / "no-store", ("query", "ASK {}", "--store", str(work / "no-store"))),
        (work / "nothing.txt", ("segment", str(work / "nothing.txt"))),
    ]
    for where, args in cases:
        row.tried += 1
        done = kg(*args)
        if not _one_line_error(done, str(where)):
            print(f"  store case {args}: {done.returncode} {done.stderr[-300:]!r}", file=sys.stderr)
            row.counts["crashes"] += 1
    holder.kill()
    note = "tmpfs not mountable here: read-only and full-disk cases not run"
    disk = work / "disk"
    if _mount(disk, "64m"):
        try:
            shutil.copytree(seed, disk / "store")
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
            row.tried += 1
            if not _one_line_error(kg("ingest", str(inputs), "--store", str(disk / "store")), str(disk)):
                row.counts["crashes"] += 1
            if kg("query", "ASK {}", "--store", str(disk / "store")).returncode != 0:
                row.counts["crashes"] += 1  # a read-only store still answers queries
        finally:
            subprocess.run(["umount", str(disk)], check=False)
        note = _full_disk(row, work)
    return note


def _full_disk(row, work: Path) -> str:
    """Ingest the 48 test articles onto a 4 MB disk: one line, whole articles, relink repairs."""
    from kg.graph.local import LocalStore
    from kg.records import Article
    from kg.segment import segment

    disk = work / "full"
    if not _mount(disk, "4m"):
        return "tmpfs not mountable: full disk not run"
    try:
        records = [json.loads(line) for line in (ROOT / "data/corpus/test.jsonl").open(encoding="utf-8")]
        expected = {r["id"]: len(segment(Article(r["id"], r["text"]))) for r in records}
        row.tried += 1
        start = time.monotonic()
        done = kg("ingest", str(ROOT / "data/corpus/test.jsonl"), "--store", str(disk / "store"), timeout=600)
        seconds = time.monotonic() - start
        if not _one_line_error(done, str(disk / "store")) or b"disk full" not in done.stderr:
            print(f"  full disk: {done.returncode} {done.stderr[-300:]!r}", file=sys.stderr)
            row.counts["crashes"] += 1
        subprocess.run(["mount", "-o", "remount,size=128m", str(disk)], check=True)
        store = LocalStore(disk / "store", readonly=True)
        rows = store.select(
            "PREFIX kg: <https://w3id.org/kg-news/ns#> "
            "SELECT ?id (COUNT(?s) AS ?n) WHERE { ?a kg:articleId ?id . ?s kg:inArticle ?a } GROUP BY ?id"
        )
        stored = {r["id"].value: int(r["n"].value) for r in rows}
        del store, rows
        row.counts["partial graphs"] += sum(1 for k, n in stored.items() if n != expected[k])
        if not (disk / "store" / "derived-graphs-stale").exists():
            row.counts["partial graphs"] += 1  # a stopped run must say its links are stale
        if (
            kg("relink", "--store", str(disk / "store")).returncode != 0
            or (disk / "store" / "derived-graphs-stale").exists()
        ):
            row.counts["partial graphs"] += 1
        return f"full disk: stopped after {len(stored)} whole articles in {seconds:.0f} s; relink rebuilt the links"
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def _peak(args: list[str], timeout: float = 600) -> tuple[int, float, float, str]:
    """Exit status, peak RSS (MB, the command and its workers) and seconds of one kg command."""
    probe = (
        "import resource, subprocess, sys, time; t = time.monotonic(); "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.monotonic() - t); "
        "print(r.stderr[-2000:])"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "kg", *args], capture_output=True, text=True, timeout=timeout
    )
    first, _, rest = done.stdout.partition("\n")
    code, kb, seconds = first.split()
    return int(code), int(kb) / 1024, float(seconds), rest


def run_budgets(row, work: Path, store: Path) -> str:
    """Memory-hungry and deeply nested queries, huge query text, a 20 MB page, a 200 MB one-line article."""
    notes = []
    binds = "".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1}) " for i in range(40))
    bomb = f'SELECT (STRLEN(?a40) AS ?n) WHERE {{ BIND("{"x" * 32}" AS ?a0) {binds}}}'
    for memory in (256, 1024):
        row.tried += 1
        code, peak, seconds, err = _peak(["query", bomb, "--store", str(store), "--memory", str(memory)])
        if code != 2 or f"more than {memory} MB" not in err:
            row.counts["crashes"] += 1
        if peak > memory + 700 or seconds > 30:
            row.counts["over budget"] += 1
        notes.append(f"CONCAT bomb at --memory {memory}: stopped at peak {peak:.0f} MB in {seconds:.1f} s")
    for depth in (100, 1000, 5000, 50_000):
        for shape in ("{" * depth + "}" * depth, "{ FILTER(" + "(" * depth + "1" + ")" * depth + ") }"):
            row.tried += 1
            done = kg("query", "SELECT * WHERE " + shape, "--store", str(store))
            refused = (
                b"levels deep" in done.stderr or b"over the limit" in done.stderr
            )  # 50,000: too long first
            if done.returncode != 2 or not refused:
                row.counts["crashes"] += 1
    row.tried += 1
    (work / "huge.rq").write_text("ASK { " + "?s ?p ?o . " * 200_000 + "}")
    done = kg("query", str(work / "huge.rq"), "--store", str(store))
    if done.returncode != 2 or b"over the limit" not in done.stderr:
        row.counts["crashes"] += 1
    page = work / "big.html"
    with page.open("w", encoding="utf-8") as fh:
        fh.write("<html><body><article>")
        for k in range(280_000):
            fh.write(f"<p>The minister said talks with union {k} resumed on Monday {k * 7}.</p>\n")
        fh.write("</article></body></html>")
    row.tried += 1
    code, peak, seconds, err = _peak(
        ["segment", str(page), "--max-article-mb", "50", "-o", str(work / "page.jsonl")]
    )
    if code != 0 or "read as plain text" not in err:
        row.counts["crashes"] += 1
    if seconds > 60:
        row.counts["hangs"] += 1
    notes.append(f"20 MB HTML page: {seconds:.1f} s, peak {peak:.0f} MB (plain-text fallback)")
    huge = write_huge_article(work / "huge.jsonl")
    for command in ("segment", "ingest"):
        row.tried += 1
        target = (
            ["-o", str(work / "huge-out.jsonl")]
            if command == "segment"
            else ["--store", str(work / "huge-store")]
        )
        code, peak, seconds, err = _peak([command, str(huge), *target])
        limit = "10 MB" if command == "segment" else "1 MB"  # the model's commands default lower
        if code != 1 or f"over the limit of {limit}" not in err:
            row.counts["crashes"] += 1
        if peak > 1500:
            row.counts["over budget"] += 1
        notes.append(f"200 MB one-line article, kg {command}: refused, peak {peak:.0f} MB, {seconds:.1f} s")
    huge.unlink()
    return "; ".join(notes)


def _raw(base: str, head: bytes, body: bytes = b"", wait: float = 30) -> tuple[bytes, float]:
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    with socket.create_connection((host, int(port))) as sock:
        sock.settimeout(wait)
        start = time.monotonic()
        with contextlib.suppress(OSError):
            sock.sendall(head)
            sock.sendall(body)
        try:
            answer = sock.recv(100)
        except OSError:
            answer = b""
        return answer, time.monotonic() - start


def run_http_limits(row, base: str, store: Path) -> None:
    """Big bodies, long URLs, slow clients, a busy pool, weak tokens (the server runs with --timeout 2)."""
    from kg.serve_limits import CLIENT_SECONDS

    post = b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-update\r\n"
    probes = [
        (post + b"Content-Length: 50000000\r\n\r\n", b"x" * 50_000_000, b"HTTP/1.1 413"),
        (
            post + b"Transfer-Encoding: chunked\r\n\r\n",
            (b"100000\r\n" + b"a" * 0x100000 + b"\r\n") * 50,
            b"HTTP/1.1 413",
        ),
        (b"GET /query?query=" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"", b"HTTP/1.1 414"),
    ]
    for head, body, expected in probes:
        row.tried += 1
        answer, seconds = _raw(base, head, body)
        if not answer.startswith(expected):
            row.counts["updates accepted" if answer.startswith(b"HTTP/1.1 2") else "crashes"] += 1
        if seconds > 5:
            row.counts["hangs"] += 1
    for head, body, expected in (
        (b"GET /query?qu", b"", b""),
        (post + b"Content-Length: 100\r\n\r\n", b"DROP", b"HTTP/1.1 408"),
    ):
        row.tried += 1
        answer, seconds = _raw(base, head, body, wait=CLIENT_SECONDS + 20)
        if answer[: len(expected)] != expected or seconds > CLIENT_SECONDS + 5:
            row.counts["hangs"] += 1
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    threads = [
        threading.Thread(target=_get, args=(base + "/query?" + urllib.parse.urlencode({"query": slow}),))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    time.sleep(0.3)
    row.tried += 1
    start = time.monotonic()
    status, headers = _get(base + "/query?" + urllib.parse.urlencode({"query": "ASK {}"}))
    if time.monotonic() - start > 8 or (status == 503 and headers.get("retry-after") is None):
        row.counts["hangs"] += 1
    for t in threads:
        t.join()
    for token in (" " * 16, "a" * 16, "abababababababab", "\t" * 20, "short"):
        row.tried += 1
        done = kg(
            "serve",
            "--store",
            str(store),
            "--writable",
            "--port",
            "9",
            env={**os.environ, "KG_SERVE_TOKEN": token},
            timeout=30,
        )
        if done.returncode != 2:
            row.counts["updates accepted"] += 1


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


def run_live_ingest(row, work: Path, seed: Path, base_for) -> str:
    """`kg serve` and `kg ingest` on one store: the endpoint sees the new articles within seconds."""
    store = work / "live"
    shutil.copytree(seed, store)
    proc, base = base_for(store)
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

    def count() -> int:
        with urllib.request.urlopen(
            base + "/query?" + urllib.parse.urlencode({"query": graphs}), timeout=30
        ) as r:
            return int(json.loads(r.read())["results"]["bindings"][0]["n"]["value"])

    try:
        before = count()
        row.tried += 1
        done = kg("ingest", str(ROOT / "data/corpus/dev.jsonl"), "--store", str(store), timeout=600)
        if done.returncode != 0:
            row.counts["crashes"] += 1
        ended = time.monotonic()
        while count() == before and time.monotonic() - ended < 10:
            time.sleep(0.2)
        seen = time.monotonic() - ended
        if count() == before:
            row.counts["hangs"] += 1
        return f"live ingest while serving: {count() - before} new graphs seen {seen:.1f} s after the ingest ended"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
