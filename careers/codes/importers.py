"""导入代码: add or update the codes of one code table (chosen on the upload step).

A row matches an existing code by 代码 within the table: it updates 名称/上级代码 or is
skipped when nothing changed. 上级代码 must exist in the table or elsewhere in the file;
new codes are created parents first, so each history record has the right parent.
"""

from django import forms
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from careers.core.imports import (
    OPTIONAL,
    REQUIRED,
    ImportField,
    ImportSpec,
    RowResult,
    register,
)

from .models import Code, CodeTable

MAX_DEPTH = 10


@register
class CodeImport(ImportSpec):
    slug = "codes.code"
    label = "导入代码"
    permission = "codes.code.import"
    max_rows = 10000
    list_url_name = "codes:code_list"
    template_filename = "代码导入模板.xlsx"
    commit_batch_size = None  # parents are written before their children: all rows in one call
    fields = [
        ImportField("code", "代码", REQUIRED, "代码表内唯一，如 01、110000"),
        ImportField("name", "名称", REQUIRED),
        ImportField("parent", "上级代码", OPTIONAL, "须为本代码表中已有的代码，或本文件中的另一行", aliases=("上级",)),
    ]

    def upload_fields(self, user):
        return {"table": forms.ModelChoiceField(
            CodeTable.objects.filter(is_current=True).order_by("kind"), label="导入到代码表",
            help_text="只能导入到各代码表的当前版本。", empty_label="请选择代码表")}

    def describe_extra(self, extra):
        table = CodeTable.objects.filter(pk=extra.get("table")).first()
        return f"代码表：{table}" if table else ""

    def prepare(self, context, rows):
        cache = context.cache
        cache["table"] = CodeTable.objects.filter(pk=context.extra.get("table"), is_current=True).first()
        cache["existing"] = {
            code: (pk, name, parent)
            for pk, code, name, parent in Code.objects.filter(table=cache["table"]).values_list(
                "pk", "code", "name", "parent__code")
        } if cache["table"] else {}
        cache["file_parents"] = {}
        for _, values in rows:
            cache["file_parents"].setdefault(values["code"], values["parent"])

    def parent_of(self, code, cache):
        if code in cache["file_parents"]:
            return cache["file_parents"][code]
        return (cache["existing"].get(code) or (None, None, None))[2]

    def clean_row(self, values, context):
        cache = context.cache
        result = RowResult()
        code, name, parent = values["code"], values["name"], values["parent"]
        if cache["table"] is None:
            result.error("code", "所选代码表已不存在或已不是当前版本，请重新上传并选择代码表。")
            return result
        if len(code) > 20:
            result.error("code", "代码不能超过 20 个字符。")
        if len(name) > 100:
            result.error("name", "名称不能超过 100 个字。")
        if parent:
            if parent == code:
                result.error("parent", "上级代码不能是自己。")
            elif parent not in cache["existing"] and parent not in cache["file_parents"]:
                result.error("parent", f"上级代码“{parent}”在代码表“{cache['table'].name}”中不存在，本文件中也没有。")
            elif self._cycle(code, cache):
                result.error("parent", "上级代码形成了循环（A 的上级是 B，B 的上级又是 A），请检查。")
        if not code:
            return result
        earlier = context.first_seen(code)
        if earlier is not None:
            result.error("code", f"代码“{code}”与第 {earlier} 行重复。")
            return result
        result.payload = {"code": code, "name": name, "parent": parent}
        existing = cache["existing"].get(code)
        if existing is not None:
            pk, old_name, old_parent = existing
            result.payload["pk"] = pk
            for label, old, new in (("名称", old_name, name), ("上级代码", old_parent or "", parent)):
                if old != new:
                    result.changes[label] = [old, new]
            result.action = "update" if result.changes else "skip"
        return result

    def _cycle(self, code, cache):
        seen, current = {code}, self.parent_of(code, cache)
        for _ in range(MAX_DEPTH * 10):
            if not current:
                return False
            if current in seen:
                return True
            seen.add(current)
            current = self.parent_of(current, cache)
        return True

    def commit(self, rows, context):
        table, user = context.cache["table"], context.user
        ids = dict(Code.objects.filter(table=table).values_list("code", "pk"))
        levels = dict(Code.objects.filter(table=table).values_list("code", "level"))
        sort = (Code.objects.filter(table=table).order_by("-sort").values_list("sort", flat=True).first() or 0) + 1
        pending = [r.payload for r in rows if r.action == "create"]
        while pending:  # parents first: each pass creates the codes whose parent now exists
            ready = [p for p in pending if not p["parent"] or p["parent"] in ids]
            if not ready:
                raise ValueError("unresolvable parent codes")  # prevented by clean_row
            objs = []
            for p in ready:
                level = levels[p["parent"]] + 1 if p["parent"] else 1
                objs.append(Code(table=table, code=p["code"], name=p["name"], parent_id=ids.get(p["parent"]),
                                 level=level, sort=sort))
                sort += 1
            for obj in bulk_create_with_history(objs, Code, batch_size=500, default_user=user):
                ids[obj.code], levels[obj.code] = obj.pk, obj.level
            pending = [p for p in pending if p["code"] not in ids]
        updates = {r.payload["pk"]: r.payload for r in rows if r.action == "update"}
        changed = list(Code.objects.filter(pk__in=list(updates)))
        now = timezone.now()
        for obj in changed:
            p = updates[obj.pk]
            obj.name, obj.parent_id, obj.updated_at = p["name"], ids.get(p["parent"]), now
            obj.level = levels[p["parent"]] + 1 if p["parent"] else 1
        bulk_update_with_history(changed, Code, ["name", "parent", "level", "updated_at"], batch_size=500,
                                 default_user=user)
