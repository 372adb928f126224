"""What the employment app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.codes.loader import CODE_LOADERS
from careers.core.dashboard import dashboard_card
from careers.core.review import review_decided
from careers.core.demo import DATA, seed_step
from careers.students.signals import students_created

from . import permissions  # noqa: F401  (menus and actions)
from . import workqueue  # noqa: F401  (待办事项 of the back-office home)
from .dispatch.authorities import load_authorities
from .provincial import jobs  # noqa: F401  (the provincial comparison and export job handlers)
from .student_records import create_records
from .windows.hub import deadlines_card
from .notify import dispatch_decided, employment_decided

# 主管单位库 is seeded from the region codes (one 人社厅/局 per province and prefecture); idempotent.
CODE_LOADERS.register("employment.authorities", load_authorities)
# Every new student gets its 派遣 and 就业 rows, in the transaction that creates the student.
students_created.connect(create_records, dispatch_uid="employment.create_records")
seed_step("employment", "careers.employment.demo")
# 网上签约 needs the demo employers (recruitment's step, same stage, registered later): run after every app
seed_step("employment.signing", "careers.employment.agreements.signing_demo", stage=DATA + 1)
# the student hub (/me/): what to report, by when
dashboard_card("employment.deadlines", "employment/portal/cards/deadlines.html", deadlines_card, board="student",
               order=10)
# the student hears of every decision on their 派遣信息 / 就业信息 (inbox)
review_decided.connect(dispatch_decided, sender="employment.DispatchRecord", dispatch_uid="employment.dispatch_decided")
review_decided.connect(employment_decided, sender="employment.EmploymentRecord",
                       dispatch_uid="employment.employment_decided")
# 协议书管理: the PDF job, the 导入协议书编号 spec, the student hub card
from .agreements import importers as _agreement_importers  # noqa: E402,F401
from .agreements import jobs as _agreement_jobs  # noqa: E402,F401
from .agreements.hub import agreement_card, company_signing_card  # noqa: E402

dashboard_card("employment.agreements", "employment/agreements/card.html", agreement_card, board="student", order=12)
# the employer portal home: 网上签约 waiting for the unit's confirmation (after its jobs, before fairs and talks)
dashboard_card("employment.company_signing", "employment/agreements/company/card.html", company_signing_card,
               board="company", order=25)
# 系统日志 words of the 批量审核打印 summary entry (no object of its own)
from careers.core.oplog_display import KEY_LABELS  # noqa: E402

KEY_LABELS.update({"batch_label": "识别号", "first": "起始编号", "last": "结束编号"})
