"""Demo school: 2 campuses, 8 colleges with a department each, 40 majors (a demo step, see core/demo.py)."""

from careers.codes.models import Code

from .models import Campus, College, Department, Major

CAMPUSES = ["主校区", "南湖校区"]
# college -> (campus index, [(education level code, major name, catalogue code, discipline, duration)])
COLLEGES = {
    "信息工程学院": (0, [("31", "计算机科学与技术", "080901", "08", "4"), ("31", "软件工程", "080902", "08", "4"),
                   ("31", "网络工程", "080903", "08", "4"), ("31", "数据科学与大数据技术", "080910T", "08", "4"),
                   ("11", "计算机科学与技术", "0812", "08", "3")]),
    "经济管理学院": (0, [("31", "经济学", "020101", "02", "4"), ("31", "国际经济与贸易", "020401", "02", "4"),
                   ("31", "会计学", "120203K", "12", "4"), ("31", "市场营销", "120202", "12", "4"),
                   ("41", "大数据与会计", "530302", "12", "3")]),
    "机械工程学院": (1, [("31", "机械设计制造及其自动化", "080202", "08", "4"), ("31", "车辆工程", "080207", "08", "4"),
                   ("31", "工业设计", "080205", "08", "4"), ("31", "材料成型及控制工程", "080203", "08", "4"),
                   ("41", "机电一体化技术", "460301", "08", "3")]),
    "外国语学院": (0, [("31", "英语", "050201", "05", "4"), ("31", "日语", "050207", "05", "4"),
                  ("31", "翻译", "050261", "05", "4"), ("31", "商务英语", "050262", "05", "4"),
                  ("11", "外国语言文学", "0502", "05", "3")]),
    "化学化工学院": (1, [("31", "化学", "070301", "07", "4"), ("31", "应用化学", "070302", "07", "4"),
                   ("31", "化学工程与工艺", "081301", "08", "4"), ("31", "制药工程", "081302", "08", "4"),
                   ("11", "化学", "0703", "07", "3")]),
    "文学与新闻传播学院": (0, [("31", "汉语言文学", "050101", "05", "4"), ("31", "新闻学", "050301", "05", "4"),
                      ("31", "广告学", "050303", "05", "4"), ("31", "网络与新媒体", "050306T", "05", "4"),
                      ("31", "秘书学", "050107T", "05", "4")]),
    "数学与统计学院": (0, [("31", "数学与应用数学", "070101", "07", "4"), ("31", "统计学", "071201", "07", "4"),
                    ("31", "信息与计算科学", "070102", "07", "4"), ("31", "应用统计学", "071202", "07", "4"),
                    ("11", "数学", "0701", "07", "3")]),
    "艺术设计学院": (1, [("31", "视觉传达设计", "130502", "13", "4"), ("31", "环境设计", "130503", "13", "4"),
                   ("31", "产品设计", "130504", "13", "4"), ("31", "数字媒体艺术", "130508", "13", "4"),
                   ("41", "室内艺术设计", "550106", "13", "3")]),
}


def build_school(ctx):
    """Campuses, colleges, departments and majors (idempotent); `ctx.shared["majors"]` lists them in order."""
    campuses = [Campus.objects.get_or_create(name=name, defaults={"sort": i})[0] for i, name in enumerate(CAMPUSES)]
    durations = {c.code: c for c in Code.objects.of("duration")}
    disciplines = {c.code: c for c in Code.objects.of("discipline")}
    levels = {c.code: c for c in Code.objects.of("education_level")}
    majors = []
    for sort, (college_name, (campus_index, specs)) in enumerate(COLLEGES.items()):
        college, _ = College.objects.get_or_create(name=college_name, defaults={"sort": sort, "code": f"{sort + 1:02d}"})
        department, _ = Department.objects.get_or_create(college=college, name=f"{college_name[:2]}系")
        for level, name, major_code, discipline, duration in specs:
            major, _ = Major.objects.get_or_create(
                education_level=levels[level], name=name, campus=campuses[campus_index], college=college,
                department=department if level == "31" else None, specialization="",
                defaults={"major_code": major_code, "duration": durations[duration],
                          "discipline": disciplines[discipline]})
            majors.append(major)
    ctx.shared["majors"] = majors
