"""待办与截止 on the student hub (/me/): what the student must report (派遣信息, 就业信息), the state of each report,
and the reporting window (功能时间设置) it must be done in."""

from careers.core.review import ReviewStatus

from ..dispatch.models import DispatchRecord
from ..outcomes.models import EmploymentRecord
from .models import ReportingWindow
from .state import window_state

REPORTS = (
    # (function, model, label, page, link id)
    (ReportingWindow.Function.DISPATCH, DispatchRecord, "派遣信息", "employment_portal:dispatch", "portal-dispatch"),
    (ReportingWindow.Function.EMPLOYMENT, EmploymentRecord, "就业信息", "employment_portal:employment_home",
     "portal-employment"),
)
TO_DO = (ReviewStatus.EMPTY, ReviewStatus.REJECTED)  # the student has something to do


def deadlines_card(request):
    student = request.student
    windows = {w.function: w for w in ReportingWindow.objects.filter(graduation_year=student.graduation_year)}
    items = []
    for function, model, label, page, link_id in REPORTS:
        record = model.objects.filter(student=student).only("review_status", "review_note").first()
        state = window_state(function, student.graduation_year, window=windows.get(function))
        status = record.review_status if record else None
        items.append({
            "label": label, "page": page, "link_id": link_id, "state": state, "record": record,
            "status_label": ReviewStatus(status).label if status else "暂无记录",
            "to_do": bool(record) and status in TO_DO and state.is_open,
        })
    return {"items": items, "to_do": sum(item["to_do"] for item in items)}
