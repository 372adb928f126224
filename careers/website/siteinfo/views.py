"""网站参数 (one page, school admins save it) and 网站信息管理 (list, add, detail with a preview, edit, delete);
the public logo is served from the site (site.py)."""


from careers.core.views import generic
from careers.core.views.settings_page import SingletonSettingsView

from . import actions
from .filtersets import InfoBlockFilterSet
from .forms import InfoBlockForm, SiteSettingsForm
from .models import InfoBlock, SiteSettings
from .tables import InfoBlockTable


class SiteSettingsEditView(SingletonSettingsView):
    """GET: everyone holding 网站参数 sees the values; only school admins with 修改 may save them."""

    queryset = SiteSettings.objects.all()
    template_name = "website/siteinfo/settings.html"
    form_class = SiteSettingsForm
    view_permission = "website.sitesettings.view"
    change_permission = actions.SETTINGS_CHANGE
    refusal = "只有学校管理员可以修改网站参数。"
    saved_message = "网站参数已保存，网站页面已立即更新。"
    success_url = "website:sitesettings_edit"

    def load(self):
        return actions.load_settings()

    def save(self, obj, acting_user):
        actions.save_settings(obj, acting_user=acting_user)


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
