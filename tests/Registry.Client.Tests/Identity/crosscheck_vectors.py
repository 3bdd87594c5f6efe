#!/usr/bin/env python3
"""Independent re-implementation of identity hashing v1 (spec section 2) in Python, run over every
vector row of docs/identity.md. It shares no code with the SDK: hashlib for SHA-256, unicodedata for
NFKC and general categories. Usage: python3 crosscheck_vectors.py [path/to/docs/identity.md]
Exit status 0 when every row agrees."""
import datetime
import hashlib
import json
import re
import sys
import unicodedata

# .NET char.IsWhiteSpace / Rune.IsWhiteSpace (the Unicode White_Space property). Not str.isspace, which
# also counts U+001C-U+001F as white space.
WHITE_SPACE = set([0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
                   0x2028, 0x2029, 0x202F, 0x205F, 0x3000])


# The first step of name normalisation, before NFKC (which turns U+00B4 into a space and U+0301).
FOLD = {**{ord(c): "'" for c in "\u2018\u2019\u02bc\u02b9\u0060\u00b4"},
        **{ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}}


def upper_simple(ch):
    # .NET ToUpperInvariant is the simple one-to-one mapping; Python's upper() is the full mapping,
    # so keep characters whose full mapping is not one character. .NET also leaves dotless i alone.
    if ch == "\u0131":
        return ch
    up = ch.upper()
    return up if len(up) == 1 else ch


def tomorrow_utc():
    return datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=1)


def iin(text):
    digits = text.replace(" ", "").replace("-", "")
    if any(c not in "0123456789" for c in digits):
        return None, "IIN_NOT_DIGITS"
    if len(digits) != 12:
        return None, "IIN_LENGTH"
    d = [int(c) for c in digits]
    if not 1 <= d[6] <= 6:
        return None, "IIN_CENTURY"
    year = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}[d[6]] + d[0] * 10 + d[1]
    try:
        born = datetime.date(year, d[2] * 10 + d[3], d[4] * 10 + d[5])
    except ValueError:
        return None, "IIN_DATE"
    if born > tomorrow_utc():
        return None, "IIN_DATE_FUTURE"
    check = sum(d[i] * (i + 1) for i in range(11)) % 11
    if check == 10:
        check = sum(x * w for x, w in zip(d, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
        if check == 10:
            return None, "IIN_CHECKSUM_UNDEFINED"
    if check != d[11]:
        return None, "IIN_CHECKSUM"
    return digits, None


def name_dob(name, born):
    if len(name.encode("utf-16-le", "surrogatepass")) // 2 > 1000:
        return None, "NAME_TOO_LONG"
    if any(0xD800 <= ord(c) <= 0xDFFF or ord(c) == 0xFFFE for c in name):
        return None, "NAME_INVALID_TEXT"
    # Python's own Unicode data is older than .NET 10's (16.0): a vector must not use a character assigned in between.
    if any(unicodedata.category(c) == "Cn" for c in name):
        return None, "NAME_UNASSIGNED"
    text = unicodedata.normalize("NFKC", name.translate(FOLD))
    text = "".join(upper_simple(c) for c in text).replace("\u0401", "\u0415")
    kept = [c for c in text if unicodedata.category(c).startswith("L") or ord(c) in WHITE_SPACE or c in "-'"]
    out = []
    for c in kept:
        if ord(c) in WHITE_SPACE:
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(c)
    result = re.sub(" ?- ?", "-", "".join(out)).strip(" ")
    if not result:
        return None, "NAME_EMPTY"
    if len(result.encode("utf-16-le")) // 2 > 300:
        return None, "NAME_TOO_LONG"
    if not any(unicodedata.category(c).startswith("L") for c in result):
        return None, "NAME_NO_LETTERS"
    if born < datetime.date(1800, 1, 1):
        return None, "BIRTH_DATE_TOO_EARLY"
    if born > tomorrow_utc():
        return None, "BIRTH_DATE_FUTURE"
    return result + "\u001f" + born.isoformat(), None


def h1(kind, value):
    return hashlib.sha256(b"registry/identity/v1\0" + kind.encode() + b"\0" + value.encode("utf-8")).hexdigest()


def main(path):
    rows = failures = 0
    for line in open(path, encoding="utf-8"):
        if not (line.startswith("| `kz-iin` |") or line.startswith("| `name-dob` |")):
            continue
        rows += 1
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        kind = cells[0].strip("`")
        text = json.loads(cells[1].strip("`"))
        if kind == "kz-iin":
            value, rule = iin(text)
        else:
            value, rule = name_dob(text, datetime.date.fromisoformat(cells[2]))
        expected_value = None if cells[3] == "—" else json.loads(cells[3].strip("`"))
        expected_h1 = None if cells[4] == "—" else cells[4].strip("`")
        expected_rule = cells[5].strip("`") or None
        actual_h1 = h1(kind, value) if value is not None else None
        if (value, actual_h1, rule) != (expected_value, expected_h1, expected_rule):
            failures += 1
            print(f"MISMATCH {line.strip()}\n  python: {value!r} {actual_h1} {rule}")
    print(f"{rows} vectors, {failures} mismatches (Python {sys.version.split()[0]}, Unicode {unicodedata.unidata_version})")
    return 1 if failures or not rows else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/identity.md"))
