"""Back office: 管理员绑定 (manual 1.5, every back-office account binds its own WeChat, advisers included) and
微信绑定用户 (the bound accounts in the admin's scope, with 解除绑定 for those holding the delete permission)."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from careers.core.scoping import managed_major_ids, sees_all_majors
from careers.core.views.generic import BackofficeView, ModelViewMixin, ObjectListView

from . import actions, pages
from .filtersets import WechatBindingFilterSet
from .models import WechatBinding
from .tables import WechatBindingTable

NAMES = {"page": "wechat:binding_mine", "open": "wechat:binding_mine", "unbind": "wechat:binding_mine_unbind",
         "oauth": "wechat:binding_mine_oauth"}


class MineView(BackofficeView):
    """管理员绑定: 点击打开二维码, scan with WeChat, done (no permission needed: one's own account)."""

    def get(self, request):
        return pages.bind_page(request, "wechat/binding/bind_backoffice.html", names=NAMES)

    post = get


class MineUnbindView(BackofficeView):
    def post(self, request):
        return pages.unbind_own(request, NAMES["page"])


class MineOAuthView(BackofficeView):
    def get(self, request):
        return pages.oauth_start(request, NAMES["page"])


def in_scope(queryset, user):
    """Bindings of back-office and employer accounts, and of the students in the user's managed majors."""
    if sees_all_majors(user):
        return queryset
    return queryset.filter(~Q(user__kind="student") | Q(user__student__major__in=managed_major_ids(user)))


class BindingScoped(ModelViewMixin):
    queryset = WechatBinding.objects.select_related("user")

    def restricted(self, action):
        return in_scope(super().restricted(action), self.request.user)


class WechatBindingListView(BindingScoped, ObjectListView):
    filterset = WechatBindingFilterSet
    table = WechatBindingTable
    actions = ()


class WechatBindingUnbindView(BindingScoped):
    """解除绑定 by an admin (wechat.wechatbinding.delete), logged under the admin."""

    def post(self, request, pk):
        binding = get_object_or_404(self.restricted("delete"), pk=pk)
        reason = request.POST.get("reason", "").strip()[:100]
        actions.unbind(binding.user, acting_user=request.user, reason=reason)
        messages.success(request, f"已解除 {actions.describe(binding.user)} 的微信绑定。")
        return redirect("wechat:wechatbinding_list")

    def get(self, request, pk):
        return redirect("wechat:wechatbinding_list")


unbind_mine = require_POST(MineUnbindView.as_view())
