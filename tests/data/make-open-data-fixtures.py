#!/usr/bin/env python3
"""Writes the open data test fixtures in tests/data/ from REAL rows of the Home Office quarterly
police recorded crime open data table (see tests/data/README.md).

The rows are taken unchanged from the CSV copy of the October 2023 release in
../shared/data/ho-prc-pfa-quarterly-2012-2023/ (see its PROVENANCE.md), then laid out as GOV.UK
publishes the table: a workbook with a cover sheet, a notes sheet and one sheet per financial
year. Two things are changed, both back to the published form:
  * "Devon & Cornwall" is written "Devon and Cornwall", as the Home Office spells it (the copy's
    author renamed it);
  * in the workbooks, codes the 2012/13 sheet held as numbers (the copy shows them as float
    artefacts like 37.200000000000003) are number cells; every other code is a text cell.
The CSV export keeps the copy's codes character for character (artefacts included).

The bad-*.ods/.xlsx files are the same workbook with one deliberate fault each.

Usage: python3 tests/data/make-open-data-fixtures.py [path/to/prc-pfa-mar2013-onwards-191023.csv]
Needs odfpy and openpyxl (PyPI). Run from anywhere; writes beside this script.
"""

import csv
import hashlib
import os
import sys

import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.join(
    HERE, "..", "..", "..", "shared", "data", "ho-prc-pfa-quarterly-2012-2023", "prc-pfa-mar2013-onwards-191023.csv"
)
SOURCE_SHA256 = "2e66a8fdd325140fd69088d7b415495e9cb31a4c29e2463145fa67f244f7a48d"

FORCES = {"North Wales", "Devon & Cornwall", "London, City of"}
CODES = {
    "8L", "8M", "19C", "4.1", "4.10", "1/4.1/4.10/4.2",
    "37.2", "37.200000000000003", "4.4", "4.4000000000000004",
}
# 2012/13 quarters 1-4 and 2013/14 quarters 1-2.
QUARTERS = {("2012/13", q) for q in "1234"} | {("2013/14", q) for q in "12"}
PUBLISHED_FORCE = {"Devon & Cornwall": "Devon and Cornwall"}
HEADER = [
    "Financial Year", "Financial Quarter", "Force Name", "Offence Description",
    "Offence Group", "Offence Subgroup", "Offence Code", "Number of Offences",
]

COVER = [
    ["Police recorded crime and outcomes open data tables: Police Force Area data tables"],
    ["TEST FIXTURE for crime-compare: a few real rows of the Home Office release of 19 October 2023, re-laid in the published layout."],
    ["Source: Home Office, police recorded crime open data tables, licensed under the Open Government Licence v3.0."],
]
NOTES = [
    ["Notes"],
    ["1. One sheet per financial year (April to March). Financial Quarter 1 is April to June."],
    ["2. Offence Code is the Home Office offence classification code."],
]


def read_rows(source):
    with open(source, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != SOURCE_SHA256:
        sys.exit(f"{source}: sha256 {digest}, expected {SOURCE_SHA256} (see PROVENANCE.md)")
    rows = []
    with open(source, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        if next(reader) != HEADER:
            sys.exit(f"{source}: unexpected header")
        for r in reader:
            if r[2] in FORCES and r[6] in CODES and (r[0], r[1]) in QUARTERS:
                r[2] = PUBLISHED_FORCE.get(r[2], r[2])
                rows.append(r)
    return rows


def is_float_artefact(code):
    """37.200000000000003: the copy's trace of a code held as a number in the 2012/13 sheet."""
    head, _, tail = code.partition(".")
    return head.isdigit() and tail.isdigit() and len(tail) >= 10


def typed(row):
    """The row as workbook cells: text, except quarter and count (numbers) and artefact codes."""
    fy, q, force, desc, group, sub, code, n = row
    code_cell = float(code) if is_float_artefact(code) else code
    return [fy, int(q), force, desc, group, sub, code_cell, int(n)]


def sheets(rows, fault=None):
    """[(sheet name, rows of cells)] in workbook order. The 2013_14 sheet has a title and a blank
    row above its header (the reader finds the header by its names)."""
    s1213 = [HEADER] + [typed(r) for r in rows if r[0] == "2012/13"]
    s1314 = [["Police recorded crime by offence code, 2013/14"], [], HEADER] + [typed(r) for r in rows if r[0] == "2013/14"]
    if fault == "missing-column":
        i = HEADER.index("Offence Subgroup")
        s1314 = s1314[:2] + [r[:i] + r[i + 1:] for r in s1314[2:]]
    elif fault == "quarter":
        s1213[5][1] = 5  # row 6 of the sheet
    elif fault == "text-count":
        s1314[6][7] = "12a"  # row 7 of the sheet
    elif fault == "duplicate":
        s1213.append(list(s1213[3]))  # row 4 again, as the sheet's last row
    return [("Cover", COVER), ("Notes", NOTES), ("2012-13", s1213), ("2013_14", s1314)]


def write_ods(path, book):
    doc = OpenDocumentSpreadsheet()
    for name, rows in book:
        t = Table(name=name)
        for r in rows:
            tr = TableRow()
            for v in r:
                if isinstance(v, (int, float)):
                    c = TableCell(valuetype="float", value=repr(v))
                    c.addElement(P(text=repr(v)))
                else:
                    c = TableCell(valuetype="string")
                    c.addElement(P(text=v))
                tr.addElement(c)
            t.addElement(tr)
        doc.spreadsheet.addElement(t)
    doc.save(path)


def write_xlsx(path, book):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in book:
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r if r else [None])
    wb.save(path)


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SOURCE
    rows = read_rows(source)
    out = lambda name: os.path.join(HERE, name)
    with open(out("ho-open-data-sample.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    write_ods(out("ho-open-data-sample.ods"), sheets(rows))
    write_xlsx(out("ho-open-data-sample.xlsx"), sheets(rows))
    write_ods(out("ho-open-data-bad-missing-column.ods"), sheets(rows, "missing-column"))
    write_xlsx(out("ho-open-data-bad-quarter.xlsx"), sheets(rows, "quarter"))
    write_ods(out("ho-open-data-bad-text-count.ods"), sheets(rows, "text-count"))
    write_xlsx(out("ho-open-data-bad-duplicate.xlsx"), sheets(rows, "duplicate"))
    print(f"{len(rows)} real rows written to tests/data/ho-open-data-*")


if __name__ == "__main__":
    main()
