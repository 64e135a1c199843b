#!/usr/bin/env python3
# Turns data/risks/schemes.json into the risks plugin's seed migration, so
# the scales stay data (JSON under data/) and are seeded atomically with
# the schema, outside the undo history.
import json
import sys


def q(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def main(src, dst):
    with open(src, encoding="utf-8") as f:
        data = json.load(f)
    out = ["-- Generated from data/risks/schemes.json by build-aux/risk-schemes-sql.py; do not edit.",
           "-- " + data["source"]]
    for s in data["schemes"]:
        out.append("INSERT INTO risks_scheme (code, name, active) VALUES (%s, %s, %s);"
                   % (q(s["code"]), q(s["name"]), q(s["active"])))
        for axis in ("likelihood", "impact"):
            for level in s[axis]:
                out.append("INSERT INTO risks_scale (scheme, axis, score, label, threshold) VALUES (%s, %s, %s, %s, %s);"
                           % (q(s["code"]), q(axis), q(level["score"]), q(level["label"]), q(level["threshold"] or None)))
        for i, d in enumerate(s["dimensions"]):
            out.append("INSERT INTO risks_dimension (scheme, code, label, sort) VALUES (%s, %s, %s, %s);"
                       % (q(s["code"]), q(d["code"]), q(d["label"]), q(i)))
        for i, t in enumerate(s["themes"]):
            out.append("INSERT INTO risks_theme (scheme, label, sort) VALUES (%s, %s, %s);"
                       % (q(s["code"]), q(t), q(i)))
    for i, b in enumerate(data["bands"]):
        out.append("INSERT INTO risks_band (code, label, colour, review_months, sort) VALUES (%s, %s, %s, %s, %s);"
                   % (q(b["code"]), q(b["label"]), q(b["colour"]), q(b["review_months"]), q(i)))
    for row, bands in enumerate(data["matrix"]):
        impact = 5 - row
        for col, band in enumerate(bands):
            out.append("INSERT INTO risks_band_matrix (impact, likelihood, band) VALUES (%s, %s, %s);"
                       % (q(impact), q(col + 1), q(band)))
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
