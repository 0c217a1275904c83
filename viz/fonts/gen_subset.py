#!/usr/bin/python3
"""Make viz/fonts/cjk-sc-subset.otf: a subset of Noto Sans CJK SC Regular.

Keeps the 3755 hanzi of GB 2312 level 1 (the most frequent characters), the
GB 2312 symbol rows (punctuation, Greek, Cyrillic, box drawing), CJK
punctuation (U+3000-303F) and full-width forms (U+FF00-FFEF). viz loads a
system CJK font at run time for any character outside this set.

Source: Debian's fonts-noto-cjk, /usr/share/fonts/opentype/noto/
NotoSansCJK-Regular.ttc, font number 2 (Noto Sans CJK SC), SIL OFL 1.1.
The subset is a modified version under the OFL, so it carries its own
family name ("Stepwise CJK SC Subset") and no reserved font name.

Run with Debian's python3 (python3-fonttools): /usr/bin/python3 gen_subset.py
"""
import os
import subprocess
import sys

from fontTools.ttLib import TTFont

SRC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cjk-sc-subset.otf")
FAMILY = "Stepwise CJK SC Subset"


def gb2312_rows(lo, hi):
    chars = []
    for row in range(lo, hi + 1):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def main():
    chars = gb2312_rows(0xB0, 0xD7) + gb2312_rows(0xA1, 0xA9)
    text = os.path.join(HERE, "subset-chars.tmp")
    with open(text, "w", encoding="utf-8") as f:
        f.write("".join(chars))
    tmp = OUT + ".tmp"
    subprocess.run([sys.executable, "-m", "fontTools.subset", SRC,
                    "--font-number=2", "--text-file=" + text,
                    "--unicodes=U+3000-303F,U+FF00-FFEF",
                    "--no-hinting", "--layout-features=",
                    "--output-file=" + tmp], check=True)
    os.remove(text)
    font = TTFont(tmp)
    names = font["name"]
    for rec in names.names:
        if rec.nameID in (1, 4, 16):
            rec.string = FAMILY
        elif rec.nameID == 6:
            rec.string = FAMILY.replace(" ", "") + "-Regular"
        elif rec.nameID == 3:
            rec.string = FAMILY + " (subset of Noto Sans CJK SC)"
    font["CFF "].cff.fontNames = [FAMILY.replace(" ", "") + "-Regular"]
    font.save(OUT)
    os.remove(tmp)
    print(OUT, os.path.getsize(OUT), "bytes,", len(chars), "GB 2312 characters")


if __name__ == "__main__":
    main()
