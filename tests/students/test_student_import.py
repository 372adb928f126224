"""导入学生基本信息: every failure reason in plain Chinese, scope, re-runs, all-or-nothing, accounts."""

import io
import re

import openpyxl
import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from stdnum.cn import ric

from careers.accounts.models import User
from careers.codes.models import Code
from careers.core.imports import get_spec
from careers.core.imports.readers import read_table
from careers.core.imports.runner import validate
from careers.core.imports.spec import ImportContext
from careers.core.models import OperationLog
from careers.employment.models import DispatchRecord, EmploymentRecord
from careers.students.models import Student
from tests.factories import MajorFactory, StudentFactory

pytestmark = pytest.mark.django_db
SLUG = "students.student"


def id_number(n, sex="1", region="440305", birth="20040315"):
    """A valid 18-digit ID: `n` picks the sequence, `sex` "1" male / "2" female."""
    order = n % 50 * 2 + (1 if sex == "1" else 2)
    body = f"{region}{birth}{order:03d}"
    return body + ric.calc_check_digit(body + "0")


def labels():
    return [f.label for f in get_spec(SLUG).fields]


def row(n=1, **values):
    base = {
        "学号": f"2023{n:06d}", "姓名": f"学生{n}", "身份证号": id_number(n), "考生号": f"23440305{n:06d}",
        "毕业年份": "2027", "入学年份": "2023", "性别": "男", "学历": "本科生", "专业名称": "物联网工程",
        "校区": "主校区", "学院": "甲学院", "专业方向": "物联网", "系别": "", "民族": "汉族", "政治面貌": "共青团员",
        "生源地": "广东省深圳市南山区", "培养方式": "非定向", "手机号码": f"138{n:08d}",
        "电子邮箱": f"s{n}@example.com", "定向/委培单位": "", "家庭地址": "", "邮政编码": "",
    }
    base.update(values)
    return [base[label] for label in labels()]


def xlsx(rows, header=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header or labels())
    for cells in rows:
        sheet.append(list(cells))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def school(org):
    college = org["college_a"]
    return {**org,
            "iot": MajorFactory(college=college, name="物联网工程", specialization="物联网"),
            "iot_plain": MajorFactory(college=college, name="物联网工程", specialization="")}


def upload(client, data, name="students.xlsx"):
    return client.post(reverse("core:import_start", args=[SLUG]), {"file": SimpleUploadedFile(name, data)})


def token_of(response):
    assert response.status_code == 302, response.content.decode()[:3000]
    return re.search(r"/([0-9a-f]{32})/", response["Location"]).group(1)


def check(client, token):
    mapping = {f.name: f.label for f in get_spec(SLUG).fields}
    response = client.post(reverse("core:import_mapping", args=[SLUG, token]), mapping)
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.get(response["Location"])


def commit(client, token):
    response = client.post(reverse("core:import_commit", args=[SLUG, token]))
    assert response.status_code == 302
    return client.get(response["Location"])


def run_import(client, rows):
    token = token_of(upload(client, xlsx(rows)))
    report = check(client, token)
    return token, report, commit(client, token)


def results(rows, user):
    """The dry run without HTTP: RowResults by Excel row number."""
    spec = get_spec(SLUG)
    sheet = read_table(xlsx(rows), "s.xlsx")
    found = validate(spec, sheet, {f.name: f.label for f in spec.fields}, ImportContext(spec, user))
    return {r.row: r for r in found}


def errors_of(rows, user):
    return {n: r.errors for n, r in results(rows, user).items()}


# -- template ----------------------------------------------------------------------------
def test_template_has_marked_headers_notes_and_dropdowns(client, school_admin):
    client.force_login(school_admin)
    response = client.get(reverse("core:import_template", args=[SLUG]))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[:6] == ["学号*", "姓名*", "身份证号*", "考生号*", "毕业年份*", "入学年份*"]
    assert "性别" in headers and "定向/委培单位" in headers
    assert sheet["A2"].value.startswith("说明：必须填写")
    columns = {c.value: c.column_letter for c in sheet[1]}
    validated = {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation}
    for label in ("学历", "性别", "民族", "政治面貌", "培养方式"):
        assert f"{columns[label]}3" in validated, label
    values = [c.value for column in book["可选值"].iter_cols() for c in column]
    assert {"本科生", "男", "汉族", "中国共产主义青年团团员", "非定向"} <= set(values)


def test_filled_template_imports(client, school_admin, school):
    client.force_login(school_admin)
    data = b"".join(client.get(reverse("core:import_template", args=[SLUG])).streaming_content)
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.worksheets[0].append(row())
    buffer = io.BytesIO()
    book.save(buffer)
    token = token_of(upload(client, buffer.getvalue()))
    from careers.core.imports.mapping import auto_mapping
    from careers.core.imports.session import ImportSession

    session = ImportSession.load(token, user=school_admin, slug=SLUG)
    mapping = auto_mapping(get_spec(SLUG), session.meta["headers"])
    assert set(mapping) == {f.name for f in get_spec(SLUG).fields}  # every column found despite the * marks


# -- the happy path, accounts, re-runs ---------------------------------------------------
def test_import_creates_account_record_dispatch_and_employment(client, school_admin, school):
    client.force_login(school_admin)
    _, report, done = run_import(client, [row(1), row(2, 性别="女", 身份证号=id_number(2, sex="2"))])
    assert "新增 2 条" in done.content.decode()
    student = Student.objects.get(student_number="2023000001")
    assert student.major == school["iot"] and student.graduation_year == 2027 and student.enrolment_year == 2023
    assert (student.ethnicity.name, student.political_status.name, student.training_mode.name) == (
        "汉族", "中国共产主义青年团团员", "非定向")
    assert student.origin_region.code == "440305" and student.birth_date.isoformat() == "2004-03-15"
    assert Student.objects.get(student_number="2023000002").gender == "2"
    user = student.user
    assert user.username == "2023000001" and user.initial_credential and user.must_change_password
    assert not user.has_usable_password()  # no hash stored for the one-time initial credential
    assert DispatchRecord.objects.filter(student=student).exists()
    assert EmploymentRecord.objects.filter(student=student).exists()
    assert student.history.count() == 1
    log = OperationLog.objects.get(action="import")
    assert log.user == school_admin and log.changes["counts"]["create"] == 2

    client.logout()
    response = client.post(reverse("accounts:login"), {"username": "2023000001",
                                                       "password": student.id_number[-6:]})
    assert response.status_code == 302  # logged in with the last 6 of the ID number


def test_rerunning_the_same_file_creates_no_duplicates(client, school_admin, school):
    client.force_login(school_admin)
    rows = [row(1), row(2)]
    run_import(client, rows)
    _, report, _ = run_import(client, rows)
    body = report.content.decode()
    assert 'data-count="skip">2<' in body and 'data-count="create">0<' in body
    assert Student.objects.filter(student_number__startswith="2023").count() == 2
    assert User.objects.filter(username__startswith="2023").count() == 2


def test_rerun_with_changed_contact_skips_and_says_it_is_not_updated(school_admin, school):
    StudentFactory(student_number="2023000001", id_number=id_number(1), major=school["iot"], phone="13900000000")
    result = results([row(1)], school_admin)[2]
    assert result.ok and result.action == "skip"
    assert any("已导入，无变化" in w and "手机号码" in w and "编辑" in w for w in result.warnings)


# -- every failure reason ----------------------------------------------------------------
def test_major_fields_name_the_differing_field_and_the_options(school_admin, school):
    found = errors_of([
        row(1, 专业方向="嵌入式 "),
        row(2, 学院="乙学院"),
        row(3, 专业名称="物联网"),
        row(4, 学院=""),
        row(5, 校区="北校区", 学院="乙学院"),
        row(6, 专业名称="天文学"),
    ], school_admin)
    # shown as: 第 2 行「专业方向」：“嵌入式”与专业设置不一致，…
    assert found[2] == {"specialization": "“嵌入式”与专业设置不一致，该专业在专业设置中的方向有：物联网、无。"}
    assert found[3]["college"].startswith("“乙学院”与专业设置不一致，该专业在专业设置中的学院有：甲学院")
    assert found[4] == {"major_name": "专业设置中没有名为“物联网”的专业，最接近的是“物联网工程”。"}
    assert found[5]["college"] == "不能为空：学历、专业名称、校区、学院用于匹配专业设置。"
    assert "校区、学院不同" in found[6]["major_name"] and "主校区/甲学院" in found[6]["major_name"]
    assert found[7] == {"major_name": "专业设置中没有名为“天文学”的专业，请先在“专业设置”中添加该专业。"}


def test_spaces_in_major_fields_are_removed_with_a_warning(school_admin, school):
    result = results([row(1, 专业名称="物联网 工程", 学院="甲\u3000学院")], school_admin)[2]
    assert result.ok
    assert "「专业名称」含多余空格（含全角空格），已自动去除，按“物联网工程”处理。" in result.warnings


def test_education_level_must_be_a_known_value(school_admin, school):
    found = errors_of([row(1, 学历="大学本科"), row(2, 学历="本科")], school_admin)
    assert found[2]["education_level"].startswith("学历应填写如“本科生”：“大学本科”不是有效的学历")
    assert found[3] == {}  # the short name is understood


@pytest.mark.parametrize("field, value, message", [
    ("手机号码", "1381234567", "不是有效的手机号码：应为 11 位大陆手机号"),
    ("手机号码", "0755-86001234", "不是有效的手机号码"),
    ("手机号码", "12812345678", "不是有效的手机号码"),
    ("电子邮箱", "zhangsan@", "不是有效的电子邮箱，格式应如 zhangsan@example.com"),
    ("邮政编码", "51800", "不是有效的邮政编码"),
])
def test_malformed_contact_details(school_admin, school, field, value, message):
    (errors,) = errors_of([row(1, **{field: value})], school_admin).values()
    assert len(errors) == 1 and message in next(iter(errors.values()))


def test_phone_with_country_code_and_separators_is_accepted(school_admin, school):
    result = results([row(1, 手机号码="+86 138-1234-5678")], school_admin)[2]
    assert result.ok and result.payload["phone"] == "13812345678"


def test_full_width_contact_details_are_normalised_once_here(school_admin, school):
    """Full-width digits and ＠ pass the import only as the half-width value the SMS backend accepts too."""
    result = results([row(1, 手机号码="１３８１２３４５６７８", 电子邮箱="zhangsan＠example.com", 邮政编码="５１８０００")],
                     school_admin)[2]
    assert result.ok
    assert (result.payload["phone"], result.payload["email"], result.payload["postal_code"]) == (
        "13812345678", "zhangsan@example.com", "518000")
    assert "「电子邮箱」已按“zhangsan@example.com”处理。" in result.warnings


@pytest.mark.parametrize("value, code", [
    ("广东省深圳市南山区", "440305"), ("440305", "440305"), ("余杭区", "330110"), ("北京市朝阳区", "110105"),
    ("广东省", "440000"), ("深圳市南山区", "440305"),
])
def test_origin_region_by_name_or_code(school_admin, school, value, code):
    result = results([row(1, 生源地=value)], school_admin)[2]
    assert result.ok, result.errors
    assert Code.objects.get(pk=result.payload["origin_region"]).code == code


def test_origin_region_ambiguous_or_unknown_suggests_codes(school_admin, school):
    found = errors_of([row(1, 生源地="朝阳区"), row(2, 生源地="广东深圳南山"), row(3, 生源地="449999"),
                       row(4, 生源地="火星")], school_admin)
    assert found[2]["origin_region"].startswith("生源地“朝阳区”对应多个地区：110105 北京市朝阳区、")
    assert "220104 吉林省长春市朝阳区" in found[2]["origin_region"]
    assert "您是否要填“广东省深圳市南山区”（代码 440305）？" in found[3]["origin_region"]
    assert found[4]["origin_region"] == "“449999”不是有效的行政区划代码。上级地区为 440000 广东省，请核对后几位。"
    assert "与地区代码不一致" in found[5]["origin_region"]


def test_id_number_checks(school_admin, school):
    good = id_number(1)
    bad_checksum = good[:-1] + ("0" if good[-1] != "0" else "1")
    bad_date = "440305" + "20040231" + "011"
    bad_date += ric.calc_check_digit(bad_date + "0")
    found = errors_of([
        row(1, 身份证号=bad_checksum),
        row(2, 身份证号=bad_date),
        row(3, 身份证号="4403052004"),
        row(4, 身份证号="4.40305E+17"),
        row(5, 身份证号=id_number(5, sex="2"), 性别="男"),
    ], school_admin)
    assert "校验位不正确" in found[2]["id_number"]
    assert "出生日期“20040231”不是有效日期" in found[3]["id_number"]
    assert "应为 18 位，当前为 10 位" in found[4]["id_number"]
    assert "科学计数法" in found[5]["id_number"]
    assert found[6] == {"gender": "身份证号显示为女性，但性别填写为男。"}


def test_empty_gender_is_taken_from_the_id_number(school_admin, school):
    result = results([row(1, 性别="", 身份证号=id_number(1, sex="2"))], school_admin)[2]
    assert result.ok and result.payload["gender"] == "2"
    assert "「性别」未填写，已按身份证号填为“女”。" in result.warnings


def test_years_accept_floats_and_dates_typed_as_text(school_admin, school):
    found = results([row(1, 毕业年份="2027.0"), row(2, 毕业年份="2027-06-30", 入学年份="2023年9月"),
                     row(3, 毕业年份="二〇二七"), row(4, 毕业年份="2022"), row(5, 入学年份="45170")],
                    school_admin)
    assert found[2].ok and found[2].payload["graduation_year"] == 2027
    assert found[3].ok and found[3].payload["enrolment_year"] == 2023
    assert "「毕业年份」“2027-06-30”是日期，已按年份 2027 处理。" in found[3].warnings
    assert found[4].errors == {"graduation_year": "“二〇二七”不是年份，请填写 4 位数字年份，如 2027。"}
    assert found[5].errors == {"graduation_year": "毕业年份 2022 早于入学年份 2023，请核对。"}
    assert "可能是 Excel 把日期显示成了数字" in found[6].errors["enrolment_year"]


def test_year_cells_typed_as_numbers_or_dates_in_excel(client, school_admin, school):
    import datetime

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, labels())
    cells = row(1)
    sheet.write_row(1, 0, cells)
    sheet.write_number(1, labels().index("毕业年份"), 2027.0)
    sheet.write_datetime(1, labels().index("入学年份"), datetime.datetime(2023, 9, 1),
                         book.add_format({"num_format": "yyyy-mm-dd"}))
    book.close()
    spec = get_spec(SLUG)
    (result,) = validate(spec, read_table(buffer.getvalue(), "s.xlsx"), {f.name: f.label for f in spec.fields},
                         ImportContext(spec, school_admin))
    assert result.ok and (result.payload["graduation_year"], result.payload["enrolment_year"]) == (2027, 2023)


def test_required_fields_cannot_be_empty_match_required_may_be(school_admin, school):
    found = errors_of([row(1, 考生号="", 民族="", 政治面貌="", 生源地="", 培养方式="", 手机号码="", 电子邮箱="")],
                      school_admin)
    assert found[2] == {"candidate_number": "不能为空。"}


def test_unknown_coded_values_suggest(school_admin, school):
    found = errors_of([row(1, 民族="汉", 政治面貌="共青团员"), row(2, 民族="汉族人", 培养方式="定培")], school_admin)
    assert found[2] == {}
    assert found[3]["ethnicity"].startswith("“汉族人”不是有效的民族") and "您是否要填“汉族”？" in found[3]["ethnicity"]
    assert "不是有效的培养方式" in found[3]["training_mode"]


def test_duplicates_inside_the_file_name_the_earlier_row(school_admin, school):
    found = errors_of([row(1), row(2, 学号="2023000001"), row(3, 身份证号=id_number(1))], school_admin)
    assert found[3] == {"student_number": "与第 2 行的学号相同，同一文件中不能重复。"}
    assert found[4] == {"id_number": "与第 2 行的身份证号相同，同一文件中不能重复。"}


def test_every_bad_row_is_reported_not_just_the_first(client, school_admin, school):
    client.force_login(school_admin)
    token = token_of(upload(client, xlsx([row(1, 学历="大专"), row(2), row(3, 手机号码="1"), row(4, 生源地="火星")])))
    body = check(client, token).content.decode()
    assert 'data-count="error">3<' in body and 'data-count="create">1<' in body
    for line in ("第 2 行「学历」", "第 4 行「手机号码」", "第 5 行「生源地」"):
        assert line in body


# -- 已有该学生数据 -----------------------------------------------------------------------
def test_existing_student_in_another_year_points_to_transfer(school_admin, school):
    StudentFactory(student_number="2023000001", id_number=id_number(1), major=school["iot"], graduation_year=2026)
    (errors,) = errors_of([row(1)], school_admin).values()
    assert "已有该学生数据：该学生在 2026 届" in errors["student_number"] and "转移数据" in errors["student_number"]


def test_existing_student_same_year_other_major_must_be_edited(school_admin, school):
    StudentFactory(student_number="2023000001", id_number=id_number(1), major=school["iot_plain"])
    (errors,) = errors_of([row(1)], school_admin).values()
    assert errors["student_number"] == ("已有该学生数据，但专业与系统中的记录不同。导入不会修改已有学生，"
                                        "请在生源信息中编辑该学生。")


def test_same_id_number_on_an_existing_student_with_another_number(school_admin, school):
    StudentFactory(student_number="2022999999", id_number=id_number(1), major=school["iot"])
    (errors,) = errors_of([row(1)], school_admin).values()
    assert "已有该学生数据，但学号与系统中的记录不同" in errors["id_number"]


# -- scope --------------------------------------------------------------------------------
def test_college_admin_cannot_import_into_college_b(school, college_admin):
    found = errors_of([row(1, 专业名称="甲专业一", 专业方向=""), row(2, 专业名称="乙专业一", 学院="乙学院", 专业方向="")],
                      college_admin)
    assert found[2] == {}
    assert found[3] == {"major_name": "专业不在您的管辖范围内，不能导入该专业的学生。"}


def test_college_admin_learns_nothing_about_a_student_of_college_b(client, school, college_admin):
    other = school["students"]["b1"]
    Student.objects.filter(pk=other.pk).update(id_number=id_number(9))
    client.force_login(college_admin)
    token = token_of(upload(client, xlsx([row(1, 专业名称="甲专业一", 专业方向="", 身份证号=id_number(9)),
                                          row(2, 学号=other.student_number, 专业名称="甲专业一", 专业方向="")])))
    body = check(client, token).content.decode()
    assert "身份证号已被使用，不能再用于新增学生。" in body
    assert f"学号“{other.student_number}”已被使用，不能再用于新增学生。" in body
    assert "已有该学生数据" not in body and "其他管辖专业" not in body
    for secret in (other.name, "乙专业一", "乙学院", "该学生在"):
        assert secret not in body


def test_college_admin_import_commits_only_in_scope(client, school, college_admin):
    client.force_login(college_admin)
    run_import(client, [row(1, 专业名称="甲专业二", 专业方向="")])
    assert Student.objects.get(student_number="2023000001").major == school["majors"]["a2"]


def test_import_requires_the_permission(client, school, college_admin):
    college_admin.set_permissions([p for p in college_admin.permissions if p != "students.student.import"])
    college_admin.save()
    client.force_login(college_admin)
    assert client.get(reverse("core:import_start", args=[SLUG])).status_code == 403
    assert client.get(reverse("core:import_template", args=[SLUG])).status_code == 403


# -- all-or-nothing, bad files ----------------------------------------------------------------
def test_commit_is_all_or_nothing(client, school_admin, school, monkeypatch):
    client.force_login(school_admin)
    token = token_of(upload(client, xlsx([row(1), row(2)])))
    check(client, token)
    import careers.students.records.importers as importers

    original = importers.create_students

    def failing(students, **kwargs):
        original(students, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(importers, "create_students", failing)
    page = commit(client, token).content.decode()
    assert "disk full" not in page
    assert not Student.objects.filter(student_number__startswith="2023").exists()
    assert not User.objects.filter(username__startswith="2023").exists()
    monkeypatch.setattr(importers, "create_students", original)
    commit(client, token)
    assert Student.objects.filter(student_number__startswith="2023").count() == 2


def test_commit_refuses_when_a_student_appeared_since_the_dry_run(client, school_admin, school):
    client.force_login(school_admin)
    token = token_of(upload(client, xlsx([row(1), row(2)])))
    check(client, token)
    StudentFactory(student_number="2023000002", id_number=id_number(2), major=school["iot_plain"])
    body = commit(client, token).content.decode()
    assert "数据在检查之后发生了变化：第 3 行" in body
    assert not Student.objects.filter(student_number="2023000001").exists()


def formula_workbook(cached):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, labels())
    sheet.write_row(1, 0, row(1))
    sheet.write_formula(1, 1, '="张"&"三"', None, cached)
    book.close()
    return buffer.getvalue()


def test_formulas_are_read_as_their_values(school_admin, school):
    spec = get_spec(SLUG)
    mapping = {f.name: f.label for f in spec.fields}
    (ok,) = validate(spec, read_table(formula_workbook("张三"), "f.xlsx"), mapping, ImportContext(spec, school_admin))
    assert ok.ok and ok.payload["name"] == "张三"
    # a formula without a saved result (never opened in Excel) reads as empty: the row says so
    (empty,) = validate(spec, read_table(formula_workbook(""), "f.xlsx"), mapping, ImportContext(spec, school_admin))
    assert empty.errors == {"name": "不能为空。"}


def merged_header_workbook():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["学生基本信息"] + [None] * (len(labels()) - 1))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(labels()))
    sheet.append(labels())
    sheet.append(row(1))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("data, name, message", [
    (b"MZ\x90\x00\x03\x00" + b"\x00" * 200, "学生.xlsx", "内容实际上是可执行程序"),
    (b"", "学生.xlsx", "为空"),
    (xlsx([]), "学生.xlsx", "表格只有表头，没有数据行"),
    (b"\n,,\n", "学生.csv", "表格中没有任何内容"),
])
def test_bad_files_get_a_reason_and_write_nothing(client, school_admin, school, data, name, message):
    client.force_login(school_admin)
    response = upload(client, data, name)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Student.objects.filter(student_number__startswith="2023").exists()


def test_twenty_megabyte_file_is_refused(client, school_admin, school):
    client.force_login(school_admin)
    data = ",".join(labels()).encode() + b"\n" + b"x" * (20 * 1024 * 1024)
    response = upload(client, data, "学生.csv")
    assert response.status_code == 200 and "超过了" in response.content.decode()


def test_merged_title_row_above_the_header_is_not_taken_as_data(client, school_admin, school):
    """A merged title row makes the real header a data row: matching then refuses to go on."""
    client.force_login(school_admin)
    token = token_of(upload(client, merged_header_workbook()))
    mapping = {f.name: "" for f in get_spec(SLUG).fields}
    mapping["student_number"] = "学生基本信息"
    response = client.post(reverse("core:import_mapping", args=[SLUG, token]), mapping)
    assert response.status_code == 200 and "「姓名」为必须填写字段，必须匹配表格中的一列。" in response.content.decode()
    assert not Student.objects.filter(student_number__startswith="2023").exists()


def test_gbk_csv_and_the_row_limit(client, school_admin, school):
    client.force_login(school_admin)
    text = ",".join(labels()) + "\n" + ",".join(row(1)) + "\n"
    token = token_of(upload(client, text.encode("gbk"), "学生.csv"))
    check(client, token)
    commit(client, token)
    assert Student.objects.filter(student_number="2023000001").exists()
    too_many = ",".join(labels()) + "\n" + (",".join(row(1)) + "\n") * 5001
    response = upload(client, too_many.encode("utf-8"), "学生.csv")
    assert "超过单次导入上限 5000 行" in response.content.decode()


# -- query count ---------------------------------------------------------------------------
def test_dry_run_query_count_is_fixed(school_admin, college_admin, school, django_assert_max_num_queries):
    StudentFactory(student_number="2023000001", id_number=id_number(1), major=school["iot"])
    rows = [row(i, 学号=f"2023{i:06d}", 身份证号=id_number(i, birth=f"2004{i % 12 + 1:02d}15"),
                生源地=["广东省深圳市南山区", "110105", "朝阳区", "火星"][i % 4]) for i in range(1, 301)]
    spec = get_spec(SLUG)
    sheet = read_table(xlsx(rows), "s.xlsx")
    mapping = {f.name: f.label for f in spec.fields}
    for user in (school_admin, college_admin):
        with django_assert_max_num_queries(8):
            found = validate(spec, sheet, mapping, ImportContext(spec, user))
        assert len(found) == 300
