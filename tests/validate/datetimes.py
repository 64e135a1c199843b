#!/usr/bin/env python3
# datetimes.py WS.gpkg...: every value of every column declared DATETIME,
# in every table (not only those gpkg_contents lists, which is all that
# validate_gpkg.py --extra reads), is GeoPackage 1.3's
# YYYY-MM-DDTHH:MM:SS.SSSZ (Requirement 5, Table 1), and every DATE is
# YYYY-MM-DD. The forms are the specification's, not Stead's. Prints each
# column that breaks it; exit 1 if any does, or if no value was checked.
import re
import sqlite3
import sys

FORMS = {
    "DATETIME": re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z\Z"),
    "DATE": re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
}


def check(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    bad = 0
    checked = 0
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    for table in tables:
        quoted = '"%s"' % table.replace('"', '""')
        for column in db.execute("PRAGMA table_info (%s)" % quoted):
            name, declared = column[1], column[2].upper()
            form = FORMS.get(declared)
            if form is None:
                continue
            for (value,) in db.execute('SELECT "%s" FROM %s WHERE "%s" IS NOT NULL'
                                       % (name, quoted, name)):
                checked += 1
                if not isinstance(value, str) or not form.match(value):
                    print("%s: %s.%s (%s) holds %r" % (path, table, name, declared, value))
                    bad += 1
                    break
    print("%s: %d date and time values in the GeoPackage 1.3 forms" % (path, checked))
    return bad == 0 and checked > 0


if __name__ == "__main__":
    ok = all([check(path) for path in sys.argv[1:]])
    sys.exit(0 if ok else 1)
