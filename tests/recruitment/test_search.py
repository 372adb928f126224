"""公开职位搜索 (/jobs/): keyword (Chinese substrings), every filter, counts, pagination, order."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.recruitment.jobs.search import COUNT_CAP, capped_count, search_key, site_jobs
from tests.factories import EmployerFactory, JobFactory, code

pytestmark = pytest.mark.django_db


def titles(client, **params):
    response = client.get(reverse("site:job_list"), params)
    assert response.status_code == 200
    return {job.title for job in response.context["jobs"]}


@pytest.fixture
def jobs(db):
    big = EmployerFactory(admitted=True, name="华中数据科技有限公司", industry=code("industry", "65"),
                          nature=code("employer_nature", "39"))
    school = EmployerFactory(admitted=True, name="江城实验中学", industry=code("industry", "83"),
                             nature=code("employer_nature", "22"))
    return {
        "dev": JobFactory(employer=big, approved=True, title="后端开发工程师", region=code("region", "420111"),
                          salary_min=8000, salary_max=12000, education=code("education_level", "31"),
                          description="<p>使用 Python 与 PostgreSQL 开发<strong>招聘平台</strong>。</p>"),
        "intern": JobFactory(employer=big, approved=True, title="数据标注实习生", job_type="internship",
                             region=code("region", "110108"), salary_min=3000, salary_max=4000,
                             description="<p>五险一金，弹性工作。</p>"),
        "teacher": JobFactory(employer=school, approved=True, title="高中数学教师", region=code("region", "420102"),
                              salary_min=None, salary_max=None, education=code("education_level", "11"),
                              description="<p>负责高二年级数学教学。</p>"),
    }


def test_search_key_separates_cjk_only():
    assert search_key("Java开发 工程师") == "java开\u01c0发 工\u01c0程\u01c0师"
    assert search_key("ABC") == "abc"


@pytest.mark.parametrize("keyword,expected", [
    ("开发", {"后端开发工程师"}),            # two Chinese characters (title)
    ("招聘平台", {"后端开发工程师"}),         # description, inside <strong>
    ("五险一金", {"数据标注实习生"}),
    ("华中数据", {"后端开发工程师", "数据标注实习生"}),  # the employer's name
    ("数据", {"后端开发工程师", "数据标注实习生"}),
    ("python", {"后端开发工程师"}),          # case-insensitive ASCII
    ("数学 教师", {"高中数学教师"}),           # every word must match
    ("开发 教师", set()),
    ("不存在的词", set()),
    ("学", {"高中数学教师"}),                 # one character still works (scan)
])
def test_keyword(client, jobs, keyword, expected):
    assert titles(client, q=keyword) == expected


def test_keyword_never_matches_markup(client, jobs):
    assert titles(client, q="strong") == set()


def test_filters(client, jobs):
    assert titles(client, region="420000") == {"后端开发工程师", "高中数学教师"}  # province incl. its districts
    assert titles(client, region="110000") == {"数据标注实习生"}
    assert titles(client, job_type="internship") == {"数据标注实习生"}
    assert titles(client, industry="I") == {"后端开发工程师", "数据标注实习生"}  # section I holds division 65
    assert titles(client, industry="P") == {"高中数学教师"}
    assert titles(client, nature="22") == {"高中数学教师"}
    # education: the level asked for, or 不限
    assert titles(client, education="31") == {"后端开发工程师", "数据标注实习生"}
    assert titles(client, education="11") == {"高中数学教师", "数据标注实习生"}
    jobs["dev"].disciplines.set([code("discipline", "08")])
    assert titles(client, discipline="08") == {"后端开发工程师", "数据标注实习生", "高中数学教师"}
    assert titles(client, discipline="05") == {"数据标注实习生", "高中数学教师"}  # 不限 suits every discipline
    assert titles(client, region="420000", job_type="fulltime", q="教师") == {"高中数学教师"}


@pytest.mark.parametrize("band,expected", [
    ("lt5", {"数据标注实习生"}),
    ("5-8", set()),                    # 8000–12000 starts at the band's (exclusive) upper bound
    ("8-12", {"后端开发工程师"}),
    ("12-20", set()),
    ("gt20", set()),
])
def test_salary_bands_overlap_and_skip_negotiable(client, jobs, band, expected):
    assert titles(client, salary=band) == expected


def test_open_ended_salary(client, jobs):
    JobFactory(approved=True, title="销售经理", salary_min=15000, salary_max=None)
    assert "销售经理" in titles(client, salary="gt20") and "销售经理" in titles(client, salary="12-20")
    assert "销售经理" not in titles(client, salary="8-12")


def test_bad_parameters_are_named_and_ignored(client, jobs):
    response = client.get(reverse("site:job_list"), {"region": "999999", "salary": "huge", "page": "abc"})
    assert response.status_code == 200
    assert len(response.context["jobs"]) == 3
    assert "所选工作地区不存在" in response.content.decode()


def test_count_pagination_and_order(client, db):
    now = timezone.now()
    for i in range(45):
        JobFactory(approved=True, title=f"职位{i:02d}", bumped_at=now - datetime.timedelta(minutes=i))
    response = client.get(reverse("site:job_list"))
    page = response.context["page"]
    assert page["count"] == 45 and page["pages"] == 3 and not page["more"]
    assert [j.title for j in response.context["jobs"]][:3] == ["职位00", "职位01", "职位02"]
    assert "共找到 <strong>45</strong> 个职位" in response.content.decode()
    last = client.get(reverse("site:job_list"), {"page": 3}).context["jobs"]
    assert [j.title for j in last] == [f"职位{i}" for i in range(40, 45)]
    assert client.get(reverse("site:job_list"), {"page": 99}).context["page"]["number"] == 3


def test_capped_count(db):
    JobFactory.create_batch(3, approved=True)
    assert capped_count(site_jobs(), cap=2) == (2, True)
    assert capped_count(site_jobs(), cap=COUNT_CAP) == (3, False)


def test_employer_rename_updates_search_text(client, jobs):
    employer = jobs["teacher"].employer
    employer.name = "江城第一中学"
    employer.save()
    assert titles(client, q="第一中学") == {"高中数学教师"}
    assert titles(client, q="实验中学") == set()


def test_job_detail_page(client, jobs):
    job = jobs["dev"]
    page = client.get(reverse("site:job_detail", args=[job.pk])).content.decode()
    assert "后端开发工程师" in page and "8000–12000 元/月" in page and "招聘平台" in page
    assert reverse("site:employer_detail", args=[job.employer.pk]) in page
    assert "<strong>招聘平台</strong>" in page  # the sanitized rich text renders as HTML
