"""消息模板设置 (manual 8.2): one row per notification kind (industry hint, template id, 启用), an edit form for
the field mapping, and 测试发送 to the admin's own bound WeChat. School admins only."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from careers.core.scoping import sees_all_majors
from careers.core.views.generic import BackofficeView

from . import actions, kinds
from .forms import TemplateSettingForm
from .models import TemplateSetting

# 管理员绑定 (manual 1.5) belongs to the binding area; its URL name is looked up, never assumed.
BINDING_URL_NAMES = ("wechat:admin_binding", "wechat:admin_bind", "wechat:binding", "accounts:wechat_binding")


def binding_url():
    for name in BINDING_URL_NAMES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


class SchoolOnly(BackofficeView):
    def check(self, code):
        self.require(code)
        if not sees_all_majors(self.request.user):
            raise PermissionDenied("消息模板设置由学校管理员统一设置。")


def rows():
    """Every kind of the registry with its saved setting (one query)."""
    saved = {s.kind: s for s in TemplateSetting.objects.filter(kind__in=list(kinds.KINDS))}
    return [(kind, saved.get(key)) for key, kind in kinds.KINDS.items()]


class TemplateSettingListView(SchoolOnly):
    template_name = "wechat/template_messages/list.html"

    def get(self, request):
        self.check(actions.VIEW)
        from careers.wechat.account.models import WechatAccount

        account = WechatAccount.objects.filter(pk=1).first()
        return render(request, self.template_name, {
            "rows": rows(), "can_change": request.user.has_permission(actions.CHANGE),
            "configured": bool(account and account.configured), "industries": (kinds.EDUCATION, kinds.IT),
        })


class TemplateSettingEditView(SchoolOnly):
    template_name = "wechat/template_messages/edit.html"

    def kind_and_setting(self, kind):
        if kind not in kinds.KINDS:
            raise Http404("未知的通知类型")
        return kinds.KINDS[kind], TemplateSetting.objects.filter(kind=kind).first() or TemplateSetting(kind=kind)

    def page(self, spec, setting, form, status=200):
        return render(self.request, self.template_name, {
            "spec": spec, "setting": setting, "form": form, "placeholders": kinds.PLACEHOLDERS,
            "can_change": self.request.user.has_permission(actions.CHANGE)}, status=status)

    def get(self, request, kind):
        self.check(actions.VIEW)
        spec, setting = self.kind_and_setting(kind)
        return self.page(spec, setting, TemplateSettingForm(instance=setting, user=request.user))

    def post(self, request, kind):
        self.check(actions.CHANGE)
        spec, setting = self.kind_and_setting(kind)
        form = TemplateSettingForm(request.POST, instance=setting, user=request.user)
        if not form.is_valid():
            return self.page(spec, setting, form, status=400)
        actions.save_setting(kind, template_id=form.cleaned_data["template_id"],
                             enabled=form.cleaned_data["enabled"], fields=form.cleaned_data["mapping"],
                             acting_user=request.user)
        messages.success(request, f"已保存“{spec.label}”的消息模板设置。")
        return redirect("wechat:templatesetting_list")


class TemplateTestSendView(SchoolOnly):
    """测试发送 (POST): the kind's template to the admin's own bound WeChat; WeChat's error shown in Chinese."""

    def get(self, request, kind):
        return redirect("wechat:templatesetting_list")

    def post(self, request, kind):
        from careers.wechat.api.client import WechatError

        self.check(actions.CHANGE)
        if kind not in kinds.KINDS:
            raise Http404("未知的通知类型")
        label = kinds.KINDS[kind].label
        try:
            actions.test_send(kind, acting_user=request.user)
        except actions.NotBound:
            url = binding_url()
            where = f"请先在“管理员绑定”（{url}）中绑定微信" if url else "请先在“管理员绑定”中绑定微信"
            messages.error(request, f"您的账号尚未绑定微信，无法测试发送。{where}后再试。")
        except ValueError as exc:
            messages.error(request, str(exc))
        except WechatError as exc:
            messages.error(request, f"“{label}”测试发送失败：{actions.error_text(exc)}。")
        else:
            messages.success(request, f"已向您绑定的微信发送“{label}”测试消息，请在微信中查看。")
        return redirect("wechat:templatesetting_list")
