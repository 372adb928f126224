"""侧边栏设置 (manual 5.1.2): list (filters 按角色 / 事务分类 / 显示, 上移 / 下移), add, edit, delete."""

from django.shortcuts import get_object_or_404, redirect

from careers.core.redirects import return_url
from careers.core.views import generic
from careers.core.views.ordering import move_from_post

from . import actions
from .filtersets import SidebarLinkFilterSet
from .forms import SidebarLinkForm
from .models import SidebarLink
from .tables import SidebarLinkTable

links = SidebarLink.objects.all()


class SidebarLinkListView(generic.ObjectListView):
    queryset = links
    filterset = SidebarLinkFilterSet
    table = SidebarLinkTable
    actions = ("add", "bulk_delete")


class SidebarLinkEditView(generic.ObjectEditView):
    queryset = links
    form = SidebarLinkForm

    def save(self, form):
        return actions.save_link(form.save(commit=False), acting_user=self.request.user)

    def success_url(self, obj):
        return generic.url_for(SidebarLink, "list")


class SidebarLinkDeleteView(generic.ObjectDeleteView):
    queryset = links


class SidebarLinkBulkDeleteView(generic.BulkDeleteView):
    queryset = links


class SidebarLinkMoveView(generic.ModelViewMixin):
    """POST direction=up|down: 上移 / 下移 in the list's order."""

    bench_kind = "action"
    queryset = links

    def get(self, request, pk):
        return redirect("website:sidebarlink_list")

    def post(self, request, pk):
        link = get_object_or_404(self.restricted("change"), pk=pk)
        move_from_post(request, link, lambda obj, direction: actions.move_link(obj, direction, acting_user=request.user))
        return redirect(return_url(request, generic.url_for(SidebarLink, "list")))

