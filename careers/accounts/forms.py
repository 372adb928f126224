from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from careers.core import validators
from careers.core.forms import BaseForm, BaseModelForm
from careers.org.models import Campus, College

from .models import RoleTemplate, User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "账号或密码错误。连续输错 %(limit)s 次将锁定 30 分钟。",
        "inactive": "该账号已停用，请联系学校就业中心。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "账号"
        self.fields["password"].label = "密码"
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    def get_invalid_login_error(self):
        from django.conf import settings

        return forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login",
                                     params={"limit": settings.AXES_FAILURE_LIMIT})


class SetPasswordForm(BaseForm):
    """A new password typed twice, checked against the password policy for `user`."""

    new_password1 = forms.CharField(label="新密码", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                    help_text=password_validation.password_validators_help_text_html())
    new_password2 = forms.CharField(label="确认新密码", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        new1, new2 = data.get("new_password1"), data.get("new_password2")
        if new1 and new2 and new1 != new2:
            self.add_error("new_password2", "两次输入的新密码不一致。")
        elif new1:
            if data.get("old_password") and new1 == data["old_password"]:
                self.add_error("new_password1", "新密码不能与当前密码相同。")
            try:
                password_validation.validate_password(new1, self.user)
            except forms.ValidationError as exc:
                self.add_error("new_password1", exc)
        return data


class PasswordChangeForm(SetPasswordForm):
    """修改密码: the current (or initial) password first, then the new one."""

    old_password = forms.CharField(label="当前密码", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        if user.initial_credential:
            self.fields["old_password"].label = "初始密码"
            self.fields["old_password"].help_text = "初始密码为本人身份证号后 6 位。"

    def clean_old_password(self):
        from .backends import matches_initial_credential

        value = self.cleaned_data["old_password"]
        current_ok = (matches_initial_credential(self.user, value) if self.user.initial_credential
                      else self.user.check_password(value))
        if not current_ok:
            raise forms.ValidationError("当前密码不正确。")
        return value


# any account's phone: staff may give an office line, an employer account mirrors the unit's 联系电话
ACCOUNT_FIELD_CLASSES = {"email": validators.EmailField, "phone": validators.PhoneField}


class ProfileForm(BaseModelForm):
    class Meta:
        model = User
        fields = ["name", "email", "phone", "title", "office"]
        field_classes = ACCOUNT_FIELD_CLASSES


class AdminAccountForm(BaseModelForm):
    class Meta:
        model = User
        fields = ["kind", "username", "name", "email", "phone", "title", "office", "is_active"]
        field_classes = ACCOUNT_FIELD_CLASSES
        help_texts = {"username": "与学校统一身份认证平台一致，一般为工号。默认密码为账号+123456，首次登录须修改。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, label) for k, label in User.Kind.choices if k in User.BACKOFFICE_KINDS]
        if self.instance.pk:
            self.fields["username"].disabled = True


class AdminAccountBulkEditForm(BaseForm):
    is_active = forms.NullBooleanField(label="启用", required=False,
                                       widget=forms.Select(choices=[("", "不修改"), ("true", "启用"), ("false", "停用")]))
    office = forms.CharField(label="所在部门", required=False)


class RoleTemplateForm(BaseModelForm):
    class Meta:
        model = RoleTemplate
        fields = ["name", "description"]


class MajorSearchForm(BaseForm):
    campus = forms.ModelChoiceField(Campus.objects.all(), label="校区", required=False, empty_label="全部校区")
    college = forms.ModelChoiceField(College.objects.all(), label="学院", required=False, empty_label="全部学院")
    education_level = forms.ModelChoiceField(queryset=None, label="学历", required=False, empty_label="全部学历")
    q = forms.CharField(label="专业名称", required=False)

    def __init__(self, *args, **kwargs):
        from careers.codes.models import Code

        super().__init__(*args, **kwargs)
        self.fields["education_level"].queryset = Code.objects.of("education_level")
