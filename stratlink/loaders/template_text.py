"""The words of the Excel template: what each sheet and column means, in Thai and
English, with an example value. ``template.py`` lays them out.

Every spec column of every sheet has an entry (a test holds this true).
"""

from __future__ import annotations

#: sheet -> (Thai, English) description of the sheet
SHEET_HELP: dict[str, tuple[str, str]] = {
    "plans": ("แผนแต่ละฉบับ หนึ่งแถวต่อหนึ่งแผน", "One row per plan document."),
    "elements": ("ยุทธศาสตร์ ประเด็น เป้าหมาย กลยุทธ์ แผนงาน ฯลฯ ภายในแผน",
                 "Every strategy, issue, goal, target, tactic or programme inside a plan."),
    "projects": ("โครงการทุกโครงการ ในแผนที่บรรจุโครงการนั้น",
                 "Every project, in the plan whose project list holds it."),
    "links": ("การเชื่อมโยง: สิ่งใดสนับสนุน/สอดคล้องกับสิ่งใดในแผนที่สูงกว่า",
              "Linkage claims: what serves or aligns with what in a higher plan."),
    "value_chains": ("ห่วงโซ่คุณค่า (ต้นทาง กลางทาง ปลายทาง)",
                     "Value chains (upstream, midstream, downstream)."),
    "areas": ("พื้นที่ (แนะนำรหัสกรมการปกครอง: จังหวัด 45 อำเภอ 4501 ตำบล 450101)",
              "Areas (DOPA codes recommended: province 45, district 4501, sub-district 450101)."),
    "organizations": ("หน่วยงานและภาคี (ประชารัฐ)", "Organisations and partners (Pracharat)."),
}

_ID_TH = "รหัสที่ไม่ซ้ำกันทั้งสมุดงาน (ตัวพิมพ์เล็ก/ใหญ่ต่างกัน)"
_ID_EN = "an id unique across the whole workbook (case-sensitive)"
_NAME_TH = ("ชื่อภาษาไทย (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
            "the Thai name (give a Thai or an English name, at least one)")
_NAME_EN = ("ชื่อภาษาอังกฤษ (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
            "the English name (give a Thai or an English name, at least one)")
_YEAR = "ปีงบประมาณ พ.ศ. หรือ ค.ศ. (2400 ขึ้นไปอ่านเป็น พ.ศ.)"
_YEAR_EN = "fiscal year, B.E. or C.E. (2400 and above is read as B.E.)"

#: sheet -> column -> (Thai, English, example value)
COLUMN_HELP: dict[str, dict[str, tuple[str, str, str]]] = {
    "plans": {
        "id": (_ID_TH, _ID_EN, "ROIET-PDP-2566-2570"),
        "level": ("ระดับของแผนในลำดับชั้นของแผน (เลือกจากรายการ)",
                  "the plan's rung on the ladder of plans (pick from the list)", "province"),
        "name_th": (*_NAME_TH, "แผนพัฒนาจังหวัดร้อยเอ็ด พ.ศ. 2566-2570"),
        "name_en": (*_NAME_EN, "Roi Et Provincial Development Plan 2023-2027"),
        "area_id": ("พื้นที่ที่แผนครอบคลุม (รหัสในแผ่น areas) เว้นว่าง = ทั้งประเทศ",
                    "the area the plan covers (an id of the areas sheet); empty = the whole country",
                    "45"),
        "period_start": ("ปีงบประมาณแรกของแผน " + _YEAR, "first " + _YEAR_EN, "2566"),
        "period_end": ("ปีงบประมาณสุดท้ายของแผน " + _YEAR, "last " + _YEAR_EN, "2570"),
    },
    "elements": {
        "id": (_ID_TH, _ID_EN, "RE-I1"),
        "plan_id": ("แผนที่องค์ประกอบนี้อยู่ (รหัสในแผ่น plans)",
                    "the plan it belongs to (an id of the plans sheet)", "ROIET-PDP-2566-2570"),
        "kind": ("ชนิด เช่น strategy, issue, goal, tactic, programme, target, indicator",
                 "kind, e.g. strategy, issue, goal, tactic, programme, target, indicator", "issue"),
        "name_th": (*_NAME_TH, "การพัฒนาการเกษตรและเกษตรแปรรูปมูลค่าสูง"),
        "name_en": (*_NAME_EN, "High-value agriculture and agro-processing"),
        "parent_id": ("องค์ประกอบที่อยู่เหนือขึ้นไปในแผนเดียวกัน (ไม่ใช่การเชื่อมโยงข้ามแผน)",
                      "the element directly above it in the same plan (not a link to another plan)",
                      ""),
        "code": ("เลขลำดับตามแผน เช่น 3.2.1", "the plan's own numbering, e.g. 3.2.1", "1"),
        "description": ("คำอธิบาย", "a description", ""),
    },
    "projects": {
        "id": (_ID_TH, _ID_EN, "PRJ-001"),
        "plan_id": ("แผนที่บรรจุโครงการนี้ (รหัสในแผ่น plans)",
                    "the plan whose project list holds it (an id of the plans sheet)",
                    "ROIET-PDP-2566-2570"),
        "name_th": (*_NAME_TH, "ผลิตและกระจายเมล็ดพันธุ์ข้าวหอมมะลิ 105"),
        "name_en": (*_NAME_EN, "KDML 105 seed production and distribution"),
        "owner": ("หน่วยงานรับผิดชอบ (รหัสในแผ่น organizations หรือพิมพ์ชื่อ)",
                  "the responsible organisation (an id of the organizations sheet, or free text)",
                  "ORG-RSC"),
        "area_id": ("พื้นที่ดำเนินการ (รหัสในแผ่น areas)", "where it happens (an id of the areas sheet)",
                    "45"),
        "fiscal_year": ("ปีงบประมาณ " + _YEAR, _YEAR_EN, "2566"),
        "budget": ("งบประมาณ (บาท) ไม่ติดลบ ใส่จุลภาคคั่นหลักได้",
                   "budget in baht, 0 or more; thousands separators allowed", "4,500,000"),
        "value_chain_id": ("ห่วงโซ่คุณค่าที่โครงการนี้อยู่ (รหัสในแผ่น value_chains)",
                           "the value chain it belongs to (an id of the value_chains sheet)",
                           "VC-HOMMALI"),
        "stage": ("ขั้นของห่วงโซ่คุณค่า: ต้นทาง กลางทาง ปลายทาง",
                  "value-chain stage: upstream, midstream or downstream", "upstream"),
        "local_only": ("true = ตอบความต้องการในพื้นที่เท่านั้น ไม่ต้องเชื่อมถึงระดับชาติ (ไม่นับเป็นโครงการลอย)",
                       "true = serves a local need only, not expected to reach the national level "
                       "(then not an orphan)", ""),
        "status": ("สถานะ (ข้อความอิสระ) เช่น เสนอ ได้รับงบ เสร็จแล้ว",
                   "status (free text), e.g. proposed, funded, done", "funded"),
    },
    "links": {
        "source_id": ("สิ่งที่สนับสนุน: รหัสโครงการหรือองค์ประกอบ",
                      "what serves: a project or element id", "PRJ-001"),
        "target_id": ("สิ่งที่ได้รับการสนับสนุน: รหัสโครงการหรือองค์ประกอบในแผนที่สูงกว่า",
                      "what is served: a project or element id in a higher plan", "RE-T1.1"),
        "relation": ("ความสัมพันธ์: สนับสนุน (ค่าเริ่มต้น) สอดคล้อง หรือ ขัดแย้ง",
                     "relation: contributes_to (default), aligns_with or conflicts_with",
                     "contributes_to"),
        "role": ("บทบาท: หลัก (ค่าเริ่มต้น, โดยตรง) หรือ รอง (โดยอ้อม)",
                 "role: primary (default, eMENSCR's direct) or secondary", "primary"),
        "asserted_by": ("ผู้ระบุการเชื่อมโยง: รหัสแผนหรือหน่วยงาน",
                        "who claims the link: a plan or organisation id", "ROIET-PDP-2566-2570"),
        "note": ("หมายเหตุ", "a note", ""),
    },
    "value_chains": {
        "id": (_ID_TH, _ID_EN, "VC-HOMMALI"),
        "name_th": (*_NAME_TH, "ห่วงโซ่คุณค่าข้าวหอมมะลิทุ่งกุลาร้องไห้"),
        "name_en": (*_NAME_EN, "Thung Kula Ronghai Hom Mali rice value chain"),
        "serves_id": ("องค์ประกอบที่ห่วงโซ่นี้รับใช้ (รหัสในแผ่น elements)",
                      "the element this chain serves (an id of the elements sheet)", "RE-I1"),
        "area_id": ("พื้นที่ (รหัสในแผ่น areas)", "its area (an id of the areas sheet)", "45"),
    },
    "areas": {
        "id": (_ID_TH + " แนะนำรหัสกรมการปกครอง", _ID_EN + "; DOPA codes recommended", "45"),
        "name_th": (*_NAME_TH, "ร้อยเอ็ด"),
        "name_en": (*_NAME_EN, "Roi Et"),
        "kind": ("ชนิดพื้นที่: ประเทศ ภาค จังหวัด อำเภอ ตำบล หมู่บ้าน",
                 "kind: country, region, province, district, subdistrict, village", "province"),
        "parent_id": ("พื้นที่ที่ครอบพื้นที่นี้ (รหัสในแผ่น areas)",
                      "the enclosing area (an id of the areas sheet)", "TH-NE"),
    },
    "organizations": {
        "id": (_ID_TH, _ID_EN, "ORG-RSC"),
        "name_th": (*_NAME_TH, "ศูนย์เมล็ดพันธุ์ข้าวร้อยเอ็ด"),
        "name_en": (*_NAME_EN, "Roi Et Rice Seed Centre"),
        "sector": ("ภาคส่วน: ภาครัฐ อปท. เอกชน ประชาสังคม สถาบันการศึกษา ชุมชน",
                   "sector: government, local_government, private, civil_society, academic, community",
                   "government"),
    },
}

#: the guide's steps, (Thai, English)
GUIDE_STEPS: list[tuple[str, str]] = [
    ("กรอกแผ่น plans, elements, projects และ links (จำเป็น) แผ่นอื่นกรอกเมื่อมีข้อมูล",
     "Fill the sheets plans, elements, projects and links (required); the others when you have the data."),
    ("แถวที่ 1 ของทุกแผ่นคือชื่อคอลัมน์ที่โปรแกรมอ่าน ห้ามเปลี่ยนชื่อ (วางเมาส์บนหัวคอลัมน์เพื่อดูคำอธิบาย)",
     "Row 1 of every sheet holds the column names stratlink reads: do not rename them "
     "(hover over a header for its meaning)."),
    ("ช่องที่มีลูกศรให้เลือกจากรายการ ค่าที่เป็นคำไทย เช่น ต้นทาง หลัก สนับสนุน ใช้ได้เช่นกัน",
     "Cells with an arrow offer a list; Thai words such as ต้นทาง, หลัก, สนับสนุน are accepted too."),
    ("รหัส (id) ต้องไม่ซ้ำกันทั้งสมุดงาน: แผน องค์ประกอบ และโครงการ ใช้รหัสเดียวกันไม่ได้",
     "Ids must be unique across the whole workbook: a plan, an element and a project may not share one."),
    ("การเชื่อมโยงภายในแผนเดียวกันใช้ parent_id ส่วนการเชื่อมโยงไปยังแผนอื่นใช้แผ่น links",
     "Within one plan use parent_id; a link to another plan goes in the links sheet."),
    ("สมุดงานนี้มีแผ่น areas จึงตรวจทุก area_id: ใส่พื้นที่ที่ใช้ในแผ่น areas หรือเว้น area_id ว่าง",
     "This workbook has an areas sheet, so every area_id is checked against it: list the areas "
     "you use there, or leave area_id empty."),
    ("ตรวจสอบด้วยคำสั่ง: stratlink check plan.xlsx",
     "Check it with: stratlink check plan.xlsx"),
    ("แผ่นนี้และแผ่น lists (ซ่อน) โปรแกรมไม่อ่าน",
     "stratlink does not read this sheet or the hidden sheet 'lists'."),
]
