"""Demo 用人单位: the demo employer accounts of core/demo.py get their Employer rows (已入驻), plus a dozen
more units in every state (已入驻, 等待审核, 待复审 with a pending edit, 未通过) and a few trust flags.
Idempotent: a unit that exists (same credit code) is left as it is."""

import datetime

from django.db import transaction
from django.utils import timezone
from stdnum.cn import uscc

from careers.accounts.models import User
from careers.codes.models import Code
from careers.core.review import ReviewStatus

from .models import Employer

SIZES = [s for s, _ in Employer.Size.choices]

# name, status, region code, nature code, industry code, size, phone, email, website
UNITS = [
    ("光谷云帆软件有限公司", "admitted", "420111", "39", "65", "150-500", "027-87650001", "hr@yunfan.example.com",
     "https://www.yunfan.example.com"),
    ("江城数据科技股份有限公司", "admitted", "420106", "31", "64", "1000-5000", "027-87650002", "zhaopin@jcdata.example.cn",
     "https://jcdata.example.cn"),
    ("楚天建设集团有限公司", "admitted", "420102", "31", "47", "gt5000", "027-87650003", "hr@chutian.example.com",
     "https://www.chutian.example.com"),
    ("东湖生物医药有限公司", "admitted", "420111", "32", "27", "500-1000", "027-87650004", "jobs@donghubio.example.com",
     "https://www.donghubio.example.com"),
    ("长江会计师事务所（特殊普通合伙）", "admitted", "420103", "39", "72", "50-150", "027-87650005",
     "hr@cjcpa.example.com", ""),
    ("荆楚实验学校", "re_review", "420106", "22", "83", "150-500", "027-87650006", "hr@jingchu.example.com",
     "https://www.jingchu.example.com"),
    ("汉阳智能装备有限公司", "waiting", "420105", "39", "34", "500-1000", "13800000007", "hanyang_hr@qq.com",
     "https://www.hanyang-ie.example.com"),
    ("武昌文化传媒有限公司", "waiting", "420106", "39", "87", "lt50", "13900000008", "hr@wcmedia.example.com",
     "https://www.wuchangmedia.example.com"),
    ("青山物流有限公司", "waiting", "420107", "39", "58", "50-150", "13700000009", "hr@qslogistics.example.com", ""),
    ("江夏企业管理咨询有限公司", "rejected", "420115", "39", "72", "lt50", "13700000009", "jxhr@163.com", ""),
    ("蔡甸农业发展有限公司", "admitted", "420114", "39", "01", "50-150", "13700000009", "hr@caidian.example.com", ""),
    ("黄陂旅游开发有限公司", "rejected", "420116", "39", "78", "150-500", "027-87650012", "hr@huangpi.example.com",
     ""),
    # one admitted unit for each industry the demo's posts cover (jobs/demo.py: TEMPLATES)
    ("楚商银行股份有限公司武汉分行", "admitted", "420103", "31", "66", "1000-5000", "027-87650013",
     "hr@chushangbank.example.com", "https://www.chushangbank.example.com"),
    ("武汉东湖新城医院", "admitted", "420111", "23", "84", "1000-5000", "027-87650014", "rsk@dhxchospital.example.cn",
     "https://www.dhxchospital.example.cn"),
    ("武汉市南湖中学", "admitted", "420106", "22", "83", "150-500", "027-87650015", "office@nhzx.example.cn", ""),
    ("楚天优选商贸连锁有限公司", "admitted", "420104", "39", "52", "1000-5000", "027-87650016",
     "campus@ctyouxuan.example.com", "https://www.ctyouxuan.example.com"),
    ("华中新能源电力有限公司", "admitted", "420102", "31", "44", "500-1000", "027-87650017",
     "hr@hzpower.example.com", "https://www.hzpower.example.com"),
    ("长江化工股份有限公司", "admitted", "420107", "31", "26", "1000-5000", "027-87650018", "hr@cjchem.example.com",
     "https://www.cjchem.example.com"),
    ("武汉光电技术研究院", "admitted", "420111", "20", "73", "150-500", "027-87650019", "rsc@whoptics.example.cn",
     "https://www.whoptics.example.cn"),
    ("洪山区珞南街道社区服务中心", "admitted", "420111", "29", "96", "50-150", "027-87650020",
     "lnjd@hongshan.example.gov.cn", ""),
    ("江城晚报社", "admitted", "420103", "29", "86", "500-1000", "027-87650021", "hr@jcwb.example.cn",
     "https://www.jcwb.example.cn"),
]
CORE_UNITS = {"星辰科技有限公司": ("110108", "65"), "华信会计师事务所": ("110108", "72"),
              "蓝海智能制造股份有限公司": ("110108", "34")}


def credit_code(serial):
    body = f"91420100{700000000 + serial:09d}"
    return body + uscc.calc_check_digit(body)


def _code(kind, code):
    return Code.objects.of(kind).filter(code=code).first()


def _set_state(employer, state, now, rng):
    submitted = now - datetime.timedelta(days=rng.randrange(2, 40))
    employer.submitted_at = submitted
    if state in ("admitted", "re_review"):
        employer.review_status = ReviewStatus.APPROVED
        employer.admitted_at = employer.reviewed_at = submitted + datetime.timedelta(days=1)
    elif state == "rejected":
        employer.review_status = ReviewStatus.REJECTED
        employer.reviewed_at = submitted + datetime.timedelta(days=1)
        employer.review_note = "营业执照照片不清晰，且单位名称与执照不一致，请重新上传清晰的营业执照。"
    else:
        employer.review_status = ReviewStatus.PENDING


def _demo_password_hash():
    from django.contrib.auth.hashers import make_password

    from careers.core.demo import DEMO_PASSWORD

    return make_password(DEMO_PASSWORD)


@transaction.atomic
def seed(rng, years):
    now = timezone.now()
    nature_default, industry_default = _code("employer_nature", "39"), _code("industry", "65")
    # the demo accounts of core/demo.py (username = credit code, name = unit)
    if nature_default is None or industry_default is None or not Code.objects.of("region").exists():
        return  # code tables not loaded (some test fixtures load only part of them): nothing to seed
    for user in User.objects.filter(kind=User.Kind.EMPLOYER, employer__isnull=True, name__in=CORE_UNITS):
        region, industry = CORE_UNITS[user.name]
        region = _code("region", region)
        if region is None:
            continue
        employer = Employer(user=user, name=user.name, credit_code=user.username, nature=nature_default,
                            industry=_code("industry", industry) or industry_default, region=region,
                            size=rng.choice(SIZES), address="北京市海淀区中关村大街1号", contact_person="刘经理",
                            phone=f"010-6275{rng.randrange(1000, 9999)}", email=user.email or "hr@example.com")
        _set_state(employer, "admitted", now, rng)
        employer.save()
    password = None  # hashed once: a hash costs ~0.2 s (argon2) and every unit has the same demo password
    for serial, (name, state, region, nature, industry, size, phone, email, website) in enumerate(UNITS, start=1):
        code = credit_code(serial)
        region_code = _code("region", region)
        if region_code is None or Employer.objects.filter(credit_code=code).exists():
            continue
        user, created = User.objects.get_or_create(username=code, defaults={
            "name": name, "kind": User.Kind.EMPLOYER, "must_change_password": False, "email": email, "phone": phone})
        if created:
            user.password = password or (password := _demo_password_hash())
            user.save()
        industry_code = _code("industry", industry) or industry_default
        employer = Employer(user=user, name=name, credit_code=code,
                            nature=_code("employer_nature", nature) or nature_default,
                            industry=industry_code, region=region_code,
                            size=size, address=f"武汉市{region_code.name}示范路{serial}号",
                            website=website, contact_person=rng.choice(["王经理", "李主管", "张女士", "陈先生"]),
                            phone=phone, email=email,
                            introduction=f"{name}是{industry_code.name}领域的用人单位，长期招聘优秀高校毕业生，"
                                         "为新员工提供系统的入职培训和清晰的职业发展通道。")
        _set_state(employer, state, now, rng)
        employer.save()
        if state == "re_review":
            employer.pending_changes = {"address": "武汉市洪山区光谷大道77号", "size": "500-1000"}
            employer.review_status = ReviewStatus.PENDING
            employer.submitted_at = now - datetime.timedelta(hours=5)
            employer.save()
