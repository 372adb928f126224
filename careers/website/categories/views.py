"""网站菜单设置 (manual 5.1.1): the columns as an indented tree, 新增 / 修改 / 删除 through actions.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render

from careers.core.forms import add_action_errors
from careers.core.scoping import permission_code
from careers.core.views import generic

from . import actions
from .forms import CategoryForm
from .models import Category, CategoryKind

categories = Category.objects.select_related("college", "parent")


class CategoryListView(generic.ModelViewMixin):
    """Every column in scope, each followed by its sub-columns (few enough to show all: no paging)."""

    queryset = categories
    template_name = "website/categories/category_list.html"

    def get(self, request):
        rows = self.restricted("view").annotate(article_count=Count("articles", distinct=True))
        kind = request.GET.get("kind", "")
        if kind in CategoryKind.values:
            rows = rows.filter(kind=kind)
        user = request.user
        return render(request, self.template_name, {
            **self.base_context(), "rows": actions.tree(rows), "kinds": CategoryKind.choices, "kind": kind,
            "add_url": generic.url_for(Category, "add") if user.has_permission(permission_code(Category, "add"))
            else None,
            "can_change": user.has_permission(permission_code(Category, "change")),
            "can_delete": user.has_permission(permission_code(Category, "delete"))})


class CategoryView(generic.ObjectView):
    queryset = categories
    detail_fields = ["name", "slug", "kind", "parent", "college", "ordering", "is_visible", "in_nav", "description"]


class CategoryEditView(generic.ObjectEditView):
    queryset = categories
    form = CategoryForm

    def post(self, request, **kwargs):
        obj = self.get_object()
        form = self.get_form(obj, request.POST, request.FILES)
        if form.is_valid():
            try:
                saved = actions.save_category(form.save(commit=False), acting_user=request.user)
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(request, f"网站菜单“{saved}”已保存。")
                return redirect("website:category_list")
        return self.render_form(form, obj)


class CategoryDeleteView(generic.ObjectDeleteView):
    queryset = categories

    def post(self, request, pk):
        obj = self.get_object()
        label = str(obj)
        try:
            actions.delete_category(obj, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, "未删除：" + generic.error_text(exc))
            return redirect("website:category_detail", pk=pk)
        messages.success(request, f"已删除网站菜单“{label}”。")
        return redirect("website:category_list")


