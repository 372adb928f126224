"""自定义回复 (manual 8.4): three tabs — 被关注自动回复, 关键字自动回复 (list, 新增关键字回复, 修改, 删除), 默认回复."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from careers.core.forms import add_action_errors
from careers.core.richtext import plain_text
from careers.core.scoping import permission_code
from careers.core.views import generic

from . import actions
from .forms import DefaultTextForm, KeywordReplyForm, SubscribeTextForm, article_formset
from .models import KeywordReply, ReplyType
from .texts import DEFAULT_REPLY, DEFAULT_SUBSCRIBE

replies = KeywordReply.objects.all()
TABS = (("subscribe", "被关注自动回复", "wechat:replies"), ("keywords", "关键字自动回复", "wechat:keywordreply_list"),
        ("default", "默认回复", "wechat:replies_default"))


def _tabs(active):
    return [{"key": key, "label": label, "url": reverse(name), "active": key == active} for key, label, name in TABS]


class ReplyTextView(generic.ModelViewMixin):
    """One of the two settings texts (被关注自动回复 / 默认回复): shown to 自定义回复 viewers, saved with
    wechat.replysettings.change."""

    queryset = replies
    template_name = "wechat/replies/reply_text.html"
    tab = "subscribe"
    form_class = SubscribeTextForm
    field = "subscribe_text"
    system_default = DEFAULT_SUBSCRIBE

    def render_page(self, form, status=200):
        can_change = self.request.user.has_permission(actions.SETTINGS_CHANGE)
        if not can_change:
            for field in form.fields.values():
                field.disabled = True
        return render(self.request, self.template_name, {
            **self.base_context(), "tabs": _tabs(self.tab), "form": form, "can_change": can_change,
            "system_default": self.system_default, "tab": self.tab,
            "current": getattr(form.instance, self.field) or "",
        }, status=status)

    def get(self, request):
        self.restricted("view")
        return self.render_page(self.form_class(instance=actions.load_settings(), user=request.user))

    def post(self, request):
        self.restricted("view")
        self.require(actions.SETTINGS_CHANGE)
        form = self.form_class(request.POST, instance=actions.load_settings(), user=request.user)
        if form.is_valid():
            try:
                actions.save_settings(form.save(commit=False), acting_user=request.user, fields=(self.field,))
            except (ValidationError, PermissionDenied) as exc:
                add_action_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
            else:
                label = dict((key, label) for key, label, _ in TABS)[self.tab]
                messages.success(request, f"{label}已保存，新的内容立即生效。")
                return redirect(request.path)
        return self.render_page(form, status=400)


class DefaultReplyView(ReplyTextView):
    tab = "default"
    form_class = DefaultTextForm
    field = "default_text"
    system_default = DEFAULT_REPLY


class KeywordReplyListView(generic.ModelViewMixin):
    queryset = replies
    template_name = "wechat/replies/keyword_list.html"

    def get(self, request):
        rows = self.restricted("view").order_by("position", "pk").prefetch_related("articles")
        q = request.GET.get("q", "").strip()
        if q:
            rows = rows.filter(keyword__icontains=q)
        rows = list(rows)
        for row in rows:  # the stored text is sanitised HTML: its words, entities decoded (then escaped once)
            row.summary = plain_text(row.text).replace("\n", " ")
        user = request.user
        return render(request, self.template_name, {
            **self.base_context(), "tabs": _tabs("keywords"), "rows": rows, "q": q,
            "can_add": user.has_permission(permission_code(KeywordReply, "add")),
            "can_change": user.has_permission(permission_code(KeywordReply, "change")),
            "can_delete": user.has_permission(permission_code(KeywordReply, "delete"))})


class KeywordReplyEditView(generic.ObjectEditView):
    queryset = replies.prefetch_related("articles")
    form = KeywordReplyForm
    template_name = "wechat/replies/keyword_edit.html"

    def render_form(self, form, obj, formset=None, status=200):
        formset = formset or article_formset(obj, user=self.request.user)
        return render(self.request, self.template_name, {
            **self.base_context(), "form": form, "formset": formset, "object": obj, "is_new": obj.pk is None,
            "tabs": _tabs("keywords"), "list_url": reverse("wechat:keywordreply_list")}, status=status)

    def post(self, request, **kwargs):
        obj = self.get_object()
        form = self.get_form(obj, request.POST, request.FILES)
        formset = article_formset(obj, request.POST, request.FILES, user=request.user)
        news = request.POST.get("reply_type") == ReplyType.NEWS
        if form.is_valid() and (formset.is_valid() or not news):
            reply = form.save(commit=False)
            articles, deleted = [], []
            if news:
                for article_form in formset.forms:
                    if not article_form.has_changed() and article_form.instance.pk is None:
                        continue
                    if formset.can_delete and formset._should_delete_form(article_form):
                        deleted.append(article_form.instance)
                    else:
                        articles.append(article_form.apply())
            try:
                saved = actions.save_reply(reply, articles, deleted, acting_user=request.user)
            except (ValidationError, PermissionDenied) as exc:
                add_action_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
            else:
                messages.success(request, f"关键字回复“{saved.keyword}”已保存，立即生效。")
                return redirect("wechat:keywordreply_list")
        return self.render_form(form, obj, formset, status=400)


class KeywordReplyDeleteView(generic.ObjectDeleteView):
    queryset = replies

    def post(self, request, pk):
        obj = self.get_object()
        label = str(obj)
        actions.delete_reply(obj, acting_user=request.user)
        messages.success(request, f"已删除关键字回复“{label}”。")
        return redirect("wechat:keywordreply_list")
