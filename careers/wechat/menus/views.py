"""微信自定义菜单 (manual 8.3): the menu as a phone preview plus a list; clicking an item shows 上移 / 下移 / 删除 /
修改; 新增一级菜单 / 添加二级菜单; 保存并发布 pushes it to WeChat; 恢复默认菜单 replaces it with the system's pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.core.forms import add_action_errors
from careers.core.scoping import permission_code
from careers.core.views import generic
from careers.core.views.ordering import move_from_post

from . import actions, rules
from .forms import MenuItemForm
from .models import MenuItem
from .push import push_default_menu, push_menu

items = MenuItem.objects.all()
LIST = "wechat:menuitem_list"


def _editor_url(pk=None):
    url = reverse(LIST)
    return f"{url}?selected={pk}" if pk else url


class MenuEditorView(generic.ModelViewMixin):
    queryset = items
    template_name = "wechat/menus/menu_editor.html"

    def get(self, request):
        self.restricted("view")
        from careers.wechat.account.models import WechatAccount

        tree = rules.load_tree()
        selected = request.GET.get("selected", "")
        selected = int(selected) if selected.isdecimal() else None
        by_pk = {node.pk: (node, None) for node in tree}
        for top in tree:
            for index, child in enumerate(top.children):
                by_pk[child.pk] = (child, top)
        current = by_pk.get(selected)
        user = request.user
        can = {action: user.has_permission(permission_code(MenuItem, action)) for action in ("add", "change", "delete")}
        base = rules.site_base(request)
        problems = rules.problems(tree, base, complete=True)
        wechat_account = WechatAccount.objects.filter(pk=1).first()
        return render(request, self.template_name, {
            **self.base_context(), "tree": tree, "selected": current[0] if current else None,
            "selected_parent": current[1] if current else None, "can": can, "problems": problems,
            "max_top": rules.MAX_TOP, "max_sub": rules.MAX_SUB, "base_url": base,
            "pushed_at": wechat_account.menu_pushed_at if wechat_account else None,
        })


class MenuItemEditView(generic.ObjectEditView):
    queryset = items
    form = MenuItemForm

    def get_form(self, obj, data=None, files=None):
        initial = {}
        parent = self.request.GET.get("parent", "")
        if obj.pk is None and parent.isdecimal():
            initial["parent"] = parent
        return self.form(data, files, instance=obj, user=self.request.user, initial=initial)

    def post(self, request, **kwargs):
        obj = self.get_object()
        form = self.get_form(obj, request.POST)
        if form.is_valid():
            try:
                saved = actions.save_item(form.save(commit=False), acting_user=request.user,
                                          base_url=rules.site_base(request))
            except (ValidationError, PermissionDenied) as exc:
                add_action_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
            else:
                messages.success(request, f"菜单“{saved}”已保存。点击“保存并发布”后微信中的菜单才会更新。")
                return redirect(_editor_url(saved.pk))
        return self.render_form(form, obj)


class MenuItemDeleteView(generic.ObjectDeleteView):
    queryset = items

    def post(self, request, pk):
        obj = self.get_object()
        label = str(obj)
        actions.delete_item(obj, acting_user=request.user)
        messages.success(request, f"已删除菜单“{label}”。点击“保存并发布”后微信中的菜单才会更新。")
        return redirect(LIST)


class MenuItemMoveView(generic.ModelViewMixin):
    """POST direction=up|down: 上移 / 下移 among the item's siblings."""

    bench_kind = "action"
    queryset = items

    def get(self, request, pk):
        return redirect(_editor_url(pk))

    def post(self, request, pk):
        item = get_object_or_404(self.restricted("change"), pk=pk)
        move_from_post(request, item, lambda obj, direction: actions.move_item(obj, direction, acting_user=request.user))
        return redirect(_editor_url(pk))


class MenuPublishView(generic.ModelViewMixin):
    """POST: 保存并发布 (push the stored menu); with `defaults`: 恢复默认菜单 and publish it."""

    bench_kind = "action"
    queryset = items
    defaults = False

    def get(self, request):
        return redirect(LIST)

    def post(self, request):
        self.require(permission_code(MenuItem, "change"))
        if self.defaults:
            self.require(permission_code(MenuItem, "add"))
            self.require(permission_code(MenuItem, "delete"))
        try:
            (push_default_menu if self.defaults else push_menu)(request.user, rules.site_base(request))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, "已恢复默认菜单并发布到微信。" if self.defaults else
                             "菜单已发布到微信（关注者的菜单会在几分钟内更新，重新关注可立即看到）。")
        return redirect(LIST)
