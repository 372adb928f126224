"""Demo job posts: ~48 posts of the demo employers (employers/demo.py) in every state of the table in
jobs/models.py — mostly 已审核 (public), some 待审核, 待复审 (an edit waiting), 未通过, 已过期, 已关闭.

Each employer posts from the templates of its own industry (TEMPLATES below, by 单位行业 section or division),
so a hospital offers 住院医师 and a bank 综合柜员, never the other way round; GENERAL posts fit any unit.
Published within the last four weeks, deadlines in the coming weeks (the expired ones a little before today).

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

# Job templates by 单位行业 group: a section (GB/T 4754 门类, the parent of the employer's industry code) or, where
# a section is too broad (制造业), a division. An employer posts from its division's group if there is one, else
# its section's. (title, job type, openings, salary min, salary max, education code or "",
# discipline codes, description); monthly salaries of 2026 graduates, by industry and 学历.
TEMPLATES = {
    "A": [  # 农、林、牧、渔业
        ("农业技术员", "fulltime", 4, 5000, 7000, "31", ["09", "07"], "负责种植基地的田间管理、病虫害防治与技术推广，能适应基地工作。"),
        ("农产品质量检测员", "fulltime", 2, 4800, 6500, "31", ["07", "08"], "负责农产品农残与品质检测，熟悉常用检测仪器。"),
        ("电商运营专员（农产品）", "fulltime", 2, 5000, 8000, "31", ["12", "05"], "负责农产品线上店铺与直播带货的运营。"),
        ("种植基地管理培训生", "fulltime", 5, 4500, 6500, "", [], "轮岗学习育苗、种植与仓储管理，培养为基地主管。"),
    ],
    "C": [  # 制造业
        ("机械设计工程师", "fulltime", 3, 7500, 11000, "31", ["08"], "负责自动化产线设备的结构设计，熟练使用 SolidWorks。"),
        ("电气工程师", "fulltime", 2, 7500, 11000, "31", ["08"], "负责 PLC 程序设计与现场调试。"),
        ("生产管理培训生", "fulltime", 8, 6000, 8000, "", [], "轮岗学习生产计划、质量与采购管理，培养为车间主管。"),
        ("质量工程师", "fulltime", 3, 7000, 10000, "31", ["08", "07"], "负责来料与制程质量控制，推动 8D 问题改善。"),
        ("嵌入式软件工程师", "fulltime", 3, 11000, 17000, "31", ["08"], "负责设备控制器的嵌入式软件开发，熟悉 C 语言与 RTOS。"),
        ("销售工程师", "fulltime", 4, 7000, 13000, "31", ["08"], "负责工业自动化产品的技术销售与客户支持。"),
        ("工业设计师", "fulltime", 2, 7000, 11000, "31", ["13", "08"], "负责设备外观与人机交互设计，熟练使用 Rhino、KeyShot。"),
        ("设备维护技术员", "fulltime", 6, 5500, 7500, "41", ["08"], "负责产线设备的点检、保养与故障维修。"),
        ("机械工艺实习生", "internship", 4, 3000, 4000, "", ["08"], "参与零部件工艺文件编制与现场改善，提供食宿。"),
    ],
    "26": [  # 化学原料和化学制品制造业
        ("化工工艺工程师", "fulltime", 5, 8000, 12000, "31", ["08", "07"], "负责生产装置的工艺技术管理与节能改造。"),
        ("安全环保工程师", "fulltime", 2, 7500, 10500, "31", ["08", "07"], "负责装置安全评价、危废管理与环保台账。"),
        ("化验分析员", "fulltime", 4, 5500, 7500, "41", ["07"], "负责原料与产品的化验分析，熟悉色谱仪器。"),
    ],
    "27": [  # 医药制造业
        ("药物研发助理研究员", "fulltime", 3, 9000, 14000, "11", ["07", "08"], "参与化学药物的合成工艺研究与小试放大。"),
        ("QA 质量保证专员", "fulltime", 3, 6500, 9000, "31", ["08", "07"], "负责 GMP 文件管理、偏差与变更控制。"),
        ("医药代表", "fulltime", 8, 7000, 15000, "31", ["10", "07", "12"], "负责医院终端的学术推广与客户维护。"),
        ("制剂工艺技术员", "fulltime", 4, 6000, 8500, "41", ["08"], "负责固体制剂车间的工艺操作与批记录。"),
    ],
    "D": [  # 电力、热力、燃气及水生产和供应业
        ("电力调度员", "fulltime", 4, 8000, 11000, "31", ["08"], "负责电网运行监控与调度。"),
        ("变电运维工程师", "fulltime", 6, 7500, 10000, "31", ["08"], "负责变电站设备巡视、操作与运维管理。"),
        ("新能源项目专员", "fulltime", 2, 7000, 10000, "31", ["08", "12"], "负责光伏与风电项目的前期开发与并网手续。"),
    ],
    "E": [  # 建筑业
        ("施工员", "fulltime", 15, 6000, 9000, "41", ["08"], "负责施工现场技术管理，能适应项目驻地工作。"),
        ("土木工程师", "fulltime", 6, 7000, 10000, "31", ["08"], "负责结构设计与施工图审核。"),
        ("造价员", "fulltime", 4, 6000, 8500, "31", ["08", "12"], "负责工程量计算与预结算编制，熟悉广联达软件。"),
        ("安全员", "fulltime", 5, 5500, 7500, "41", ["08"], "负责施工现场安全检查与安全教育，持证者优先。"),
        ("BIM 工程师", "fulltime", 2, 7500, 11000, "31", ["08"], "负责项目 BIM 建模、碰撞检查与施工模拟。"),
    ],
    "F": [  # 批发和零售业
        ("零售管理培训生", "fulltime", 10, 6000, 8500, "31", [], "门店、采购与运营轮岗一年，培养为门店店长。"),
        ("采购专员", "fulltime", 3, 6000, 9000, "31", ["12", "02"], "负责生鲜与日用品采购、供应商谈判与库存分析。"),
        ("门店店长助理", "fulltime", 8, 5000, 7000, "41", [], "协助店长做好排班、陈列与销售目标管理。"),
        ("电商运营专员", "fulltime", 3, 6000, 9500, "31", ["12", "05"], "负责线上商城活动策划与数据分析。"),
        ("市场调研兼职", "parttime", 6, 2000, 3000, "", [], "协助开展门店顾客问卷调查与数据录入。"),
    ],
    "G": [  # 交通运输、仓储和邮政业
        ("物流调度专员", "fulltime", 4, 5500, 8000, "31", ["12", "08"], "负责运输车辆调度与在途跟踪。"),
        ("仓储管理培训生", "fulltime", 6, 5000, 7000, "", [], "学习仓库收发存与 WMS 系统操作，培养为仓储主管。"),
        ("国际货代操作", "fulltime", 2, 5500, 8000, "31", ["02", "05"], "负责进出口订舱、报关单证与客户沟通，英语良好。"),
    ],
    "I": [  # 信息传输、软件和信息技术服务业
        ("Java后端开发工程师", "fulltime", 5, 10000, 16000, "31", ["08"], "负责平台后端服务的设计与开发，熟悉 Spring Boot、PostgreSQL。"),
        ("前端开发工程师", "fulltime", 3, 9000, 14000, "31", ["08"], "使用 Vue/React 开发移动端页面，关注性能与可访问性。"),
        ("数据分析师", "fulltime", 2, 9000, 13000, "31", ["07", "08", "12"], "搭建业务指标体系，撰写分析报告，熟练使用 SQL 与 Python。"),
        ("算法工程师", "fulltime", 2, 16000, 25000, "11", ["08", "07"], "研究推荐与搜索算法，有论文或竞赛经历者优先。"),
        ("软件测试实习生", "internship", 4, 3500, 4500, "", ["08"], "参与功能测试与自动化测试脚本编写，每周到岗不少于四天。"),
        ("产品经理", "fulltime", 2, 11000, 18000, "31", [], "负责用户增长产品的需求分析与迭代规划。"),
        ("云计算运维工程师", "fulltime", 3, 9000, 14000, "31", ["08"], "负责云平台的日常运维与故障处理，熟悉 Linux。"),
        ("网络安全工程师", "fulltime", 2, 10000, 16000, "31", ["08"], "负责安全运营、渗透测试与漏洞修复跟踪。"),
        ("大数据开发工程师", "fulltime", 3, 12000, 18000, "31", ["08", "07"], "负责数据仓库与实时计算平台开发，熟悉 Spark、Flink。"),
        ("UI 交互设计师", "fulltime", 1, 8000, 12000, "31", ["13"], "负责移动端产品的界面与交互设计。"),
        ("技术支持工程师", "fulltime", 4, 7000, 10000, "41", ["08"], "负责客户现场部署、培训与问题排查。"),
    ],
    "J": [  # 金融业
        ("客户经理", "fulltime", 10, 7000, 12000, "31", ["02", "12"], "拓展和维护对公客户，完成存贷款业务指标。"),
        ("综合柜员", "fulltime", 12, 5500, 7500, "31", [], "办理个人业务，提供优质的柜面服务。"),
        ("金融科技开发工程师", "fulltime", 4, 11000, 16000, "31", ["08"], "参与手机银行与信贷系统的开发与维护。"),
        ("风险管理岗", "fulltime", 2, 9000, 14000, "11", ["02", "07"], "负责信用风险模型与贷后监测分析。"),
        ("理财经理助理", "fulltime", 6, 6000, 10000, "31", ["02", "12"], "协助理财经理为个人客户提供资产配置服务。"),
        ("银行暑期实习生", "internship", 8, 2500, 3500, "", ["02", "12"], "在网点与部室轮岗实习，表现优秀者可提前获得录用意向。"),
    ],
    "L": [  # 租赁和商务服务业 (会计师事务所、咨询)
        ("审计助理", "fulltime", 6, 6500, 8500, "31", ["12"], "协助完成年度审计项目，持有或正在备考注册会计师者优先。"),
        ("税务咨询顾问", "fulltime", 2, 7000, 10000, "31", ["02", "12"], "为企业客户提供税务筹划与申报服务。"),
        ("审计实习生", "internship", 10, 3000, 4500, "", ["12"], "参与上市公司年报审计，提供住宿补贴。"),
        ("财务咨询分析师", "fulltime", 2, 8000, 12000, "11", ["12", "02"], "参与企业尽职调查与财务模型搭建。"),
        ("管理咨询顾问", "fulltime", 2, 8000, 13000, "31", ["12", "02"], "参与企业组织与流程优化项目，撰写调研报告。"),
        ("资产评估助理", "fulltime", 3, 6000, 8500, "31", ["12", "02"], "协助开展企业价值与房地产评估项目。"),
    ],
    "M": [  # 科学研究和技术服务业
        ("研究助理", "fulltime", 1, None, None, "01", ["07"], "协助开展科研项目，薪资面议。"),
        ("光电测试工程师", "fulltime", 3, 9000, 14000, "11", ["08", "07"], "负责光器件与模块的性能测试与数据分析。"),
        ("检测认证工程师", "fulltime", 3, 7000, 10000, "31", ["07", "08"], "负责产品检测方案编制与认证报告出具。"),
    ],
    "N": [  # 水利、环境和公共设施管理业
        ("景区运营专员", "fulltime", 3, 5000, 7000, "31", ["12"], "负责景区活动策划与游客服务管理。"),
        ("文旅项目策划专员", "fulltime", 2, 5500, 8000, "31", ["12", "05"], "负责文旅融合项目的策划方案与宣传推广。"),
        ("环境监测员", "fulltime", 2, 5000, 7000, "31", ["07", "08"], "负责水质与大气监测采样及数据整理。"),
    ],
    "P": [  # 教育
        ("高中数学教师", "fulltime", 2, 8000, 12000, "11", ["07"], "负责高中数学教学，有竞赛辅导经验者优先。"),
        ("初中英语教师", "fulltime", 2, 7000, 10000, "31", ["05"], "负责初中英语教学与班级管理，持教师资格证。"),
        ("高中语文教师", "fulltime", 2, 7500, 11000, "31", ["05"], "负责高中语文教学，普通话二级甲等及以上。"),
        ("心理健康教师", "fulltime", 1, 7000, 10000, "11", ["04", "07"], "负责心理健康课程与学生心理辅导。"),
        ("信息技术教师", "fulltime", 1, 7000, 10000, "31", ["08"], "负责信息技术课程与学生编程社团指导。"),
    ],
    "Q": [  # 卫生和社会工作
        ("住院医师", "fulltime", 10, 9000, 14000, "11", ["10"], "参加规范化培训，完成临床诊疗工作。"),
        ("护士", "fulltime", 20, 6000, 9000, "31", ["10"], "负责病区护理工作，持护士执业资格证书。"),
        ("药剂师", "fulltime", 3, 6500, 9000, "31", ["10", "08"], "负责处方审核、药品调配与用药咨询。"),
        ("信息科工程师", "fulltime", 1, 7000, 10000, "31", ["08"], "负责医院信息系统的运维与数据对接。"),
    ],
    "R": [  # 文化、体育和娱乐业
        ("新媒体运营", "fulltime", 2, 6000, 9000, "31", ["05", "13"], "负责公众号与短视频内容策划，文字功底扎实。"),
        ("记者", "fulltime", 2, 7000, 10000, "31", ["05"], "负责新闻采写，有新闻学或相关专业背景。"),
        ("短视频剪辑实习生", "internship", 2, 3000, 4500, "", ["13"], "负责短视频剪辑与包装，熟练使用剪映或 Premiere。"),
        ("视觉设计师", "fulltime", 2, 7000, 10000, "31", ["13"], "负责栏目视觉与海报设计。"),
        ("广告文案", "fulltime", 2, 7000, 10000, "31", ["05"], "负责品牌广告的创意文案撰写。"),
    ],
    "S": [  # 公共管理、社会保障和社会组织
        ("社区工作者", "fulltime", 6, 4500, 6000, "31", [], "负责社区网格服务、居民事务办理与活动组织。"),
        ("政务服务专员", "fulltime", 3, 5000, 6500, "31", ["12", "03"], "负责政务服务大厅窗口受理与咨询。"),
    ],
}
# Posts any unit may publish whatever its industry (an office needs an administrator): the allowed
# cross-industry set, and the pool of a unit whose section has no templates.
GENERAL = [
    ("行政专员", "fulltime", 1, 5000, 7000, "41", [], "负责办公室日常行政事务与会务安排。"),
    ("人力资源实习生", "internship", 2, 2500, 3500, "", ["12"], "协助招聘与培训工作。"),
    ("会计", "fulltime", 1, 5500, 8000, "31", ["12"], "负责日常账务处理与纳税申报，持初级会计职称者优先。"),
]
POST_COUNT = 48
MAX_PER_EMPLOYER = 4
# The demo employer login's own variants for its home page (title, state, deadline in days): one closing
# within the week (the 7 天内到期 list), one waiting for review, one refused. It is a software company (I).
LOGIN_POSTS = [("运维开发工程师", "approved", 3), ("测试开发工程师", "waiting", 45), ("UI 设计师", "rejected", 30)]
LOGIN_GROUP = "I"
# The state of the n-th post (cycled): mostly public.
STATES = ["approved"] * 5 + ["waiting", "re_review", "approved", "rejected", "expired", "approved", "closed"]


def groups_of(industry):
    """The template groups an employer of `industry` (a division Code) may post from: its division, its section."""
    if industry is None:
        return ()
    section = industry.parent.code if industry.parent_id else industry.code
    return (industry.code, section)


def pool_of(industry):
    for group in groups_of(industry):
        if group in TEMPLATES:
            return group, TEMPLATES[group]
    return "*", GENERAL


def template_groups(title):
    """{group} of the templates named `title` ("*" for GENERAL): what the demo test checks a post against."""
    found = {group for group, posts in TEMPLATES.items() for post in posts if post[0] == title}
    found |= {"*" for post in GENERAL if post[0] == title}
    return found | ({LOGIN_GROUP} if title in {login_title for login_title, _, _ in LOGIN_POSTS} else set())


def plan(employers):
    """[(employer, template)] in posting order: round after round every employer takes the next template of its
    own pool (units of one industry share the pool, so they offer different posts), until POST_COUNT posts."""
    cursors, taken, posts = {}, {}, []
    for _round in range(MAX_PER_EMPLOYER):
        for employer in employers:
            group, pool = pool_of(employer.industry)
            titles = taken.setdefault(employer.pk, set())
            for _ in range(len(pool)):
                template = pool[cursors.get(group, 0) % len(pool)]
                cursors[group] = cursors.get(group, 0) + 1
                if template[0] not in titles:
                    titles.add(template[0])
                    posts.append((employer, template))
                    break
            if len(posts) == POST_COUNT:
                return posts
    return posts


def seed(rng, years):
    employers = list(Employer.objects.select_related("industry__parent").order_by("pk")[:40])
    if not employers:
        return
    codes = {(c.table.kind, c.code): c for c in Code.objects.filter(
        table__kind__in=("education_level", "discipline"), level=1).select_related("table")}
    today, now = timezone.localdate(), timezone.now()
    with transaction.atomic():
        for n, (employer, (title, job_type, openings, low, high, education, disciplines, text)) in enumerate(
                plan(employers)):
            if Job.objects.filter(employer=employer, title=title).exists():
                continue
            state = STATES[n % len(STATES)] if employer.admitted_at else "waiting"
            approved = state in ("approved", "re_review", "expired", "closed")
            published = now - datetime.timedelta(days=(n * 5) % 27 + 1, hours=n % 9)  # within the last 4 weeks
            job = Job(employer=employer, title=title, job_type=job_type, openings=openings, region=employer.region,
                      salary_min=low, salary_max=high, education=codes.get(("education_level", education)),
                      description=f"<p>{text}</p><p>工作地点：{employer.region.name}。</p>",
                      deadline=today + datetime.timedelta(days=rng.randint(20, 90)),
                      contact_person=employer.contact_person, contact_phone=employer.phone,
                      contact_email=employer.email, submitted_at=published - datetime.timedelta(days=1),
                      review_status=ReviewStatus.APPROVED if approved else ReviewStatus.PENDING)
            if state == "expired":  # published a month before a deadline just passed
                job.deadline = today - datetime.timedelta(days=rng.randint(1, 20))
                published = min(published, now - datetime.timedelta(days=(today - job.deadline).days + 30))
                job.submitted_at = published - datetime.timedelta(days=1)
            if approved:
                job.first_approved_at = job.reviewed_at = published
                job.bumped_at = published - datetime.timedelta(minutes=n)
            if state == "re_review":
                job.review_status = ReviewStatus.PENDING
                job.pending_changes = {"title": f"{title}（急聘）", "openings": openings + 2}
            elif state == "rejected":
                job.review_status, job.review_note = ReviewStatus.REJECTED, "请补充具体的工作职责和任职要求。"
                job.reviewed_at = now
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
