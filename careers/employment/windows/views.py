"""功能时间设置 in the back office: the list, add/edit and delete of the reporting windows (school admins)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

from careers.core.scoping import sees_all_majors
from careers.core.views import generic

from . import actions
from .filtersets import ReportingWindowFilterSet
from .forms import ReportingWindowForm
from .models import ReportingWindow
from .tables import ReportingWindowTable


class ReportingWindowListView(generic.ObjectListView):
    queryset = ReportingWindow.objects.all()
    filterset = ReportingWindowFilterSet
    table = ReportingWindowTable
    template_name = "employment/windows/window_list.html"
    actions = ("change",)
    add_action = "change"


class ReportingWindowEditView(generic.ObjectEditView):
    queryset = ReportingWindow.objects.all()
    form = ReportingWindowForm
    template_name = "employment/windows/window_edit.html"

    def get_object(self):
        if not sees_all_majors(self.request.user):
            raise PermissionDenied("只有学校管理员可以设置功能时间。")
        if "pk" in self.kwargs:
            return get_object_or_404(self.restricted("change"), pk=self.kwargs["pk"])
        self.require("employment.reportingwindow.change")
        return ReportingWindow(graduation_year=self.request.operating_year)

    def save(self, form):
        return actions.save_window(form, acting_user=self.request.user)

    def success_url(self, obj):
        return generic.url_for(ReportingWindow, "list")


class ReportingWindowDeleteView(generic.ObjectDeleteView):
    queryset = ReportingWindow.objects.all()

    def get_object(self):
        if not sees_all_majors(self.request.user):
            raise PermissionDenied("只有学校管理员可以设置功能时间。")
        return get_object_or_404(self.restricted("change"), pk=self.kwargs["pk"])

    def post(self, request, pk):
        window = self.get_object()
        label = str(window)
        actions.delete_window(window, acting_user=request.user)
        messages.success(request, f"已删除“{label}”的时间设置，该届学生可随时填报。")
        return redirect(generic.url_for(ReportingWindow, "list"))
