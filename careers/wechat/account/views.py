"""微信接入设置 (manual 8.1): one page for school admins — the account's credentials, the server configuration to
paste into the WeChat platform, the 业务域名 verification file, 生成菜单 and 测试连接. The verification file is
served at the site root (verify_file)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from careers.core.forms import add_action_errors
from careers.core.scoping import sees_all_majors
from careers.core.views.generic import ModelViewMixin

from . import actions
from .forms import VERIFY_NAME, VerifyFileForm, WechatAccountForm
from .models import WechatAccount

VIEW = "wechat.wechataccount.view"


def callback_url(request):
    """The absolute callback URL for the platform's 服务器配置: SITE_URL when set, else this request's host."""
    path = reverse("wechat_site:callback")
    return settings.SITE_URL + path if settings.SITE_URL else request.build_absolute_uri(path)


class AccountView(ModelViewMixin):
    """GET/POST the settings; the buttons post to the sub-views below (all school-admin only)."""

    queryset = WechatAccount.objects.all()
    template_name = "wechat/account/settings.html"

    def check(self, write):
        self.require(actions.CHANGE if write else VIEW)
        if not sees_all_majors(self.request.user):
            raise PermissionDenied(actions.DENIED if write else "微信接入设置仅限学校管理员查看。")

    def render_page(self, form, account, verify_form=None, status=None):
        url = callback_url(self.request)
        return render(self.request, self.template_name, {
            **self.base_context(), "form": form, "object": account, "verify_form": verify_form or VerifyFileForm(),
            "callback_url": url, "domain": urlsplit(url).hostname, "can_change": self.request.user.has_permission(
                actions.CHANGE),
        }, status=status or (400 if form.errors or (verify_form and verify_form.errors) else 200))

    def get(self, request):
        self.check(write=False)
        account = actions.load_account()
        return self.render_page(WechatAccountForm(instance=account, user=request.user), account)

    def post(self, request):
        self.check(write=True)
        account = actions.load_account()
        form = WechatAccountForm(request.POST, instance=account, user=request.user)
        if form.is_valid():
            try:
                actions.save_account(form.save(commit=False), new_app_secret=form.cleaned_data["new_app_secret"],
                                     acting_user=request.user)
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(request, "微信接入设置已保存。")
                return redirect("wechat:wechataccount_edit")
        return self.render_page(form, actions.load_account() if not form.errors else account)


class AccountButtonView(AccountView):
    """A button on the settings page: its POST acts, then returns to the page; GET is not a page."""

    bench_kind = "action"

    def get(self, request):
        raise Http404


class GenerateConfigView(AccountButtonView):
    def post(self, request):
        self.check(write=True)
        actions.generate_config(acting_user=request.user)
        messages.success(request, "已生成新的 Token 和 EncodingAESKey。请立即把下方的服务器配置填入微信公众平台并提交，"
                                  "否则公众号推送的消息将无法通过校验。")
        return redirect("wechat:wechataccount_edit")


class VerifyFileView(AccountButtonView):
    def post(self, request):
        self.check(write=True)
        verify_form = VerifyFileForm(request.POST, request.FILES)
        if verify_form.is_valid():
            name, content = verify_form.cleaned_data["verify_file"]
            actions.save_verify_file(name, content, acting_user=request.user)
            messages.success(request, f"校验文件已上传，可通过 /{name} 访问。现在可以在公众平台提交业务域名。")
            return redirect("wechat:wechataccount_edit")
        account = actions.load_account()
        return self.render_page(WechatAccountForm(instance=account, user=request.user), account, verify_form)


class PushMenuView(AccountButtonView):
    def post(self, request):
        self.check(write=True)
        from careers.wechat.api.client import WechatError
        from careers.wechat.menus.push import push_default_menu
        from careers.wechat.menus.rules import site_base

        try:
            push_default_menu(request.user, site_base(request))
        except ValidationError as exc:
            messages.error(request, "生成菜单失败：" + "；".join(exc.messages))
        except WechatError as exc:
            messages.error(request, f"生成菜单失败：{exc}")
        else:
            actions.log_menu_push(acting_user=request.user)
            messages.success(request, "默认菜单已生成并推送到公众号（微信客户端约 5 分钟内更新）。")
        return redirect("wechat:wechataccount_edit")


class TestConnectionView(AccountButtonView):
    def post(self, request):
        self.check(write=True)
        from careers.wechat.api.client import WechatError, api

        try:
            seconds = api(require_enabled=False).check()
        except WechatError as exc:
            messages.error(request, f"连接失败：{exc}")
        else:
            messages.success(request, f"连接成功：已获取 access_token，有效期还剩约 {max(seconds, 0) // 60} 分钟。")
        return redirect("wechat:wechataccount_edit")


@require_GET
def verify_file(request, name):
    """/MP_verify_xxx.txt at the site root: the 业务域名 (and JS/网页授权域名) verification WeChat fetches."""
    if not VERIFY_NAME.match(name):
        raise Http404
    account = WechatAccount.objects.filter(pk=1).only("verify_file_name", "verify_file_content").first()
    if account is None or account.verify_file_name != name or not account.verify_file_content:
        raise Http404
    return HttpResponse(account.verify_file_content, content_type="text/plain; charset=utf-8")
