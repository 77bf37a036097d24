"""Generate a realistic national plan workbook (CSV folder) of N projects, seeded.

``stratlink generate OUT --projects N [--seed S] [--provinces K]``

The shape follows the One Plan ladder, on real area codes (country, 6 regions, the
first K of the 77 provinces by DOPA code, their districts and sub-districts; from the
MIT-licensed data set shipped in ``stratlink/data``):

* the National Strategy (the 6 strategies, 4 sub-strategies each) and the 23 master
  plans (2 sub-plans > 2 targets each), linked to the strategies;
* one regional plan per region (10 issues), province-cluster plans (about 4
  provinces each, 8 issues), one provincial plan per province (3 issues > 2 goals >
  2 tactics), one district plan per district (4 goals);
* N/125 local-government plans (a sub-district each, 4 goals) and N/1000 community
  plans (2 goals each), so that 1,000,000 projects give about the national number
  of local governments (7,850);
* N projects: 60% in local plans, 20% in district plans, 10% in provincial plans
  and 10% in community plans, each with 1-3 links to its plan's goals (primary and
  secondary, asserted by the plan or an agency), B.E. fiscal years, budgets, owners
  and value chains with stages.

Every kind of finding is planted at a fixed rate per project, so each finding's
count grows in proportion to N (:data:`RATES`). Everything is vectorised with numpy:
the time is linear in N (1,000,000 projects in well under 30 seconds).
"""

from __future__ import annotations

import csv
import sys
from importlib import resources
from pathlib import Path

import numpy as np

from stratlink.errors import InputError

STAGES = ("upstream", "midstream", "downstream")
WORDS = ["ข้าวหอมมะลิ", "ถนน", "แหล่งน้ำ", "ท่องเที่ยว", "ผ้าไหม", "สุขภาพ", "การศึกษา", "เกษตรอินทรีย์",
         "ปศุสัตว์", "ประมง", "ตลาดชุมชน", "พลังงาน", "ขยะ", "ป่าชุมชน", "ผู้สูงอายุ", "ดิจิทัล"]
STRATEGIES = ["ด้านความมั่นคง", "ด้านการสร้างความสามารถในการแข่งขัน", "ด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์",
              "ด้านการสร้างโอกาสและความเสมอภาคทางสังคม",
              "ด้านการสร้างการเติบโตบนคุณภาพชีวิตที่เป็นมิตรต่อสิ่งแวดล้อม",
              "ด้านการปรับสมดุลและพัฒนาระบบการบริหารจัดการภาครัฐ"]

#: planted defects, per project (each count is max(1, round(rate * N)))
RATES = {
    "orphan_project": 0.005,      # ORPHAN_PROJECT: no links
    "broken_chain": 0.002,        # BROKEN_CHAIN: the only link goes to a stray element
    "stray_element": 0.0002,      # ORPHAN_ELEMENT: a provincial goal with no parent or link
    "cycle": 0.0001,              # CYCLE: two local goals linking to each other
    "downward": 0.0001,           # DOWNWARD_LINK: a provincial tactic linking to a local goal
    "national_link": 0.001,       # LEVEL_SKIP and INCONSISTENT_LINEAGE: another agency links to a sub-strategy
    "conflict": 0.0001,           # CONFLICTING_TARGETS: conflicting goals, a project serving both
    "scope": 0.0005,              # SCOPE_MISMATCH: a link to a local plan of another province
    "period": 0.003,              # PERIOD_MISMATCH: fiscal year before the plan's period
    "duplicate": 0.002,           # DUPLICATE_PROJECT: same name, area and year as the project before
    "uncovered": 0.0002,          # UNCOVERED_ELEMENT: a provincial goal nothing serves
    "chain_gap": 0.00002,         # VALUE_CHAIN_GAP: a value chain without downstream projects
    "bad_budget": 0.0005,         # INVALID_VALUE: a budget that is not a number
    "missing_target": 0.0002,     # UNKNOWN_REFERENCE: a link to an id that does not exist
    "duplicate_id": 0.0001,       # DUPLICATE_ID: a project row repeated
}

REGION_LIMIT = 6


def _count(name: str, n: int) -> int:
    return max(1, round(RATES[name] * n))


class _Progress:
    """A one-line progress bar on stderr, only when it is a terminal."""

    def __init__(self, total: int, enabled: bool | None = None) -> None:
        self.total, self.done = total, 0
        self.enabled = sys.stderr.isatty() if enabled is None else enabled

    def step(self, label: str) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            full = width * self.done // self.total
            sys.stderr.write(f"\r[{'#' * full}{'.' * (width - full)}] {self.done}/{self.total} {label:<24}")
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def read_areas() -> list[list[str]]:
    """The shipped real areas: id, name_th, name_en, kind, parent_id."""
    text = resources.files("stratlink.data").joinpath("thai_areas.csv").read_text(encoding="utf-8")
    return list(csv.reader(text.splitlines()))[1:]


def generate(folder: str | Path, projects: int, seed: int = 1, provinces: int | None = None,
             progress: bool | None = None) -> dict[str, int]:
    """Write the workbook to ``folder``; returns the number of rows per sheet."""
    n = int(projects)
    if n < 1:
        raise InputError.keyed("generate.error.projects")
    folder = Path(folder)
    bar = _Progress(9, progress)
    rng = np.random.default_rng(seed)
    sheets: dict[str, list[list]] = {s: [] for s in (
        "plans", "elements", "projects", "links", "value_chains", "areas", "organizations")}
    plans, elements, links = sheets["plans"], sheets["elements"], sheets["links"]

    # ---- areas ---------------------------------------------------------------------
    all_areas = read_areas()
    prov_codes = sorted(a[0] for a in all_areas if a[3] == "province")
    k = len(prov_codes) if provinces is None else int(provinces)
    if not 1 <= k <= len(prov_codes):
        raise InputError.keyed("generate.error.provinces", n=len(prov_codes))
    chosen = set(prov_codes[:k])
    region_of = {a[0]: a[4] for a in all_areas if a[3] == "province"}
    districts = [a for a in all_areas if a[3] == "district" and a[4] in chosen]
    district_set = {d[0] for d in districts}
    subs = [a for a in all_areas if a[3] == "subdistrict" and a[4] in district_set]
    regions = sorted({region_of[p] for p in chosen})
    sheets["areas"] = [a for a in all_areas if a[3] == "country" or (a[3] == "region" and a[0] in regions)
                       or (a[3] == "province" and a[0] in chosen)] + districts + subs
    orgs = [[f"ORG-{o:03d}", f"หน่วยงาน {o}", f"Agency {o}", "government"] for o in range(40)]
    sheets["organizations"] = orgs
    bar.step("areas")

    # ---- national, master, regional, cluster, provincial plans ---------------------
    def plan(pid, level, name, area="", start=2566, end=2570):
        plans.append([pid, level, name, "", area, start, end])

    def element(eid, pid, kind, name, parent=""):
        elements.append([eid, pid, kind, name, "", parent, ""])
        return eid

    def link(s, t, relation="", role="", by=""):
        links.append([s, t, relation, role, by, ""])

    plan("NS-2561", "national", "ยุทธศาสตร์ชาติ พ.ศ. 2561-2580", "", 2561, 2580)
    strategies, subs_ns = [], []
    for s in range(1, 7):
        sid = element(f"NS-S{s}", "NS-2561", "strategy", "ยุทธศาสตร์ชาติ" + STRATEGIES[s - 1])
        strategies.append(sid)
        for j in range(1, 5):
            subs_ns.append(element(f"NS-S{s}.{j}", "NS-2561", "strategy", f"ยุทธศาสตร์ย่อย {s}.{j}", sid))
    plan("MP-2561", "master", "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ (23 ประเด็น)", "", 2561, 2580)
    targets = []
    for m in range(1, 24):
        mid = element(f"MP{m:02d}", "MP-2561", "master_plan", f"แผนแม่บท ประเด็นที่ {m}")
        link(mid, strategies[(m - 1) % 6], by="MP-2561")
        for s in range(1, 3):
            sub = element(f"MP{m:02d}{s:02d}", "MP-2561", "sub_plan", f"แผนย่อย {m}.{s}", mid)
            for t in range(1, 3):
                targets.append(element(f"MP{m:02d}{s:02d}{t:02d}", "MP-2561", "target",
                                       f"เป้าหมายแผนย่อย {m}.{s}.{t}", sub))
    regional: dict[str, list[str]] = {}
    for r in regions:
        pid = f"RG-{r}"
        plan(pid, "regional", f"แผนพัฒนาภาค {r}", r)
        regional[r] = []
        for j in range(10):
            e = element(f"{pid}-I{j}", pid, "issue", f"ประเด็นการพัฒนาภาค {r}.{j}")
            link(e, targets[int(rng.integers(len(targets)))], "aligns_with", by=pid)
            regional[r].append(e)
    cluster_of: dict[str, list[str]] = {}
    for r in regions:
        members = sorted(p for p in chosen if region_of[p] == r)
        for c in range(0, len(members), 4):
            pid = f"CL-{r}-{c // 4 + 1}"
            plan(pid, "cluster", f"แผนพัฒนากลุ่มจังหวัด {r} {c // 4 + 1}", r)
            issues = []
            for j in range(8):
                e = element(f"{pid}-I{j}", pid, "issue", f"ประเด็นกลุ่มจังหวัด {c // 4 + 1}.{j}")
                link(e, regional[r][int(rng.integers(10))], "aligns_with", by=pid)
                issues.append(e)
            for p in members[c:c + 4]:
                cluster_of[p] = issues
    tactics: dict[str, list[str]] = {}
    prov_goals: dict[str, list[str]] = {}
    for p in sorted(chosen):
        pid = f"PV-{p}"
        plan(pid, "province", f"แผนพัฒนาจังหวัด {p} พ.ศ. 2566-2570", p)
        tactics[p], prov_goals[p] = [], []
        for i in range(3):
            issue = element(f"{pid}-I{i}", pid, "issue", f"ประเด็นการพัฒนา {p}.{i}")
            link(issue, cluster_of[p][int(rng.integers(8))], "aligns_with", by=pid)
            if rng.random() < 0.5:
                link(issue, targets[int(rng.integers(len(targets)))], "aligns_with", "secondary", pid)
            for g in range(2):
                goal = element(f"{pid}-I{i}-G{g}", pid, "goal", f"เป้าประสงค์ {p}.{i}.{g}", issue)
                prov_goals[p].append(goal)
                for t in range(2):
                    tactics[p].append(element(f"{pid}-I{i}-G{g}-T{t}", pid, "tactic",
                                              f"กลยุทธ์ {p}.{i}.{g}.{t}", goal))
    bar.step("national to provincial")

    # ---- district, local and community plans ---------------------------------------
    dist_goals: dict[str, list[str]] = {}
    for j, d in enumerate(districts):
        code, prov = d[0], d[4]
        pid = f"DI-{code}"
        plan(pid, "district", f"แผนพัฒนาอำเภอ{d[1]}", code)
        dist_goals[code] = []
        for g in range(4):
            e = element(f"{pid}-G{g}", pid, "goal", f"เป้าหมายอำเภอ{d[1]} {g + 1}")
            link(e, tactics[prov][(4 * j + g) % len(tactics[prov])], by=pid)
            dist_goals[code].append(e)
    n_local = max(k, n // 125)
    local_sub = [subs[(j * 7919) % len(subs)] for j in range(n_local)]
    local_ids = [f"LC-{j:05d}" for j in range(n_local)]
    local_goals = np.empty((n_local, 4), dtype=object)
    local_prov = []
    for j, (pid, s) in enumerate(zip(local_ids, local_sub)):
        code, dcode = s[0], s[4]
        prov = dcode[:2]
        local_prov.append(prov)
        plan(pid, "local", f"แผนพัฒนาท้องถิ่น อปท. {j} ({s[1]})", code)
        for g in range(4):
            e = element(f"{pid}-G{g}", pid, "goal", f"เป้าหมายท้องถิ่น {j}.{g + 1}")
            target = dist_goals[dcode][g] if rng.random() < 0.8 else \
                tactics[prov][int(rng.integers(len(tactics[prov])))]
            link(e, target, by=pid)
            local_goals[j, g] = e
    n_comm = max(k, n // 1000)
    comm_goals = np.empty((n_comm, 2), dtype=object)
    comm_area, comm_ids = [], []
    for j in range(n_comm):
        home = j % n_local
        pid = f"CM-{j:05d}"
        comm_ids.append(pid)
        comm_area.append(local_sub[home][0])
        plan(pid, "community", f"แผนชุมชน {j}", local_sub[home][0])
        for g in range(2):
            e = element(f"{pid}-G{g}", pid, "goal", f"เป้าหมายชุมชน {j}.{g + 1}")
            link(e, local_goals[home, int(rng.integers(4))], by=pid)
            comm_goals[j, g] = e
    prov_list = sorted(chosen)
    prov_tactics = np.empty((len(prov_list), 12), dtype=object)
    for j, p in enumerate(prov_list):
        prov_tactics[j, :] = tactics[p][:12]
    dist_arr = np.empty((len(districts), 4), dtype=object)
    for j, d in enumerate(districts):
        dist_arr[j, :] = dist_goals[d[0]]
    bar.step("district, local, community")

    # ---- projects: home plan, area, goals ------------------------------------------
    kind = rng.choice(4, size=n, p=[0.6, 0.2, 0.1, 0.1])  # local, district, province, community
    sizes = [n_local, len(districts), len(prov_list), n_comm]
    home = np.zeros(n, dtype=np.int64)
    for t, size in enumerate(sizes):
        m = kind == t
        home[m] = rng.integers(size, size=int(m.sum()))
    dup = rng.choice(np.arange(1, n), size=min(n - 1, _count("duplicate", n)), replace=False) if n > 1 else []
    for i in np.sort(np.asarray(dup, dtype=np.int64)):
        kind[i], home[i] = kind[i - 1], home[i - 1]
    plan_ids = [np.array(local_ids, dtype=object), np.array([f"DI-{d[0]}" for d in districts], dtype=object),
                np.array([f"PV-{p}" for p in prov_list], dtype=object), np.array(comm_ids, dtype=object)]
    plan_area = [np.array([s[0] for s in local_sub], dtype=object), np.array([d[0] for d in districts], dtype=object),
                 np.array(prov_list, dtype=object), np.array(comm_area, dtype=object)]
    goals = [local_goals, dist_arr, prov_tactics, comm_goals]
    pplan = np.empty(n, dtype=object)
    parea = np.empty(n, dtype=object)
    for t in range(4):
        m = kind == t
        pplan[m] = plan_ids[t][home[m]]
        parea[m] = plan_area[t][home[m]]
    pid = np.array([f"PRJ-{i:07d}" for i in range(n)], dtype=object)
    word = np.array(WORDS, dtype=object)[rng.integers(len(WORDS), size=n)]
    name = np.array([f"โครงการ{w} {i}" for i, w in enumerate(word.tolist())], dtype=object)
    year = rng.integers(2566, 2571, size=n)
    year[rng.choice(n, size=_count("period", n), replace=False)] = 2565
    dup = np.asarray(dup, dtype=np.int64)
    name[dup], year[dup] = name[dup - 1], year[dup - 1]
    budget = (rng.integers(10, 50_000, size=n) * 1000).astype(object)
    half = rng.random(n) < 0.05
    budget[half] = [f"{b}.50" for b in budget[half].tolist()]
    budget[rng.choice(n, size=_count("bad_budget", n), replace=False)] = "n/a"
    n_chains = max(3, n // 2000)
    chain = np.where(rng.random(n) < 0.4, rng.integers(n_chains, size=n), -1)
    gaps = rng.choice(n_chains, size=min(n_chains, _count("chain_gap", n)), replace=False)
    stage = rng.integers(3, size=n)
    gap_chain = np.isin(chain, gaps)
    stage[gap_chain] = rng.integers(2, size=int(gap_chain.sum()))
    owner = rng.integers(40, size=n)
    local_only = rng.random(n) < 0.01
    bar.step("projects")

    # ---- project links ---------------------------------------------------------------
    nlinks = 1 + (rng.random(n) < 0.3) + (rng.random(n) < 0.1)
    special = rng.permutation(n)
    a = 0
    picks = {}
    for key in ("orphan_project", "broken_chain", "national_link", "conflict", "scope"):
        c = _count(key, n)
        picks[key] = special[a:a + c]
        a += c
    nlinks[picks["orphan_project"]] = 0
    local_only[picks["orphan_project"]] = False
    nlinks[picks["broken_chain"]] = 0
    asserter = np.array(["", "", "plan", "org"], dtype=object)[rng.integers(4, size=(n, 3))]
    src, dst, role, by = [], [], [], []
    for j in range(3):
        m = np.flatnonzero(nlinks > j)
        tgt = np.empty(m.size, dtype=object)
        for t in range(4):
            mt = m[kind[m] == t]
            width = goals[t].shape[1]
            tgt[kind[m] == t] = goals[t][home[mt], rng.integers(width, size=mt.size)]
        who = asserter[m, j]
        who[who == "plan"] = pplan[m][who == "plan"]
        orgs_here = np.array([f"ORG-{o:03d}" for o in owner[m].tolist()], dtype=object)
        who[who == "org"] = orgs_here[who == "org"]
        src.append(pid[m])
        dst.append(tgt)
        role.append(np.where(rng.random(m.size) < 0.5, "secondary", "") if j else np.full(m.size, ""))
        by.append(who)
    # planted: broken chains, level skips with another asserter, conflicts, scope mismatches
    strays = []
    for d in range(_count("stray_element", n)):
        p = prov_list[d % len(prov_list)]
        strays.append(element(f"PV-{p}-X{d}", f"PV-{p}", "goal", f"เป้าประสงค์ที่ไม่เชื่อมโยง {d}"))
    for d in range(_count("uncovered", n)):
        p = prov_list[d % len(prov_list)]
        element(f"PV-{p}-U{d}", f"PV-{p}", "goal", f"เป้าประสงค์ที่ไม่มีโครงการ {d}", f"PV-{p}-I0")
    extra = []
    for i in picks["broken_chain"].tolist():
        extra.append([pid[i], strays[i % len(strays)], "", "", "", ""])
    for i in picks["national_link"].tolist():
        if nlinks[i] == 0:
            continue
        extra.append([pid[i], subs_ns[int(rng.integers(len(subs_ns)))], "", "", "ORG-999", ""])
        extra.append([pid[i], goals[kind[i]][home[i], 0], "", "", f"ORG-{owner[i]:03d}", ""])
    for j, i in enumerate(picks["conflict"].tolist()):
        lc = j * 7 % n_local
        g0, g1 = local_goals[lc, 0], local_goals[lc, 1]
        link(g0, g1, "conflicts_with")
        extra.append([pid[i], g0, "", "", "", ""])
        extra.append([pid[i], g1, "", "", "", ""])
    for i in picks["scope"].tolist():
        if kind[i] != 0:
            continue
        far = (home[i] + 1 + int(rng.integers(n_local - 1))) % n_local if n_local > 1 else home[i]
        if local_prov[far] != local_prov[home[i]]:
            extra.append([pid[i], local_goals[far, 0], "", "", "", ""])
    for d in range(_count("cycle", n)):
        lc = (d * 13 + 5) % n_local
        link(local_goals[lc, 2], local_goals[lc, 3])
        link(local_goals[lc, 3], local_goals[lc, 2])
    for d in range(_count("downward", n)):
        lc = (d * 17 + 3) % n_local
        p = local_prov[lc]
        link(tactics[p][d % len(tactics[p])], local_goals[lc, 1])
    for d in range(_count("missing_target", n)):
        extra.append([pid[(d * 31) % n], f"X-MISSING-{d}", "", "", "", ""])
    bar.step("links")

    # ---- value chains and rows -------------------------------------------------------
    sheets["value_chains"] = [[f"VC-{v:05d}", f"ห่วงโซ่คุณค่า{WORDS[v % len(WORDS)]} {v}", "",
                               prov_tactics[v % len(prov_list), 0], prov_list[v % len(prov_list)]]
                              for v in range(n_chains)]
    chain_ids = np.array([f"VC-{v:05d}" for v in range(n_chains)], dtype=object)
    vc = np.where(chain >= 0, chain_ids[np.maximum(chain, 0)], "")
    st = np.where(chain >= 0, np.array(STAGES, dtype=object)[stage], "")
    orgcol = np.array([f"ORG-{o:03d}" for o in range(40)], dtype=object)[owner]
    sheets["projects"] = list(zip(
        pid.tolist(), pplan.tolist(), name.tolist(), [""] * n, orgcol.tolist(), parea.tolist(),
        year.tolist(), budget.tolist(), vc.tolist(), st.tolist(),
        np.where(local_only, "true", "").tolist(), ["proposed"] * n))
    for d in range(_count("duplicate_id", n)):
        i = (d * 37) % n
        sheets["projects"].append((pid[i], pplan[i], f"โครงการซ้ำรหัส {d}", "", "ORG-000", parea[i],
                                   2567, 1000, "", "", "", "proposed"))
    bar.step("value chains")
    sheets["links"] = links + [r for j in range(3) for r in zip(
        src[j].tolist(), dst[j].tolist(), [""] * len(src[j]), role[j].tolist(), by[j].tolist(),
        [""] * len(src[j]))] + extra
    headers = {
        "plans": ["id", "level", "name_th", "name_en", "area_id", "period_start", "period_end"],
        "elements": ["id", "plan_id", "kind", "name_th", "name_en", "parent_id", "code"],
        "projects": ["id", "plan_id", "name_th", "name_en", "owner", "area_id", "fiscal_year", "budget",
                     "value_chain_id", "stage", "local_only", "status"],
        "links": ["source_id", "target_id", "relation", "role", "asserted_by", "note"],
        "value_chains": ["id", "name_th", "name_en", "serves_id", "area_id"],
        "areas": ["id", "name_th", "name_en", "kind", "parent_id"],
        "organizations": ["id", "name_th", "name_en", "sector"],
    }
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, header in headers.items():
        with (folder / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header)
            w.writerows(sheets[sheet])
        if sheet in ("projects", "links"):
            bar.step(sheet)
    bar.step("done")
    return {s: len(rows) for s, rows in sheets.items()}
