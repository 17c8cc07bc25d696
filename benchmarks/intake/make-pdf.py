#!/usr/bin/env python3
"""Writes a one-page PDF of about SIZE bytes (default 50 KB; classic xref, uncompressed text) to OUT.
run.sh then signs it PAdES with `hub sign --as pades` and the sample citizen's key (certs-sample/citizen.p12).
Usage: make-pdf.py OUT [SIZE]"""
import sys

out = sys.argv[1]
size = int(sys.argv[2]) if len(sys.argv) > 2 else 50 * 1024
line = "(Don de nghi cap giay chung nhan dang ky ho kinh doanh - trang dem cho benchmark intake) Tj T*\n"
lines, body = [], 0
target = max(200, size - 66 * 1024)  # `hub sign --as pades` adds ~66 KB (its reserved /Contents): 50 KB is out of reach, ~67 KB is the least
while body < target:
    lines.append(line)
    body += len(line)
stream = "BT /F1 6 Tf 20 820 Td 7 TL\n" + "".join(lines) + "ET"
objects = [
    "<</Type /Catalog /Pages 2 0 R>>",
    "<</Type /Pages /Kids [3 0 R] /Count 1>>",
    "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 5 0 R>>>> /Contents 4 0 R>>",
    f"<</Length {len(stream)}>>\nstream\n{stream}\nendstream",
    "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
]
pdf = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"
offsets = []
for i, o in enumerate(objects):
    offsets.append(len(pdf.encode("latin-1")))
    pdf += f"{i + 1} 0 obj\n{o}\nendobj\n"
xref = len(pdf.encode("latin-1"))
pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f\r\n"
pdf += "".join(f"{o:010d} 00000 n\r\n" for o in offsets)
pdf += f"trailer\n<</Size {len(objects) + 1} /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n"
with open(out, "wb") as f:
    f.write(pdf.encode("latin-1"))
