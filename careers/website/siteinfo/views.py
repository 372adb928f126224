"""网站参数 (one page, school admins save it) and 网站信息管理 (list, add, detail with a preview, edit, delete);
the public logo is served from the site (site.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from careers.core.forms import add_action_errors
from careers.core.scoping import sees_all_majors
from careers.core.views import generic

from . import actions
from .filtersets import InfoBlockFilterSet
from .forms import InfoBlockForm, SiteSettingsForm
from .models import InfoBlock, SiteSettings
from .tables import InfoBlockTable


class SiteSettingsEditView(generic.ModelViewMixin):
    """GET: everyone holding 网站参数 sees the values; only school admins with 修改 may save them."""

    queryset = SiteSettings.objects.all()
    template_name = "website/siteinfo/settings.html"

    def can_change(self):
        user = self.request.user
        return sees_all_majors(user) and user.has_permission(actions.SETTINGS_CHANGE)

    def render_page(self, form, obj):
        can_change = self.can_change()
        if not can_change:
            for field in form.fields.values():
                field.disabled = True
        return render(self.request, self.template_name, {
            **self.base_context(), "form": form, "object": obj, "can_change": can_change,
        }, status=400 if form.errors else 200)

    def get(self, request):
        self.require("website.sitesettings.view")
        obj = actions.load_settings()
        return self.render_page(SiteSettingsForm(instance=obj, user=request.user), obj)

    def post(self, request):
        self.require(actions.SETTINGS_CHANGE)
        if not self.can_change():
            raise PermissionDenied("只有学校管理员可以修改网站参数。")
        obj = actions.load_settings()
        form = SiteSettingsForm(request.POST, request.FILES, instance=obj, user=request.user)
        if form.is_valid():
            try:
                actions.save_settings(form.save(commit=False), acting_user=request.user)
            except (ValidationError, PermissionDenied) as exc:
                add_action_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
            else:
                messages.success(request, "网站参数已保存，网站页面已立即更新。")
                return redirect("website:sitesettings_edit")
        return self.render_page(form, obj)


blocks = InfoBlock.objects.all()


class InfoBlockListView(generic.ObjectListView):
    queryset = blocks.defer("body")
    filterset = InfoBlockFilterSet
    table = InfoBlockTable
    actions = ("add", "bulk_delete")
    template_name = "website/siteinfo/infoblock_list.html"


class InfoBlockView(generic.ObjectView):
    queryset = blocks
    template_name = "website/siteinfo/infoblock_detail.html"
    detail_fields = ["code", "title", "is_visible", "updated_at"]


class InfoBlockEditView(generic.ObjectEditView):
    queryset = blocks
    form = InfoBlockForm

    def save(self, form):
        return actions.save_block(form.save(commit=False), acting_user=self.request.user)


class InfoBlockDeleteView(generic.ObjectDeleteView):
    queryset = blocks


class InfoBlockBulkDeleteView(generic.BulkDeleteView):
    queryset = blocks
