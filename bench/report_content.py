#!/usr/bin/env python3
"""report_content.py - what a written report contains, for floor_report.

usage: report_content.py REPORT.pdf REPORT.xlsx > content.txt

Per PDF page: the text (pdftotext, one line a row), the number of text
show operators (Tj/TJ) and of path operators (re, l) in its content
streams, so that the floor draws as many runs and shapes. Per XLSX sheet:
every cell with its row, column, type and value. Output lines:
  P RUNS SHAPES        a page
  T TEXT               a text line of the current page
  S NAME               a sheet
  C ROW COL s|n VALUE  a cell of the current sheet
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
import zlib

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def page_streams(pdf):
    """Decompressed content streams in file order (libharu writes each
    page's stream after the page object)."""
    out = []
    for m in re.finditer(rb"stream\r?\n", pdf):
        start = m.end()
        end = pdf.find(b"endstream", start)
        raw = pdf[start:end]
        try:
            data = zlib.decompress(raw)
        except zlib.error:
            continue
        if b" Tj" in data or b"TJ" in data or b" re" in data:
            out.append(data)
    return out


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1, int(ref[len(letters):]) - 1


def main():
    pdf_path, xlsx_path = sys.argv[1], sys.argv[2]
    pdf = open(pdf_path, "rb").read()
    text = subprocess.run(["pdftotext", "-layout", pdf_path, "-"],
                          capture_output=True, text=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page with a form feed
    streams = page_streams(pdf)
    for i, page in enumerate(pages):
        s = streams[i] if i < len(streams) else b""
        runs = len(re.findall(rb"(?:Tj|TJ)\s", s))
        shapes = len(re.findall(rb"\s(?:re|l)\s", s))
        print("P %d %d" % (runs, shapes))
        for line in page.splitlines():
            if line.strip():
                print("T " + " ".join(line.split()))
    z = zipfile.ZipFile(xlsx_path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        for si in root.findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter(
                "{%s}t" % NS["m"])))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    names = [s.get("name") for s in wb.find("m:sheets", NS)]
    for k, name in enumerate(names):
        print("S " + name)
        sheet = ET.fromstring(z.read("xl/worksheets/sheet%d.xml" % (k + 1)))
        for c in sheet.iter("{%s}c" % NS["m"]):
            v = c.find("m:v", NS)
            if v is None:
                continue
            col, row = col_index(c.get("r"))
            if c.get("t") == "s":
                val = shared[int(v.text)].replace("\n", " ")
                print("C %d %d s %s" % (row, col, val))
            else:
                print("C %d %d n %s" % (row, col, v.text))


main()
