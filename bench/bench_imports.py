"""导入专业设置 with a generated 5,000-row .xlsx: dry run and commit, through the real job path.

The manual says an import normally completes within 3 minutes, hence the 180 s targets.
"""

import io
import time

import xlsxwriter

from bench.common import line

ROWS = 5000
TARGET_SECONDS = 180


def report(name, seconds, target):
    line(name, f"{seconds:.2f}", "s", target)


def school_admin():
    from careers.accounts.models import User

    user, _ = User.objects.get_or_create(username="bench-admin", defaults={
        "name": "基准测试", "kind": User.Kind.SCHOOL_ADMIN, "is_superuser": True, "must_change_password": False})
    return user


def generate_file(rows=ROWS):
    """A realistic sheet: 4 学历, several 学制/门类, 3 校区, 25 学院, some 系别 and 专业方向."""
    from careers.codes.models import Code
    from careers.org.models import Campus, College

    campuses = [Campus.objects.get_or_create(name=f"基准校区{i}")[0].name for i in range(3)]
    colleges = [College.objects.get_or_create(name=f"基准学院{i:02d}")[0].name for i in range(25)]
    levels = list(Code.objects.of("education_level").values_list("name", flat=True))
    durations = ["3年", "4年", "5"]
    disciplines = list(Code.objects.of("discipline").values_list("name", flat=True))
    codes = list(Code.objects.of("major_catalogue_undergraduate").filter(level=2).values_list("code", flat=True))
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["学历", "专业名称", "专业代码", "学制", "专业类别", "校区", "学院", "系别", "专业方向"])
    for i in range(rows):
        college = colleges[i % len(colleges)]
        sheet.write_row(i + 1, 0, [
            levels[i % len(levels)], f"基准专业{i // 3}", codes[i % len(codes)], durations[i % 3],
            disciplines[i % len(disciplines)], campuses[i % 3], college,
            f"第{i % 4}系" if i % 5 else "", f"方向{i % 3}" if i % 2 else " 方向\u3000A ",
        ])
    book.close()
    return buffer.getvalue()


def run():
    from careers.core.imports import get_spec, read_table, runner
    from careers.core.imports.mapping import auto_mapping
    from careers.core.imports.session import ImportSession
    from careers.core.models import Job
    from careers.org.models import Major

    user = school_admin()
    spec = get_spec("org.major")
    data = generate_file()
    sheet = read_table(data, "专业设置.xlsx", max_rows=spec.max_rows)
    session = ImportSession.create(spec, user, "专业设置.xlsx", data, sheet)
    mapping = auto_mapping(spec, sheet.headers)

    started = time.perf_counter()
    check = runner.start_check(spec, session, mapping, user)
    report("majors_import_dry_run_5000", time.perf_counter() - started, TARGET_SECONDS)
    counts = check.result.get("counts", {})
    assert check.status == Job.Status.SUCCEEDED and counts.get("create") == ROWS, (check.message, counts)

    started = time.perf_counter()
    done = runner.start_commit(spec, session, user)
    report("majors_import_commit_5000", time.perf_counter() - started, TARGET_SECONDS)
    assert done.status == Job.Status.SUCCEEDED, done.message
    assert Major.objects.filter(college__name__startswith="基准学院").count() == ROWS
