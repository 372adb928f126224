"""Demo job posts: ~40 posts of the demo employers (employers/demo.py) in every state of the table in
jobs/models.py — mostly 已审核 (public), some 待审核, 待复审 (an edit waiting), 未通过, 已过期, 已关闭.

Idempotent: a post is identified by (employer, title) and left alone when it exists. Works with whatever
employers exist (none: nothing to do); posts of units not yet admitted stay 待审核 like on the real site.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from careers.codes.models import Code
from careers.core.review import ReviewStatus

from ..employers.models import Employer
from .models import Job

# (title, job type, openings, salary min, salary max, education code or "", discipline codes, description)
POSTS = [
    ("Java后端开发工程师", "fulltime", 5, 9000, 15000, "31", ["08"], "负责招聘平台后端服务的设计与开发，熟悉 Spring Boot、PostgreSQL。"),
    ("前端开发工程师", "fulltime", 3, 8000, 13000, "31", ["08"], "使用 Vue/React 开发移动端页面，关注性能与可访问性。"),
    ("数据分析师", "fulltime", 2, 8000, 12000, "11", ["07", "12"], "搭建业务指标体系，撰写分析报告，熟练使用 SQL 与 Python。"),
    ("算法工程师", "fulltime", 2, 15000, 25000, "11", ["08", "07"], "研究推荐与搜索算法，有论文或竞赛经历者优先。"),
    ("软件测试实习生", "internship", 4, 3000, 4000, "", ["08"], "参与功能测试与自动化测试脚本编写，每周到岗不少于四天。"),
    ("审计助理", "fulltime", 6, 6000, 8000, "31", ["12"], "协助完成年度审计项目，持有或正在备考注册会计师者优先。"),
    ("税务咨询顾问", "fulltime", 2, 7000, 10000, "31", ["02", "12"], "为企业客户提供税务筹划与申报服务。"),
    ("财务实习生", "internship", 3, 2500, 3500, "", ["12"], "协助整理凭证与报表，表现优秀者可留用。"),
    ("机械设计工程师", "fulltime", 3, 7000, 11000, "31", ["08"], "负责自动化产线设备的结构设计，熟练使用 SolidWorks。"),
    ("电气工程师", "fulltime", 2, 7500, 11000, "31", ["08"], "负责 PLC 程序设计与现场调试。"),
    ("生产管理培训生", "fulltime", 8, 6000, 8000, "", [], "轮岗学习生产计划、质量与采购管理，培养为车间主管。"),
    ("客户经理", "fulltime", 10, 6000, 12000, "31", ["02", "12"], "拓展和维护对公客户，完成存贷款业务指标。"),
    ("柜员", "fulltime", 12, 5000, 7000, "41", [], "办理个人业务，提供优质的柜面服务。"),
    ("硬件开发工程师", "fulltime", 4, 12000, 20000, "11", ["08"], "参与通信设备的硬件电路设计与调试。"),
    ("产品经理", "fulltime", 2, 12000, 20000, "31", [], "负责用户增长产品的需求分析与迭代规划。"),
    ("新媒体运营", "fulltime", 2, 6000, 9000, "31", ["05", "13"], "负责公众号与短视频内容策划，文字功底扎实。"),
    ("云计算运维工程师", "fulltime", 3, 10000, 16000, "31", ["08"], "负责云平台的日常运维与故障处理，熟悉 Linux。"),
    ("汽车研发工程师", "fulltime", 5, 9000, 14000, "11", ["08"], "参与整车电子电气架构开发。"),
    ("施工员", "fulltime", 15, 6000, 9000, "41", ["08"], "负责施工现场技术管理，能适应项目驻地工作。"),
    ("土木工程师", "fulltime", 6, 7000, 10000, "31", ["08"], "负责结构设计与施工图审核。"),
    ("电力调度员", "fulltime", 4, 8000, 11000, "31", ["08"], "负责电网运行监控与调度。"),
    ("理财顾问", "fulltime", 6, 6000, 15000, "31", ["02"], "为个人客户提供资产配置建议。"),
    ("审计实习生", "internship", 10, 3000, 4500, "", [], "参与上市公司年报审计，提供住宿补贴。"),
    ("短视频剪辑实习生", "internship", 2, 3000, 5000, "", ["13"], "负责短视频剪辑与包装，熟练使用剪映或 Premiere。"),
    ("显示技术工艺工程师", "fulltime", 6, 8000, 12000, "11", ["07", "08"], "负责面板制程工艺的改善与良率提升。"),
    ("存储芯片设计工程师", "fulltime", 8, 15000, 25000, "11", ["08"], "参与 3D NAND 存储芯片的电路设计与验证。"),
    ("高中数学教师", "fulltime", 2, 8000, 12000, "11", ["07"], "负责高中数学教学，有竞赛辅导经验者优先。"),
    ("初中英语教师", "fulltime", 2, 7000, 10000, "31", ["05"], "负责初中英语教学与班级管理。"),
    ("住院医师", "fulltime", 10, 9000, 14000, "11", ["10"], "参加规范化培训，完成临床诊疗工作。"),
    ("护士", "fulltime", 20, 6000, 9000, "31", ["10"], "负责病区护理工作，持护士执业资格证书。"),
    ("记者", "fulltime", 2, 7000, 10000, "31", ["05"], "负责新闻采写，有新闻学或相关专业背景。"),
    ("化工工艺工程师", "fulltime", 5, 8000, 12000, "31", ["08", "07"], "负责炼化装置的工艺技术管理。"),
    ("销售工程师", "fulltime", 4, 8000, 15000, "31", ["08"], "负责工业自动化产品的技术销售。"),
    ("广告文案", "fulltime", 2, 7000, 11000, "31", ["05"], "负责品牌广告的创意文案撰写。"),
    ("行政专员", "fulltime", 1, 5000, 7000, "41", [], "负责办公室日常行政事务。"),
    ("人力资源实习生", "internship", 2, 2500, 3500, "", ["12"], "协助招聘与培训工作。"),
    ("嵌入式软件工程师", "fulltime", 3, 11000, 18000, "31", ["08"], "负责设备嵌入式软件开发，熟悉 C 语言与 RTOS。"),
    ("兼职家教", "parttime", 5, None, None, "", [], "周末辅导初中学生数学，时间灵活。"),
    ("市场调研兼职", "parttime", 6, 2000, 3000, "", [], "协助开展问卷调查与数据录入。"),
    ("研究助理", "fulltime", 1, None, None, "01", ["07"], "协助开展科研项目，薪资面议。"),
]
# The demo employer login's own variants for its home page (title, state, deadline in days): one closing
# within the week (the 7 天内到期 list), one waiting for review, one refused.
LOGIN_POSTS = [("运维开发工程师", "approved", 3), ("测试开发工程师", "waiting", 45), ("UI 设计师", "rejected", 30)]
# The state of the n-th post (cycled): mostly public.
STATES = ["approved"] * 5 + ["waiting", "re_review", "approved", "rejected", "expired", "approved", "closed"]


def seed(rng, years):
    employers = list(Employer.objects.order_by("pk")[:40])
    if not employers:
        return
    codes = {(c.table.kind, c.code): c for c in Code.objects.filter(
        table__kind__in=("education_level", "discipline"), level=1).select_related("table")}
    today, now = timezone.localdate(), timezone.now()
    with transaction.atomic():
        for n, (title, job_type, openings, low, high, education, disciplines, text) in enumerate(POSTS):
            employer = employers[n % len(employers)]
            if Job.objects.filter(employer=employer, title=title).exists():
                continue
            state = STATES[n % len(STATES)] if employer.admitted_at else "waiting"
            approved = state in ("approved", "re_review", "expired", "closed")
            job = Job(employer=employer, title=title, job_type=job_type, openings=openings, region=employer.region,
                      salary_min=low, salary_max=high, education=codes.get(("education_level", education)),
                      description=f"<p>{text}</p><p>工作地点：{employer.region.name}。</p>",
                      deadline=today + datetime.timedelta(days=rng.randint(20, 90)),
                      contact_person=employer.contact_person, contact_phone=employer.phone,
                      contact_email=employer.email, submitted_at=now - datetime.timedelta(days=n % 10 + 1),
                      review_status=ReviewStatus.APPROVED if approved else ReviewStatus.PENDING)
            if approved:
                job.first_approved_at = job.reviewed_at = now - datetime.timedelta(days=n % 10)
                job.bumped_at = job.first_approved_at - datetime.timedelta(minutes=n)
            if state == "re_review":
                job.review_status = ReviewStatus.PENDING
                job.pending_changes = {"title": f"{title}（急聘）", "openings": openings + 2}
            elif state == "rejected":
                job.review_status, job.review_note = ReviewStatus.REJECTED, "请补充具体的工作职责和任职要求。"
                job.reviewed_at = now
            elif state == "expired":
                job.deadline = today - datetime.timedelta(days=rng.randint(1, 20))
            elif state == "closed":
                job.closed_at = now - datetime.timedelta(days=1)
            job._change_reason = "演示数据"
            job.save()
            job.disciplines.set([codes[("discipline", d)] for d in disciplines if ("discipline", d) in codes])
    _login_variants(today, now)


def _login_variants(today, now):
    employer = Employer.objects.admitted().order_by("pk").first()  # the demo employer login (星辰科技)
    if employer is None:
        return
    for title, state, deadline in LOGIN_POSTS:
        if Job.objects.filter(employer=employer, title=title).exists():
            continue
        job = Job(employer=employer, title=title, job_type="fulltime", openings=2, region=employer.region,
                  salary_min=9000, salary_max=14000, description=f"<p>{title}，负责公司核心产品相关工作。</p>",
                  deadline=today + datetime.timedelta(days=deadline), contact_person=employer.contact_person,
                  contact_phone=employer.phone, contact_email=employer.email,
                  submitted_at=now - datetime.timedelta(days=2), review_status=ReviewStatus.PENDING)
        if state == "approved":
            job.review_status = ReviewStatus.APPROVED
            job.first_approved_at = job.reviewed_at = job.bumped_at = now - datetime.timedelta(days=25)
        elif state == "rejected":
            job.review_status, job.review_note = ReviewStatus.REJECTED, "职位描述过于简单，请补充工作职责和任职要求。"
            job.reviewed_at = now - datetime.timedelta(days=1)
        job._change_reason = "演示数据"
        job.save()
