"""签到 in the back office: per-event check-in lists (scoped by the student's major) with export and 补签,
the printable QR codes of an event, and the 签到设备 (scanner) admin."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from careers.core.scoping import scope_filter
from careers.core.views import generic

from . import actions as rules
from .devices import create_device, set_active
from .filtersets import CheckinDeviceFilterSet, CheckInFilterSet
from .forms import DeviceForm, MakeupForm
from .models import CheckIn, CheckinDevice, Registration
from .qr import qr_svg
from .registration import KIND_LABELS
from .tables import CheckinDeviceTable, CheckInTable

checkins = CheckIn.objects.select_related("student__major__college", "talk", "fair", "career_event", "device").defer(
    "talk__description", "fair__description", "career_event__description", "fair__payee_info", "fair__invoice_info", "fair__receipt_notes")


def event_from_query(data):
    """The talk, fair or 就业活动 named by `?talk=<pk>` / `?fair=<pk>` / `?career_event=<pk>`, or None."""
    for kind in ("talk", "fair", "career_event"):
        value = data.get(kind, "")
        if value.isdecimal():
            return rules.get_event(kind, int(value))
    return None


def event_figures(event, user):
    """Registrations and check-ins of the event within the user's scope."""
    field = rules.kind_of(event)
    registered = scope_filter(Registration.objects.filter(**{field: event}), user).count()
    checked_in = scope_filter(CheckIn.objects.filter(**{field: event}), user).count()
    return {"registered": registered, "checked_in": checked_in}


class CheckInListView(generic.ObjectListView):
    queryset = checkins
    filterset = CheckInFilterSet
    table = CheckInTable
    actions = ("export",)
    template_name = "events/checkin/checkin_list.html"

    def base_context(self):
        context = super().base_context()
        event = event_from_query(self.request.GET)
        if event is not None:
            kind = rules.kind_of(event)
            context.update({
                "event": event, "kind": kind, "kind_label": KIND_LABELS[kind], "page_title": f"签到名单：{event.title}",
                "figures": event_figures(event, self.request.user),
                "makeup_url": f"{reverse('events:checkin_add')}?{kind}={event.pk}"
                if self.request.user.has_permission("events.checkin.add") else None,
                "qr_url": reverse("events:checkin_qr", args=[kind, event.pk]),
            })
        return context


class CheckInAddView(generic.ModelViewMixin):
    """补签: an admin marks a student of their scope as checked in (method admin, logged)."""

    bench_kind = "action"  # reached from an event's sign-in list; alone it redirects (careers/core/routes.py)
    queryset = checkins
    template_name = "events/checkin/makeup.html"

    def dispatch_event(self):
        self.require("events.checkin.add")
        return event_from_query(self.request.GET)

    def get(self, request):
        event = self.dispatch_event()
        if event is None:
            messages.error(request, "请从宣讲会或招聘会的签到名单进入补签。")
            return redirect("events:checkin_list")
        return self.show(event, MakeupForm())

    def show(self, event, form, status=200):
        return render(self.request, self.template_name, {
            **self.base_context(), "event": event, "form": form, "page_title": "补签",
            "back_url": f"{reverse('events:checkin_list')}?{rules.kind_of(event)}={event.pk}"}, status=status)

    def post(self, request):
        event = self.dispatch_event()
        if event is None:
            raise Http404
        form = MakeupForm(request.POST)
        if form.is_valid():
            student = rules.find_student(form.cleaned_data["code"])
            if student is None or not scope_filter(type(student).objects.filter(pk=student.pk), request.user).exists():
                form.add_error("code", "学号或身份证号：未找到该学生，或该学生不在您管辖的专业范围内。")
            else:
                try:
                    checkin, created = rules.check_in(event, student, method=CheckIn.Method.ADMIN, by=request.user)
                except rules.CheckinRefused as exc:
                    form.add_error(None, exc.text)
                else:
                    if created:
                        messages.success(request, f"已为 {student.name}（{student.student_number}）补签。")
                    else:
                        messages.info(request, f"{student.name}（{student.student_number}）{rules.already_message(checkin)}，"
                                               "无需补签。")
                    return redirect(f"{reverse('events:checkin_list')}?{rules.kind_of(event)}={event.pk}")
        return self.show(event, form, status=400)


class CheckinQrView(generic.BackofficeView):
    """The event's check-in QR codes, big and printable (for a projector or a poster at the door)."""

    template_name = "events/checkin/qr.html"

    def get(self, request, kind, pk):
        self.require("events.checkin.view")
        event = rules.get_event(kind, pk)
        if event is None:
            raise Http404
        student_url = request.build_absolute_uri(
            reverse("portal_events:checkin", args=[kind, pk, rules.student_token(event)]))
        context = {"event": event, "kind": kind, "student_url": student_url, "student_qr": qr_svg(student_url),
                   "live": rules.is_live(event), "window": rules.window_text(event),
                   "qr_allowed": rules.method_allowed(event, CheckIn.Method.QR),
                   "has_passphrase": bool(event.checkin_passphrase), "page_title": "签到二维码",
                   "list_url": f"{reverse('events:checkin_list')}?{kind}={pk}",
                   "expired": event.ends_at <= timezone.now()}
        if kind == "career_event" and event.checkin_passphrase:  # the organiser's screen (manual 3.2.3)
            context["screen_url"] = request.build_absolute_uri(
                reverse("site_events:career_event_checkin_screen", args=[pk]))
        if kind == "fair":
            unit_url = request.build_absolute_uri(reverse("company_events:checkin", args=[pk, rules.unit_token(event)]))
            context.update({"unit_url": unit_url, "unit_qr": qr_svg(unit_url)})
        return render(request, self.template_name, context)


# -- 签到设备 ------------------------------------------------------------------------------------------
class CheckinDeviceListView(generic.ObjectListView):
    queryset = CheckinDevice.objects.all()
    filterset = CheckinDeviceFilterSet
    table = CheckinDeviceTable
    actions = ("add",)


class CheckinDeviceAddView(generic.ModelViewMixin):
    """Add a device: the token is shown once on the answer page and never again."""

    queryset = CheckinDevice.objects.all()
    template_name = "events/checkin/device_add.html"

    def get(self, request):
        self.require("events.checkindevice.add")
        return render(request, self.template_name, {**self.base_context(), "form": DeviceForm()})

    def post(self, request):
        self.require("events.checkindevice.add")
        form = DeviceForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {**self.base_context(), "form": form}, status=400)
        device, token = create_device(form.cleaned_data["name"], by=request.user)
        response = render(request, "events/checkin/device_token.html", {
            **self.base_context(), "device": device, "token": token,
            "api_docs": request.build_absolute_uri("/api/checkin/docs")})
        response["Cache-Control"] = "no-store"
        return response


class CheckinDeviceToggleView(generic.ModelViewMixin):
    """启用 / 停用 (POST)."""

    queryset = CheckinDevice.objects.all()

    def get(self, request, pk):
        return redirect("events:checkindevice_list")

    def post(self, request, pk):
        device = get_object_or_404(self.restricted("change"), pk=pk)
        active = request.POST.get("active") == "1"
        if set_active(device, active, by=request.user):
            messages.success(request, f"签到设备“{device.name}”已{'启用' if active else '停用'}。")
        else:
            messages.info(request, f"签到设备“{device.name}”本来就是{'启用' if active else '停用'}状态。")
        return redirect("events:checkindevice_list")
