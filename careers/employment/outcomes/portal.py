"""学生中心 › 就业信息 (/me/employment/): the student's own record, pending report, review note and report form.

Only `request.user`'s own record (no id in any URL). Reporting is allowed inside the 功能时间设置
window; outside it the form is hidden and the page says why and when.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from careers.codes.regions import region_chain_label
from careers.core import review
from careers.core.review import ReviewStatus
from careers.accounts.portal_access import audit_impersonated_write, student_required

from . import actions
from .forms import EmploymentForm
from .models import EmploymentRecord
from .templates_fill import DETAIL_FIELDS, field_label, template_for
from .views import FORM_TEMPLATE, employer_hits
from ..windows.state import window_state

RELATED = ("destination__parent", "employer_nature", "employer_industry", "employer_region__parent__parent")


def portal_urls():
    return {"template": reverse("employment_portal:employment_template"),
            "employers": reverse("employment_portal:employment_employers")}


def own_record(student):
    """The student's record, created if it went missing (the student can then report)."""
    record = EmploymentRecord.objects.select_related(*RELATED).filter(student=student).first()
    if record is None:
        record, _ = EmploymentRecord.objects.get_or_create(student=student)
        record = EmploymentRecord.objects.select_related(*RELATED).get(pk=record.pk)
    record.student = student
    return record


def approved_rows(record):
    """[(label, value)] of the approved record, as its template shows it."""
    if not record.destination_id:
        return []
    template = template_for(record.destination)
    rows = [("毕业去向", f"{record.destination.name}")]
    for name in (*DETAIL_FIELDS, "note"):
        if template is not None and name in template.hidden:
            continue
        value = review.field_display(record, name)
        if name == "employer_region" and record.employer_region_id:
            value = region_chain_label(record.employer_region)
        if value:
            rows.append((field_label(name, template), value))
    return rows


@student_required
def home(request, student):
    record = own_record(student)
    state = window_state("employment", student.graduation_year)
    return render(request, "employment/employment/portal/home.html", {
        "student": student, "record": record, "state": state, "approved": approved_rows(record),
        "diff": review.pending_diff(record) if record.pending_changes else [],
        "template": template_for(record.destination) if record.destination_id else None})


@student_required
def report(request, student):
    record = own_record(student)
    state = window_state("employment", student.graduation_year)
    form = None
    if state.is_open:
        initial = EmploymentForm.initial_of(record, pending=True)
        form = EmploymentForm(request.POST if request.method == "POST" else None, record=record,
                              initial=initial).wire(portal_urls())
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            with transaction.atomic():
                pending = actions.submit_report(record, form.values(), acting_user=request.user)
                audit_impersonated_write(request, student, "填报就业信息",
                                         {name: ["", str(value)] for name, value in pending.items()})
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if pending:
                messages.success(request, "就业信息已提交，学校审核通过后生效。")
            else:
                messages.info(request, "填报内容与已审核的就业信息相同，无需审核。")
            return redirect("employment_portal:employment_home")
    return render(request, "employment/employment/portal/report.html", {
        "student": student, "record": record, "state": state, "form": form,
        "rejected": record.review_status == ReviewStatus.REJECTED and record.review_note},
        status=400 if form is not None and form.errors else 200)


@require_GET
@student_required
def fill_template(request, student):
    """htmx: the report form's fields after the student picked a template or destination."""
    record = own_record(student)
    trigger = request.headers.get("HX-Trigger-Name") or request.GET.get("_trigger", "")
    form = EmploymentForm.switched(request.GET, record=record, trigger=trigger).wire(portal_urls())
    return render(request, FORM_TEMPLATE, {"form": form, "pending": {}})


@require_GET
@student_required
def employers(request, student):
    return employer_hits(request)

