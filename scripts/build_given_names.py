#!/usr/bin/env python3
"""Build kg/nlp/data/given-names.json, the given names whose gender the resolver may assume.

    pip download --no-deps nomquamgender==0.1.4 && unzip nomquamgender-0.1.4-*.whl -d nqg
    python3 scripts/build_given_names.py nqg/nomquamgender/name_data.json

The source is the name data of nomquamgender 0.1.4 (Ian Van Buskirk, MIT licence; the notice is
kept in kg/nlp/data/given-names.LICENSE): for each ASCII-folded given name, the number of
sources, the number of people counted and the share of them who are women, p(gf). A name is
kept only when it is common (--min-count people, --min-sources sources) and clearly gendered
(p(gf) within --margin of 0 or 1): "Jean", "Kim" or "Andrea" stay out. The table is data read at
run time by kg.nlp.names.given_name_gender; kg does not depend on the package.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "kg" / "nlp" / "data" / "given-names.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name_data", type=Path, help="nomquamgender's name_data.json")
    parser.add_argument("--min-count", type=int, default=50)
    parser.add_argument("--min-sources", type=int, default=3)
    parser.add_argument("--margin", type=float, default=0.1)
    parser.add_argument("-o", "--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = json.loads(args.name_data.read_text(encoding="utf-8"))
    table: dict[str, list[str]] = {"f": [], "m": []}
    for name, (sources, count, pgf, *_) in sorted(data.items()):
        if not (name.isascii() and name.isalpha()) or len(name) < 2:
            continue
        if count < args.min_count or sources < args.min_sources:
            continue
        if pgf >= 1 - args.margin:
            table["f"].append(name)
        elif pgf <= args.margin:
            table["m"].append(name)
    source = "nomquamgender 0.1.4 name_data.json (MIT licence, Ian Van Buskirk)"
    rule = f"count >= {args.min_count}, sources >= {args.min_sources}, p(gf) within {args.margin} of 0 or 1"
    out = {"source": source, "rule": rule, **{k: " ".join(v) for k, v in table.items()}}
    args.out.write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(table['f'])} women's names, {len(table['m'])} men's names")


if __name__ == "__main__":
    main()
