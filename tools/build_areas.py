"""Build stratlink/data/thai_areas.csv (the generator's real area codes) from the
public data set in ../shared/data/thai-admin-areas (MIT; its notice is shipped as
stratlink/data/THAI_AREAS_LICENSE).

    python tools/build_areas.py /work/shared/data/thai-admin-areas

Codes: the country is TH, regions TH-N, TH-C, TH-NE, TH-W, TH-E, TH-S (as in the
bundled sample), provinces their DOPA code (the first two digits of their
districts' codes, e.g. 45 for Roi Et), districts and sub-districts their DOPA codes.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

REGIONS = {"1": ("TH-N", "North"), "2": ("TH-C", "Central"), "3": ("TH-NE", "Northeast"),
           "4": ("TH-W", "West"), "5": ("TH-E", "East"), "6": ("TH-S", "South")}


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [r for r in csv.DictReader(fh) if not r.get("deleted_at")]


def main(src: Path, out: Path) -> None:
    geos = {r["id"]: r["name"] for r in rows(src / "geographies.csv")}
    districts = rows(src / "districts.csv")
    dopa = {}  # data set province id -> DOPA code
    for d in districts:
        dopa.setdefault(d["province_id"], d["id"][:2])
    table = [["TH", "ประเทศไทย", "Thailand", "country", ""]]
    for gid, (code, name_en) in REGIONS.items():
        table.append([code, geos[gid], name_en, "region", "TH"])
    for p in rows(src / "provinces.csv"):
        table.append([dopa[p["id"]], p["name_th"], p["name_en"], "province", REGIONS[p["geography_id"]][0]])
    for d in districts:
        table.append([d["id"], d["name_th"], d["name_en"], "district", d["id"][:2]])
    for s in rows(src / "sub_districts.csv"):
        table.append([s["id"], s["name_th"], s["name_en"], "subdistrict", s["district_id"]])
    with (out / "thai_areas.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "name_th", "name_en", "kind", "parent_id"])
        w.writerows(table)
    shutil.copyfile(src / "LICENSE", out / "THAI_AREAS_LICENSE")
    print(f"wrote {out / 'thai_areas.csv'}: {len(table)} areas")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parent.parent / "stratlink" / "data")
