"""学生中心 › 派遣信息 (/me/dispatch/): the student's own record, and a report form inside the window.

Only `request.user`'s record is ever read or written (there is no id in any URL). Outside the
功能时间设置 window the form is not shown and the page says why and when.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from careers.codes.regions import region_path
from careers.core import review
from careers.accounts.portal_access import audit_impersonated_write, student_required

from .actions import submit_report
from .forms import DispatchReportForm
from ..windows.models import ReportingWindow
from .models import DispatchRecord
from .views import authority_results
from ..windows.state import window_state

SHOWN = ("kind", "receiving_unit", "receiving_region", "supervising_authority", "report_address",
         "report_postal_code", "archive_unit", "archive_address", "archive_postal_code", "hukou_address",
         "certificate_number", "note")


def approved_rows(record):
    """(label, display) of the approved values, the region as 省 市 区."""
    rows = []
    for name in SHOWN:
        field = DispatchRecord._meta.get_field(name)
        if name == "receiving_region":
            value = region_path(record.receiving_region)
        else:
            value = review.field_display(record, name)
        rows.append((field.verbose_name, value))
    return rows


@student_required
def dispatch(request, student):
    record = (DispatchRecord.objects.select_related("receiving_region__parent__parent", "supervising_authority")
              .filter(student=student).first())
    state = window_state(ReportingWindow.Function.DISPATCH, student.graduation_year)
    form = None
    if record is not None and state.is_open:
        form = DispatchReportForm(record, request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                pending = submit_report(record, form.changes(), student_user=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                audit_impersonated_write(request, student, "填报派遣信息",
                                         {name: ["", str(value)] for name, value in pending.items()})
                if pending:
                    messages.success(request, "派遣信息已提交，学校审核通过后生效。")
                else:
                    messages.info(request, "填报的内容与已审核的派遣信息相同，没有需要审核的修改。")
                return redirect("employment_portal:dispatch")
    elif request.method == "POST":
        messages.error(request, state.message or "现在不能填报派遣信息。")
    return render(request, "employment/dispatch/portal.html", {
        "student": student, "record": record, "window": state, "form": form,
        "rows": approved_rows(record) if record is not None else [],
        "diff": review.pending_diff(record) if record is not None and record.pending_changes else [],
    }, status=400 if form is not None and form.errors else 200)


@require_GET
@student_required
def authority_lookup(request, student):
    """The 主管单位 type-ahead for the report form (the same answer as the back office's)."""
    return authority_results(request, request.GET.get("q") or request.GET.get("authority_q"))
