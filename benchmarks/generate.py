"""Generate a big, realistic plan workbook as a CSV folder (seeded, N projects).

The shape follows the One Plan ladder: the National Strategy (6 strategies with
sub-strategies), 23 master plans with sub-plans and targets, 6 regional plans,
18 province clusters, 77 provinces (issues > goals > tactics), district and local
plans, and N projects in local, district and provincial plans, linked up with
primary and secondary links, asserted by plans or agencies, in value chains, with
budgets and fiscal years. About 3% of the rows carry the defects that ``check``
looks for (orphans, broken chains, downward links, level skips, cycles, conflicts,
scope and period mismatches, inconsistent lineage, duplicates, value-chain gaps).

    python benchmarks/generate.py out/bench-10k --projects 10000 --seed 1
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

STAGES = ("upstream", "midstream", "downstream")
WORDS = ["ข้าวหอมมะลิ", "ถนน", "แหล่งน้ำ", "ท่องเที่ยว", "ผ้าไหม", "สุขภาพ", "การศึกษา", "เกษตรอินทรีย์",
         "ปศุสัตว์", "ประมง", "ตลาดชุมชน", "พลังงาน", "ขยะ", "ป่าชุมชน", "ผู้สูงอายุ", "ดิจิทัล"]


def generate(folder: Path, projects: int, seed: int = 1) -> dict[str, int]:
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    plans, elements, prjs, links, chains, areas, orgs = [], [], [], [], [], [], []

    def plan(pid, level, name, area="", start=2561, end=2565):
        plans.append([pid, level, name, "", area, start, end])

    def element(eid, pid, kind, name, parent=""):
        elements.append([eid, pid, kind, name, "", parent, ""])
        return eid

    def link(s, t, relation="", role="", by=""):
        links.append([s, t, relation, role, by, ""])

    # areas: country > 6 regions > 77 provinces > districts
    areas.append(["TH", "ประเทศไทย", "Thailand", "country", ""])
    for r in range(6):
        areas.append([f"R{r}", f"ภาค {r}", f"Region {r}", "region", "TH"])
    provinces = [f"{10 + i}" for i in range(77)]
    for i, p in enumerate(provinces):
        areas.append([p, f"จังหวัด {p}", f"Province {p}", "province", f"R{i % 6}"])
    for o in range(40):
        orgs.append([f"ORG-{o:03d}", f"หน่วยงาน {o}", f"Agency {o}", "government"])

    # national: 6 strategies x 4 sub-strategies
    plan("NS", "national", "ยุทธศาสตร์ชาติ", "", 2561, 2580)
    national = []
    for s in range(1, 7):
        sid = element(f"NS-S{s}", "NS", "strategy", f"ยุทธศาสตร์ที่ {s}")
        national.append(sid)
        for k in range(1, 5):
            national.append(element(f"NS-S{s}.{k}", "NS", "strategy", f"ยุทธศาสตร์ย่อย {s}.{k}", sid))
    # master: 23 master plans > 2 sub-plans > 2 targets
    plan("MP", "master", "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ", "", 2561, 2580)
    targets = []
    for m in range(1, 24):
        mid = element(f"MP{m:02d}", "MP", "master_plan", f"แผนแม่บท {m}")
        link(mid, rnd.choice(national[:6]))
        for s in range(1, 3):
            sub = element(f"MP{m:02d}{s:02d}", "MP", "sub_plan", f"แผนย่อย {m}.{s}", mid)
            for t in range(1, 3):
                targets.append(element(f"MP{m:02d}{s:02d}{t:02d}", "MP", "target", f"เป้าหมาย {m}.{s}.{t}", sub))
    # regional and cluster plans
    regional = []
    for r in range(6):
        plan(f"RG{r}", "regional", f"แผนพัฒนาภาค {r}", f"R{r}", 2566, 2570)
        for k in range(10):
            e = element(f"RG{r}-{k}", f"RG{r}", "issue", f"ประเด็นภาค {r}.{k}")
            link(e, rnd.choice(targets), "aligns_with")
            regional.append((r, e))
    cluster = {}
    for c in range(18):
        plan(f"CL{c}", "cluster", f"แผนพัฒนากลุ่มจังหวัด {c}", f"R{c % 6}", 2566, 2570)
        cluster[c] = []
        for k in range(8):
            e = element(f"CL{c}-{k}", f"CL{c}", "issue", f"ประเด็นกลุ่มจังหวัด {c}.{k}")
            link(e, rnd.choice([x for r, x in regional if r == c % 6]), "aligns_with")
            cluster[c].append(e)
    # provinces: 5 issues > 3 goals > 3 tactics
    prov_nodes = {}
    for i, p in enumerate(provinces):
        pid = f"PV{p}"
        plan(pid, "province", f"แผนพัฒนาจังหวัด {p}", p, 2566, 2570)
        nodes = []
        for k in range(5):
            issue = element(f"{pid}-I{k}", pid, "issue", f"ประเด็นการพัฒนา {p}.{k}")
            link(issue, rnd.choice(cluster[i % 18]), "aligns_with")
            if rnd.random() < 0.5:
                link(issue, rnd.choice(targets), "aligns_with", "secondary")
            for g in range(3):
                goal = element(f"{pid}-I{k}-G{g}", pid, "goal", f"เป้าประสงค์ {p}.{k}.{g}", issue)
                for t in range(3):
                    nodes.append(element(f"{pid}-I{k}-G{g}-T{t}", pid, "tactic", f"กลยุทธ์ {p}.{k}.{g}.{t}", goal))
        prov_nodes[p] = nodes
    # district and local plans, sized by the number of projects
    n_district = max(projects // 200, 10)
    n_local = max(projects // 40, 20)
    lower = {}
    for d in range(n_district):
        p = provinces[d % 77]
        pid = f"DI{d:05d}"
        plan(pid, "district", f"แผนพัฒนาอำเภอ {d}", p, 2566, 2570)
        lower[pid] = (p, [])
        for k in range(4):
            e = element(f"{pid}-G{k}", pid, "goal", f"เป้าหมายอำเภอ {d}.{k}")
            link(e, rnd.choice(prov_nodes[p]))
            lower[pid][1].append(e)
    for loc in range(n_local):
        p = provinces[loc % 77]
        pid = f"LC{loc:05d}"
        plan(pid, "local", f"แผนพัฒนาท้องถิ่น {loc}", p, 2566, 2570)
        lower[pid] = (p, [])
        for k in range(4):
            e = element(f"{pid}-G{k}", pid, "goal", f"เป้าหมายท้องถิ่น {loc}.{k}")
            dist = [x for x in lower if x.startswith("DI") and lower[x][0] == p]
            link(e, rnd.choice(lower[rnd.choice(dist)][1]) if dist and rnd.random() < 0.5
                 else rnd.choice(prov_nodes[p]))
            lower[pid][1].append(e)
    lower_ids = sorted(lower)
    # value chains
    for v in range(60):
        chains.append([f"VC-{v:03d}", f"ห่วงโซ่คุณค่า {WORDS[v % len(WORDS)]} {v}", "", "", ""])
    for v in range(60, 63):  # chains nobody works on yet
        chains.append([f"VC-{v:03d}", f"ห่วงโซ่คุณค่าใหม่ {v}", "", "", ""])
    # projects
    names = []
    orphans: list[str] = []
    for n in range(projects):
        home = rnd.choice(lower_ids) if rnd.random() < 0.85 else f"PV{rnd.choice(provinces)}"
        prov = lower[home][0] if home in lower else home[2:]
        pid = f"PRJ-{n:07d}"
        name = f"โครงการ{rnd.choice(WORDS)} {n}"
        if names and rnd.random() < 0.003:
            name, prov_dup = names[rnd.randrange(len(names))]  # a duplicate
            prov = prov_dup
        names.append((name, prov))
        vc = f"VC-{rnd.randrange(60):03d}" if rnd.random() < 0.4 else ""
        prjs.append([pid, home, name, "", f"ORG-{rnd.randrange(40):03d}", prov,
                     rnd.choice((2566, 2567, 2568, 2569, 2570)) if rnd.random() > 0.005 else 2565,
                     rnd.randrange(10_000, 50_000_000, 1000), vc,
                     rnd.choice(STAGES) if vc and rnd.random() < 0.9 else "",
                     "true" if rnd.random() < 0.01 else "", "proposed"])
        roll = rnd.random()
        if roll < 0.01:
            orphans.append(pid)
            continue  # orphan (some become broken chains below)
        targets_here = lower[home][1] if home in lower else prov_nodes[prov]
        k = 1 + (rnd.random() < 0.3) + (rnd.random() < 0.1)
        for j in range(k):
            by = rnd.choice(("", "", home, f"ORG-{rnd.randrange(40):03d}"))
            link(pid, rnd.choice(targets_here), "", "secondary" if j and rnd.random() < 0.5 else "", by)
        if roll > 0.997:
            link(pid, rnd.choice(national), "", "", "")  # a level skip
    # a few structural defects among the elements
    for d in range(max(projects // 2000, 3)):
        p = rnd.choice(provinces)
        stray = element(f"PV{p}-X{d}", f"PV{p}", "goal", f"เป้าประสงค์ที่ไม่เชื่อมโยง {d}")  # orphan element
        for _ in range(3):
            if orphans:
                link(orphans.pop(), stray)  # a broken chain
        a, b = rnd.sample(prov_nodes[p], 2)
        link(a, b)
        link(b, a)  # a cycle
        link(rnd.choice(prov_nodes[p]), rnd.choice(lower_ids[:5]) + "-G0")  # downward
        x, y = rnd.sample(targets, 2)
        link(x, y, "conflicts_with")
    write(folder / "plans.csv", ["id", "level", "name_th", "name_en", "area_id", "period_start", "period_end"], plans)
    write(folder / "elements.csv", ["id", "plan_id", "kind", "name_th", "name_en", "parent_id", "code"], elements)
    write(folder / "projects.csv", ["id", "plan_id", "name_th", "name_en", "owner", "area_id", "fiscal_year",
                                    "budget", "value_chain_id", "stage", "local_only", "status"], prjs)
    write(folder / "links.csv", ["source_id", "target_id", "relation", "role", "asserted_by", "note"], links)
    write(folder / "value_chains.csv", ["id", "name_th", "name_en", "serves_id", "area_id"], chains)
    write(folder / "areas.csv", ["id", "name_th", "name_en", "kind", "parent_id"], areas)
    write(folder / "organizations.csv", ["id", "name_th", "name_en", "sector"], orgs)
    return {"plans": len(plans), "elements": len(elements), "projects": len(prjs), "links": len(links)}


def write(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--projects", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    counts = generate(args.folder, args.projects, args.seed)
    print(f"wrote {args.folder}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
