"""公开职位搜索 over 50,000 posts (issue 5: ≤ 100 ms server time per page).

Builds ~2,000 admitted employers and 50,000 posts (most published, some pending/closed/expired, and
a few hundred of not-yet-admitted units that must never show) with fast_insert, then renders
/jobs/ through the test client (anonymous, like the public) for several queries: no filter, a
Chinese keyword of two and of four characters, region + type, salary band, a deep page, and the
job detail page. Each figure is the median of repeated renders after a warm-up.
"""

ORDER = 60

import datetime
import random
import statistics
import time

from bench.common import admitted_employers, line

EMPLOYERS = 2000
JOBS = 50_000
TARGET_MS = 100
TITLES = ["软件开发工程师", "Java开发工程师", "前端工程师", "数据分析师", "产品经理", "销售代表", "会计", "行政专员",
          "机械设计工程师", "电气工程师", "土木工程师", "市场营销专员", "人力资源专员", "新媒体运营", "算法工程师",
          "测试工程师", "嵌入式工程师", "财务分析师", "法务专员", "教师", "护士", "药物研发员", "质量工程师", "采购专员"]
WORDS = ["负责", "公司", "产品", "项目", "团队", "客户", "数据", "系统", "研发", "市场", "管理", "分析", "设计",
         "沟通", "学习", "能力", "优先", "经验", "熟悉", "掌握", "本科", "专业", "相关", "工作", "良好", "责任心",
         "五险一金", "带薪年假", "节日福利", "定期体检", "培训", "晋升", "弹性工作", "餐补", "交通补贴"]
CITIES = ["武汉", "北京", "上海", "深圳", "广州", "杭州", "成都", "西安", "南京", "长沙"]




def build(rng):
    from django.utils import timezone

    from careers.codes.models import Code
    from careers.core.bulk import fast_insert
    from careers.core.richtext import plain_text
    from careers.recruitment.models import Job
    from careers.recruitment.jobs.search import search_key

    if not Code.objects.of("region").exists():
        from careers.codes.loader import load_regions

        load_regions()
    now = timezone.now()
    today = timezone.localdate()
    regions = list(Code.objects.of("region").filter(level=3).values_list("pk", flat=True))
    industries = list(Code.objects.of("industry").filter(level=2).values_list("pk", flat=True))
    natures = list(Code.objects.of("employer_nature").values_list("pk", flat=True))
    levels = list(Code.objects.of("education_level").values_list("pk", flat=True))
    employers = admitted_employers(EMPLOYERS, name=lambda i: (
        f"{rng.choice(CITIES)}{i}号{rng.choice(['科技', '信息', '制造', '教育', '医药'])}有限公司"), fields=lambda i: {
        "region_id": rng.choice(regions), "industry_id": rng.choice(industries), "nature_id": rng.choice(natures),
        "admitted_at": None if i % 20 == 0 else now})  # 5% not admitted
    jobs = []
    for i in range(JOBS):
        employer = employers[i % EMPLOYERS]
        title = rng.choice(TITLES)
        description = "".join(f"<p>{''.join(rng.choices(WORDS, k=rng.randint(8, 20)))}。</p>" for _ in range(4))
        low = rng.choice([None, 3000, 5000, 6000, 8000, 10000, 15000, 20000])
        high = None if low is None else low + rng.choice([2000, 4000, 6000, 10000])
        roll = rng.random()
        approved = roll < 0.85
        job = Job(employer=employer, title=title, job_type=rng.choice(["fulltime", "fulltime", "internship", "parttime"]),
                  openings=rng.randint(1, 20), region_id=rng.choice(regions), salary_min=low, salary_max=high,
                  education_id=rng.choice([None, *levels]), description=description,
                  deadline=today + datetime.timedelta(days=rng.randint(-20, 120)),
                  review_status="approved" if approved else "pending", submitted_at=now,
                  first_approved_at=now if approved else None,
                  bumped_at=now - datetime.timedelta(minutes=i) if approved else None,
                  closed_at=now if roll > 0.97 else None, pending_changes={})
        job.search_text = search_key("\n".join((employer.name, title, "", plain_text(description))))
        jobs.append(job)
    from django.db import connection

    postgres = connection.vendor == "postgresql"
    if postgres:  # building the trigram index once is far quicker than maintaining it row by row
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS recruitment_job_search_trgm")
    fast_insert(Job, jobs)
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("CREATE INDEX recruitment_job_search_trgm ON recruitment_job "
                           "USING gin (search_text gin_trgm_ops)")
            cursor.execute("ANALYZE recruitment_job; ANALYZE recruitment_employer; ANALYZE accounts_user")
    return Job.objects.published().filter(pk__range=(jobs[0].pk, jobs[-1].pk))  # ours, whatever ran before


def timed(client, url, params, repeats=15):
    """Median wall time of the request (ms) and, for a shared machine, the median Python CPU time of it."""
    assert client.get(url, params).status_code == 200  # warm-up
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url, params)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    return round(statistics.median(times), 1), round(statistics.median(cpu), 1)


def run():
    from django.test import Client

    from careers.codes.models import Code

    rng = random.Random(5)
    start = time.perf_counter()
    ours = build(rng)
    top = ours.order_by("-bumped_at").first()
    line("jobs_build_50000", round(time.perf_counter() - start, 1), "s")
    published = ours.count()
    line("jobs_published", published, "posts")
    client = Client(SERVER_NAME="localhost")
    province = Code.objects.of("region").filter(level=1).order_by("code").first()
    queries = {
        "no_filter": {},
        "keyword_2char": {"q": "会计"},
        "keyword_4char": {"q": "五险一金"},
        "keyword_employer": {"q": "武汉1号"},
        "region_type": {"region": province.code, "job_type": "internship"},
        "salary_8_12k": {"salary": "8-12"},
        "everything": {"q": "工程师", "region": province.code, "job_type": "fulltime", "salary": "8-12",
                       "education": "31"},
        "page_50": {"page": "50"},
    }
    worst = 0
    for name, params in queries.items():
        ms, cpu = timed(client, "/jobs/", params)
        worst = max(worst, ms)
        line(f"jobs_search_{name}", ms, "ms", TARGET_MS)
        line(f"jobs_search_{name}_python_cpu", cpu, "ms")
    ms, _ = timed(client, f"/jobs/{top.pk}/", {})
    line("jobs_detail", ms, "ms", TARGET_MS)
    line("jobs_search_worst", worst, "ms", TARGET_MS)
