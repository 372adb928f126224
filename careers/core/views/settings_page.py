"""One page for a singleton settings row (网站参数, 微信商户设置 …): everyone holding the view code sees the values
read-only; only school-wide admins holding the change code save them, through the area's `save(obj, acting_user)`
action (which logs). Subclasses set the attributes and may add to the page's context with `extra_context`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from ..forms import add_action_errors
from ..scoping import sees_all_majors
from .generic import ModelViewMixin


class SingletonSettingsView(ModelViewMixin):
    form_class = None
    view_permission = ""
    change_permission = ""
    refusal = "只有学校管理员可以修改这些设置。"
    saved_message = "设置已保存。"
    success_url = ""

    def load(self):
        raise NotImplementedError

    def save(self, obj, acting_user):
        raise NotImplementedError

    def extra_context(self, form, obj):
        return {}

    def can_change(self):
        user = self.request.user
        return sees_all_majors(user) and user.has_permission(self.change_permission)

    def render_page(self, form, obj):
        can_change = self.can_change()
        if not can_change:
            for field in form.fields.values():
                field.disabled = True
        return render(self.request, self.template_name, {
            **self.base_context(), "form": form, "object": obj, "can_change": can_change,
            **self.extra_context(form, obj),
        }, status=400 if form.errors else 200)

    def get(self, request):
        self.require(self.view_permission)
        obj = self.load()
        return self.render_page(self.form_class(instance=obj, user=request.user), obj)

    def post(self, request):
        self.require(self.change_permission)
        if not self.can_change():
            raise PermissionDenied(self.refusal)
        obj = self.load()
        form = self.form_class(request.POST, request.FILES, instance=obj, user=request.user)
        if form.is_valid():
            try:
                self.save(form.save(commit=False), request.user)
            except (ValidationError, PermissionDenied) as exc:
                add_action_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
            else:
                messages.success(request, self.saved_message)
                return redirect(self.success_url)
        return self.render_page(form, obj)
