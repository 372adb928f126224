"""导入代码 (codes.code): the upload step's extra field, parents, updates, permission; upload checks."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.codes.models import Code, CodeTable
from careers.core.imports import get_spec
from careers.core.imports.session import ImportSession

pytestmark = pytest.mark.django_db

MAPPING = {"code": "代码", "name": "名称", "parent": "上级代码"}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def table(db):
    table = CodeTable.objects.create(kind="test_area", name="测试区域", version="1")
    top = Code.objects.create(table=table, code="11", name="北京")
    Code.objects.create(table=table, code="1101", name="东城", parent=top, level=2)
    return table


def upload(client, text, table=None, name="codes.csv", encoding="utf-8-sig"):
    data = {"file": SimpleUploadedFile(name, text.encode(encoding) if isinstance(text, str) else text)}
    if table is not None:
        data["table"] = table.pk
    return client.post(reverse("core:import_start", args=["codes.code"]), data)


def run(client, text, table):
    response = upload(client, text, table)
    assert response.status_code == 302, response.content.decode()[:3000]
    token = re.search(r"/([0-9a-f]{32})/", response["Location"]).group(1)
    report = client.get(client.post(reverse("core:import_mapping", args=["codes.code", token]), MAPPING)["Location"])
    done = client.post(reverse("core:import_commit", args=["codes.code", token]))
    return report.content.decode(), client.get(done["Location"]).content.decode()


def test_codes_import_creates_children_before_parents_and_updates(client, school_admin, table):
    client.force_login(school_admin)
    text = "代码,名称,上级代码\n110101,王府井,1101\n1101,东城区,11\n12,天津,\n1201,和平,12\n"
    report, done = run(client, text, table)
    assert "名称：东城 → 东城区" in report
    assert "导入完成：新增 3 条，更新 1 条" in done
    codes = {c.code: c for c in Code.objects.filter(table=table)}
    assert codes["110101"].parent.code == "1101" and codes["110101"].level == 3
    assert codes["1201"].parent.code == "12" and codes["1101"].name == "东城区"
    assert codes["12"].history.count() == 1
    # the same file again changes nothing
    report, _ = run(client, text, table)
    assert 'data-count="skip">4<' in report and Code.objects.filter(table=table).count() == 5


def test_codes_import_reports_bad_parents_and_duplicates(client, school_admin, table):
    client.force_login(school_admin)
    text = "代码,名称,上级代码\n21,辽宁,99\n22,吉林,22\n31,上海,\n31,上海市,\n41,甲,42\n42,乙,41\n"
    report, _ = run(client, text, table)
    assert "第 2 行「上级代码」：上级代码“99”在代码表“测试区域”中不存在，本文件中也没有。" in report
    assert "第 3 行「上级代码」：上级代码不能是自己。" in report
    assert "第 5 行「代码」：代码“31”与第 4 行重复。" in report
    assert "第 6 行「上级代码」：上级代码形成了循环" in report
    assert Code.objects.filter(table=table, code="31").get().name == "上海"


def test_upload_step_requires_a_code_table(client, school_admin, table):
    client.force_login(school_admin)
    response = upload(client, "代码,名称\n1,a\n")
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()


def test_extra_field_is_kept_and_described(client, school_admin, table):
    client.force_login(school_admin)
    response = upload(client, "代码,名称\n1,a\n", table)
    token = re.search(r"/([0-9a-f]{32})/", response["Location"]).group(1)
    session = ImportSession.load(token, user=school_admin, slug="codes.code")
    assert session.meta["extra"] == {"table": table.pk}
    page = client.get(response["Location"]).content.decode()
    assert "代码表：测试区域（1）" in page


def test_only_school_admins_import_codes(client, college_admin):
    client.force_login(college_admin)
    assert client.get(reverse("core:import_start", args=["codes.code"])).status_code == 403
    assert get_spec("codes.code").has_permission(college_admin) is False


# -- upload checks through the page ------------------------------------------------------
def test_upload_rejects_renamed_exe_with_chinese_message(client, school_admin, table):
    client.force_login(school_admin)
    body = upload(client, b"MZ\x90\x00" + b"\x00" * 64, table, name="codes.xlsx").content.decode()
    assert "内容实际上是可执行程序，不能导入" in body


def test_upload_size_limit(client, school_admin, table, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    client.force_login(school_admin)
    body = upload(client, "代码,名称\n" + "1,a\n" * 50, table).content.decode()
    assert "超过了" in body and "的上限" in body


def test_upload_row_limit_per_spec(client, school_admin, table, monkeypatch):
    monkeypatch.setattr(get_spec("codes.code"), "max_rows", 3)
    client.force_login(school_admin)
    body = upload(client, "代码,名称\n" + "".join(f"{i},a\n" for i in range(4)), table).content.decode()
    assert "共有 4 行数据，超过单次导入上限 3 行" in body


def test_gbk_csv_upload(client, school_admin, table):
    client.force_login(school_admin)
    _, done = run(client, "代码,名称,上级代码\n13,河北,\n".encode("gbk"), table)
    assert Code.objects.get(table=table, code="13").name == "河北"


def test_import_index_lists_permitted_imports(client, school_admin, college_admin):
    client.force_login(school_admin)
    body = client.get(reverse("core:import_index")).content.decode()
    assert "导入专业设置" in body and "导入代码" in body
    # a college admin sees only the imports they hold (majors and codes are school-only)
    client.force_login(college_admin)
    body = client.get(reverse("core:import_index")).content.decode()
    assert "导入专业设置" not in body and "导入代码" not in body
    college_admin.set_permissions([])
    college_admin.save()
    assert client.get(reverse("core:import_index")).status_code == 403
