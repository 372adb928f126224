"""One student's record in the back office: single entry, edit & review, bulk review, 学籍管理, major picker."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.core.redirects import return_url
from careers.core.scoping import scope_filter, sees_all_majors
from careers.core.views import generic
from careers.core.views.review import REVIEW_ACTIONS, BulkReviewView, PendingForm, ReviewEditMixin
from careers.org.models import Major

from .. import actions
from . import review
from .forms import StatusChangeForm, StudentAddForm, StudentEditForm
from ..models import Student

students = Student.objects.select_related("major__education_level", "major__college", "major__campus",
                                          "major__department", "enrolment_status")


def next_url(request, fallback):
    return return_url(request, fallback, names=("next",))


class StudentAddView(generic.ObjectEditView):
    """录入单条学生记录: account, record, dispatch and employment records in one transaction."""

    queryset = Student.objects.all()
    form = StudentAddForm
    template_name = "students/student_add.html"

    def get_form(self, obj, data=None, files=None):
        return self.form(data, files, instance=obj, user=self.request.user,
                         operating_year=getattr(self.request, "operating_year", None))

    def render_form(self, form, obj):
        value = form["major"].value()
        picked = form.fields["major"].queryset.filter(pk=value).first() if str(value or "").isdecimal() else None
        return render(self.request, self.template_name, {**self.base_context(), "form": form, "object": obj,
                                                         "is_new": True, "picked_label": picked.full_label if picked else ""})

    def save(self, form):
        return actions.create_student(form.save(commit=False), acting_user=self.request.user)

    def success_url(self, obj):
        return reverse("students:student_edit", kwargs={"pk": obj.pk})


class StudentReviewing(PendingForm):
    """What the 修改 page and the detail page share to review a 生源信息 change (mixed in before the review mixin)."""

    form = StudentEditForm
    reviews = review.reviews
    review_permission = "students.student.review"
    noun = "生源信息"


    def adjustments(self, form):
        adjustments = super().adjustments(form)
        if "id_number" in adjustments:  # the form derived the birth date from the adjusted ID number
            adjustments["birth_date"] = form.instance.birth_date
        return adjustments


class StudentEditView(StudentReviewing, ReviewEditMixin, generic.ObjectEditView):
    """修改 + 审核: pending changes highlighted old → new; 同意 / 不同意 / 调整后同意."""

    queryset = students
    template_name = "students/student_edit.html"

    def render_form(self, form, obj, reject_form=None):
        user = self.request.user
        return render(self.request, self.template_name, {
            **self.base_context(), **self.review_context(obj, reject_form), "form": form, "object": obj,
            "is_new": False, "can_status": user.has_permission("students.student.status"),
            "can_transfer": user.has_permission("students.student.transfer"),
            "can_summary": user.has_permission("students.summary.view"),
        })

    def post(self, request, **kwargs):
        action = request.POST.get("_action", "save")
        if action in REVIEW_ACTIONS:
            obj = self.get_object()
            return self.post_review(request, obj, action, next_url(
                request, reverse("students:student_edit", kwargs={"pk": obj.pk})))
        if action != "save":
            return redirect(request.path)
        if self.reviewing(self.get_object()):
            messages.error(request, "该记录有待审核的修改，请选择“同意”“不同意”或“调整后同意”。")
            return redirect(request.path)
        return super().post(request, **kwargs)

    def success_url(self, obj):
        return reverse("students:student_edit", kwargs={"pk": obj.pk})


class StudentBulkReviewView(BulkReviewView):
    """批量审核: confirm the listed old → new changes, then approve all of them or none."""

    reviews = review.reviews
    noun = "生源信息"
    queryset = Student.objects.select_related("ethnicity", "political_status", "origin_region", "training_mode")
    template_name = "students/student_review_bulk.html"


class StudentStatusView(generic.ModelViewMixin):
    """学籍管理: set the enrolment status with a reason; non-active students leave the working lists."""

    queryset = Student.objects.select_related("enrolment_status", "major__college")
    template_name = "students/student_status.html"

    def get_object(self):
        return get_object_or_404(self.restricted("status"), pk=self.kwargs["pk"])

    def render_page(self, student, form):
        changes = student.status_changes.select_related("from_status", "to_status", "changed_by")[:100]
        return render(self.request, self.template_name, {**self.base_context(), "object": student, "form": form,
                                                         "changes": changes, "next": next_url(self.request, "")})

    def get(self, request, pk):
        student = self.get_object()
        return self.render_page(student, StatusChangeForm(student=student))

    def post(self, request, pk):
        student = self.get_object()
        form = StatusChangeForm(request.POST, student=student)
        if form.is_valid():
            try:
                student = review.change_status(student, status=form.cleaned_data["status"],
                                                       reason=form.cleaned_data["reason"], acting_user=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                hint = "" if student.is_active else "该学生已不在派遣、就业等列表中显示。"
                messages.success(request, f"已将“{student}”的学籍状态改为“{student.enrolment_status.name}”。{hint}")
                return redirect(next_url(request, reverse("students:student_status", kwargs={"pk": student.pk})))
        return self.render_page(student, form)


class MajorLookupView(generic.BackofficeView):
    """htmx: majors for 学历 + keyword (≥2 characters), within scope; for transfers with
    专业转移审核 open, every active major (name and college only)."""
    bench_kind = "lookup"  # what the list benchmark makes of it: careers/core/routes.py

    template_name = "students/student_add_major_options.html"

    def get(self, request):
        user = request.user
        purpose = "transfer" if request.GET.get("purpose") == "transfer" else "entry"
        needed = ("students.student.transfer",) if purpose == "transfer" else ("students.student.add",)
        if not any(user.has_permission(code) for code in needed):
            raise PermissionDenied("您没有此操作的权限，请联系学校管理员分配。")
        keyword = (request.GET.get("major_q") or request.GET.get("q") or "").strip()
        context = {"keyword": keyword, "majors": [], "too_short": len(keyword) < 2}
        if not context["too_short"]:
            if purpose == "transfer":
                majors = review.transfer_target_majors(user)
            else:
                majors = scope_filter(Major.objects.filter(is_active=True), user)
            level = request.GET.get("education_level", "")
            if level.isdecimal():
                majors = majors.filter(education_level_id=int(level))
            majors = (majors.filter(name__icontains=keyword[:50])
                      .select_related("campus", "college", "department", "education_level")[:30])
            own = None if sees_all_majors(user) else set(
                user.managed_majors.values_list("pk", flat=True))
            context["majors"] = [(m, own is None or m.pk in own) for m in majors]
        return render(request, self.template_name, context)

