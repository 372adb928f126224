"""一般资讯 (manual 5.2.1), one list per content kind: every view requires the kind's own permission
(`website.<kind>.<action>`, deny by default) and reaches articles through Article.objects.restrict() (the kind's
permission, then the college scope). Writes go through actions.py."""

from functools import partial
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.core import ratelimit
from careers.core.forms import add_action_errors
from careers.core.redirects import return_url
from careers.core.views import generic

from ..categories.models import CategoryKind
from . import actions
from .filtersets import ArticleFilterSet
from .forms import ArticleForm, AttachmentForm
from .kinds import LABELS, code, kinds_allowed
from .models import Article, ArticleAttachment
from .tables import ArticleTable

articles = Article.objects.select_related("category")


def list_url(kind):
    return reverse(f"website:article_{kind}_list")


class KindMixin(generic.ModelViewMixin):
    """The kind comes from the URL (lists, 新增) or from the article (its column's kind)."""

    queryset = articles
    kind = None

    def require_kind(self, action):
        self.require(code(self.kind, action))

    def restricted(self, action):
        rows = Article.objects.restrict(self.request.user, action).select_related("category")
        return rows.filter(category__kind=self.kind) if self.kind else rows

    def get_article(self, action):
        article = get_object_or_404(self.restricted(action), pk=self.kwargs["pk"])
        self.kind = article.category.kind
        return article

    def base_context(self):
        return {"model": Article, "verbose_name": "资讯", "kind": self.kind,
                "kind_label": CategoryKind(self.kind).label if self.kind else "",
                "page_title": LABELS.get(self.kind, "一般资讯"),
                "list_url": list_url(self.kind) if self.kind else None}

    def can(self, action):
        return self.request.user.has_permission(code(self.kind, action))


class ArticleListView(KindMixin, generic.ObjectListView):
    filterset = ArticleFilterSet
    table = ArticleTable
    template_name = "website/articles/article_list.html"
    actions = ()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.kind = kwargs["kind"]

    def restricted(self, action):
        self.require_kind(action)
        return super().restricted(action).defer("body", "search_text")

    def get(self, request, **kwargs):
        self.filterset = partial(ArticleFilterSet, kind=self.kind)  # 栏目 offers this kind's columns only
        return super().get(request)

    def get_extra_context(self):
        return {"add_url": reverse("website:article_add", args=[self.kind]) if self.can("add") else None,
                "bulk_url": reverse("website:article_bulk", args=[self.kind]),
                "can_change": self.can("change"), "can_delete": self.can("delete")}


class ArticleEditView(KindMixin, generic.ObjectEditView):
    form = ArticleForm
    template_name = "website/articles/article_edit.html"

    def get_object(self):
        if "pk" in self.kwargs:
            return self.get_article("change")
        self.kind = self.kwargs["kind"]
        if self.kind not in CategoryKind.values:
            raise Http404
        self.require_kind("add")
        return Article(department="")

    def get_form(self, obj, data=None, files=None):
        return self.form(data, files, instance=obj, user=self.request.user, kind=self.kind)

    def render_form(self, form, obj):
        return render(self.request, self.template_name, {
            **self.base_context(), "form": form, "object": obj, "is_new": obj.pk is None,
            "editor_upload_url": reverse("website:editor_image_upload")})

    def post(self, request, **kwargs):
        obj = self.get_object()
        previous = obj.published_at
        form = self.get_form(obj, request.POST, request.FILES)
        publish = "_publish" in request.POST
        if form.is_valid():
            try:
                article = actions.save_article(form.save(commit=False), publish=publish, acting_user=request.user,
                                               previous_published_at=previous,
                                               cover_upload=form.cleaned_data.get("cover_upload"))
                generic.verify_in_scope(article, request.user)
            except generic.OutOfScope:
                form.add_error(None, "保存后的资讯将超出您管辖的范围，已取消保存。")
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                if form.dropped_unsafe:
                    messages.warning(request, "正文中的脚本、事件属性、javascript: 链接或外站图片等不安全内容已被移除。")
                messages.success(request, f"资讯“{article}”已{'发布' if publish else '保存为草稿'}"
                                          f"{'（定时发布：' + article.state_label + '）' if article.state_label == '定时发布' else ''}。")
                return redirect("website:article_detail", pk=article.pk)
        return self.render_form(form, obj)


class ArticleView(KindMixin, generic.ObjectView):
    template_name = "website/articles/article_detail.html"
    detail_fields = ["category", "title", "summary", "external_url", "department", "status", "published_at",
                     "sort_weight", "is_visible", "view_count", "author", "created_at", "updated_at"]

    def get_object(self, action="view"):
        return self.get_article(action)

    def get_extra_context(self, obj):
        return {"edit_url": reverse("website:article_edit", args=[obj.pk]) if self.can("change") else None,
                "delete_url": reverse("website:article_delete", args=[obj.pk]) if self.can("delete") else None,
                "preview_url": reverse("website:article_preview", args=[obj.pk]),
                "attachments": list(obj.attachments.all()), "attachment_form": AttachmentForm(),
                "can_change": self.can("change"), "state_label": obj.state_label, "article": obj}


class ArticlePreviewView(KindMixin):
    """预览: the article as the site shows it (drafts too), for the back office only."""

    template_name = "website/articles/article_preview.html"

    def get(self, request, pk):
        article = self.get_article("view")
        return render(request, self.template_name, {**self.base_context(), "article": article,
                                                    "attachments": list(article.attachments.all())})


class ArticleDeleteView(KindMixin, generic.ObjectDeleteView):
    def get_object(self):
        return self.get_article("delete")

    def post(self, request, pk):
        article = self.get_object()
        actions.delete_articles([article], acting_user=request.user)
        messages.success(request, f"已删除资讯“{article}”。")
        return redirect(list_url(self.kind))


class ArticleToggleView(KindMixin):
    """The list's 显示 icon (htmx swaps the cell's form; without JavaScript it returns to the list)."""

    bench_kind = "action"

    def get(self, request, pk):
        return redirect("website:article_detail", pk=self.get_article("view").pk)

    def post(self, request, pk):
        article = self.get_article("change")
        actions.toggle_visible(article, acting_user=request.user)
        if request.htmx:
            table = ArticleTable([article])
            table.request = request
            return HttpResponse(table.render_is_visible(article))
        messages.success(request, f"资讯“{article}”已{'显示' if article.is_visible else '隐藏'}。")
        return redirect(return_url(request, list_url(self.kind)))


class ArticleBulkView(KindMixin):
    """操作 at the list's top right: 清除排序 / 显示 / 隐藏 / 删除 for the ticked rows, or (`scope=all`) every row
    of the current filter."""

    bench_kind = "action"
    ACTIONS = {"clear_sort": "change", "show": "change", "hide": "change", "delete": "delete"}

    def get(self, request, kind):
        return redirect(list_url(kind))

    def post(self, request, kind):
        self.kind = kind
        back = redirect(return_url(request, list_url(kind)))
        operation = request.POST.get("operation", "")
        if operation not in self.ACTIONS:
            messages.error(request, "请选择要执行的操作。")
            return back
        self.require_kind(self.ACTIONS[operation])
        rows = self.restricted(self.ACTIONS[operation])
        if request.POST.get("scope") == "all":
            query = urlsplit(request.POST.get("return_url", "")).query  # the list's current filter
            filterset = ArticleFilterSet(QueryDict(query), queryset=rows, request=request, kind=kind)
            if not filterset.is_valid():
                messages.error(request, "查询条件有误，未做任何修改。")
                return back
            objects = list(filterset.qs.only("pk", "title", "sort_weight", "is_visible", "category_id"))
        else:
            pks = [pk for pk in request.POST.getlist("pk") if pk.isdecimal()]
            if not pks:
                messages.error(request, "请先勾选要操作的资讯，或选择“当前查询的全部资讯”。")
                return back
            objects = list(rows.filter(pk__in=pks))
            if len(objects) != len(set(pks)):
                messages.error(request, "所选资讯中有您无权操作或已不存在的记录，未做任何修改。")
                return back
        user = request.user
        if operation == "clear_sort":
            done = actions.clear_sort(objects, acting_user=user)
            messages.success(request, f"已清除 {done} 条资讯的排序。")
        elif operation in ("show", "hide"):
            done = actions.set_visible(objects, operation == "show", acting_user=user)
            messages.success(request, f"已{'显示' if operation == 'show' else '隐藏'} {done} 条资讯。")
        else:
            done = actions.delete_articles(objects, acting_user=user)
            messages.success(request, f"已删除 {done} 条资讯。")
        return back


# -- 附件 ----------------------------------------------------------------------------------------------
class AttachmentUploadView(KindMixin):
    bench_kind = "action"

    def get(self, request, pk):
        return redirect("website:article_detail", pk=self.get_article("view").pk)

    def post(self, request, pk):
        article = self.get_article("change")
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachment = actions.add_attachment(article, form.cleaned_data["file"], acting_user=request.user,
                                                    name=form.cleaned_data["name"])
            except ValidationError as exc:
                messages.error(request, "附件未上传：" + generic.error_text(exc))
            else:
                messages.success(request, f"附件“{attachment}”已上传。")
        else:
            messages.error(request, "附件未上传：" + "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("website:article_detail", pk=pk)


class AttachmentChangeView(KindMixin):
    """POST operation=up|down|delete on one attachment."""

    bench_kind = "action"
    queryset = ArticleAttachment.objects.select_related("article__category")

    def get(self, request, pk):
        attachment = get_object_or_404(ArticleAttachment.objects.restrict(request.user, "view"), pk=pk)
        return redirect("website:article_detail", pk=attachment.article_id)

    def post(self, request, pk):
        attachment = get_object_or_404(ArticleAttachment.objects.restrict(request.user, "change")
                                       .select_related("article"), pk=pk)
        operation = request.POST.get("operation")
        if operation in ("up", "down"):
            actions.move_attachment(attachment, operation, acting_user=request.user)
        elif operation == "delete":
            actions.delete_attachment(attachment, acting_user=request.user)
            messages.success(request, f"已删除附件“{attachment}”。")
        return redirect("website:article_detail", pk=attachment.article_id)


# -- 正文图片 (the editor's paste/drop upload) -------------------------------------------------------------
class EditorImageUploadView(generic.BackofficeView):
    """POST `file`: re-encoded, stored, answered with its public URL (JSON). Any website add/change permission."""

    bench_kind = "post"

    def post(self, request):
        user = request.user
        if not (kinds_allowed(user, "add") or kinds_allowed(user, "change")):
            raise PermissionDenied("您没有编辑网站资讯的权限。")
        if not ratelimit.hit(f"editor-image:{user.pk}", limit=60, window=600):
            return JsonResponse({"error": "上传过于频繁，请稍后再试。"}, status=429)
        upload = request.FILES.get("file")
        if upload is None:
            return JsonResponse({"error": "请选择要上传的图片。"}, status=400)
        try:
            image = actions.store_editor_image(upload, acting_user=user)
        except ValidationError as exc:
            return JsonResponse({"error": "图片未上传：" + generic.error_text(exc)}, status=400)
        return JsonResponse({"url": image.url, "width": image.width, "height": image.height})


