"""增加/修改招聘会 (manual 4.6.1): 基本信息, 用人单位参会要求 (with the fee-items editor) and 求职用户要求.

Every rule that spans fields lives in `FairForm.clean` and names the field it is about; the fee rows
are typed as parallel lists (fee_name / fee_amount / fee_per) and validated by `fees.clean_fee_items`.
"""

from django import forms
from django.core.exceptions import ValidationError

from careers.core.forms import BaseForm, BaseModelForm
from careers.core.richtext import sanitize_html

from ..models import EmployerOperation, Fair, FairStatus, PaymentMethod, Venue
from .actions import conflict_message, local, venue_conflicts
from .fees import FeeBasis, clean_fee_items

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_WIDGET = {"type": "datetime-local"}

SECTIONS = (
    ("basic", "一、基本信息", ("title", "starts_at", "ends_at", "publish_at", "venue", "place", "description")),
    ("employer", "二、用人单位参会要求", ("employer_operations", "apply_deadline", "max_units", "booths_per_unit",
                                   "attendees_per_unit", "poster_method", "payment_methods", "payee_info",
                                   "invoice_info", "receipt_notes")),
    ("student", "三、求职用户要求", ("registration_required", "registration_opens_at", "registration_closes_at",
                               "capacity", "checkin_method", "checkin_passphrase")),
)


class FairForm(BaseModelForm):
    employer_operations = forms.MultipleChoiceField(
        label="用人单位可见操作", required=False, choices=EmployerOperation.choices,
        widget=forms.CheckboxSelectMultiple, help_text="参会单位在招聘会页面上能进行的操作")
    payment_methods = forms.MultipleChoiceField(
        label="支付方式", required=False, choices=PaymentMethod.choices, widget=forms.CheckboxSelectMultiple,
        help_text="设置了参会费用时至少选一种")

    class Meta:
        model = Fair
        fields = [name for _, _, names in SECTIONS for name in names]
        widgets = {
            **{name: forms.DateTimeInput(attrs=DATETIME_WIDGET, format=DATETIME_FORMAT)
               for name in ("starts_at", "ends_at", "publish_at", "apply_deadline", "registration_opens_at",
                            "registration_closes_at")},
            "description": forms.Textarea(attrs={"rows": 6}),
            "payee_info": forms.Textarea(attrs={"rows": 2}),
            "invoice_info": forms.Textarea(attrs={"rows": 2}),
            "receipt_notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"publish_at": "网站从此时间起显示本招聘会（须先“发布”）",
                      "apply_deadline": "用人单位申请参会的截止时间，不能晚于举办开始时间",
                      "max_units": "留空表示不限",
                      "capacity": "留空表示不限",
                      "registration_opens_at": "留空表示发布后即可报名",
                      "registration_closes_at": "留空表示到举办开始时为止",
                      "checkin_passphrase": "设置后，学生扫码签到时需输入口令",
                      "description": "可直接粘贴排版好的内容；脚本等不安全的内容会被自动移除"}
        error_messages = {
            "title": {"required": "请填写招聘会标题。"},
            "starts_at": {"required": "请填写举办开始时间。", "invalid": "举办开始时间格式不正确。"},
            "ends_at": {"required": "请填写举办结束时间。", "invalid": "举办结束时间格式不正确。"},
            "publish_at": {"required": "请填写对外发布时间。", "invalid": "对外发布时间格式不正确。"},
            "place": {"required": "请填写举办地点，如：体育馆一楼。"},
            "apply_deadline": {"required": "请填写申请截止时间。", "invalid": "申请截止时间格式不正确。"},
            "booths_per_unit": {"required": "请填写每单位展位数。"},
            "attendees_per_unit": {"required": "请填写每单位参会人数上限。"},
        }

    def __init__(self, data=None, files=None, *, instance=None, user=None, **kwargs):
        super().__init__(data, files, instance=instance, user=user, **kwargs)
        if instance is None or instance.pk is None:  # a new fair: the usual choices pre-ticked
            self.initial["employer_operations"] = self.initial.get("employer_operations") or list(
                EmployerOperation.values)
            self.initial["payment_methods"] = self.initial.get("payment_methods") or [PaymentMethod.OFFLINE]
        venue = self.fields["venue"]
        venue.queryset = Venue.objects.filter(is_active=True) | Venue.objects.filter(
            pk=getattr(instance, "venue_id", None) or 0)
        venue.empty_label = "（不指定场地）"
        venue.help_text = "选择场地后将检查与宣讲会、其他招聘会的时间冲突"
        self.fields["booths_per_unit"].min_value = 1
        self.fields["booths_per_unit"].validators.append(_range("每单位展位数", 1, 20))
        self.fields["attendees_per_unit"].validators.append(_range("每单位参会人数上限", 1, 50))
        self.fields["max_units"].validators.append(_range("参会单位上限", 1, 5000))
        self.fields["capacity"].validators.append(_range("报名人数上限", 1, 200000))
        if data is not None:
            self.fee_rows = [{"name": n, "amount": a, "per": p} for n, a, p in
                             zip(data.getlist("fee_name"), data.getlist("fee_amount"), data.getlist("fee_per"))]
        else:
            self.fee_rows = list((instance.fee_items if instance is not None else None) or [])
        self.fee_errors = []
        self.conflicts = []

    # -- rendering helpers ------------------------------------------------------------------------
    def sections(self):
        return [(key, title, [self[name] for name in names]) for key, title, names in SECTIONS]

    def fee_editor_rows(self):
        """The typed rows plus two blank ones for adding."""
        return [*self.fee_rows, {"name": "", "amount": "", "per": FeeBasis.BOOTH},
                {"name": "", "amount": "", "per": FeeBasis.BOOTH}]

    fee_basis_choices = FeeBasis.choices

    # -- validation -----------------------------------------------------------------------------
    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_description(self):
        return sanitize_html(self.cleaned_data.get("description"))

    def clean(self):
        data = super().clean()
        if self.instance.pk and self.instance.status == FairStatus.CANCELLED:
            raise ValidationError("招聘会已取消，不能再修改。")
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "举办结束时间必须晚于开始时间。")
        publish = data.get("publish_at")
        if publish and ends and publish >= ends:
            self.add_error("publish_at", "对外发布时间必须早于举办结束时间。")
        deadline = data.get("apply_deadline")
        if deadline and starts and deadline > starts:
            self.add_error("apply_deadline", f"申请截止时间不能晚于举办开始时间（{local(starts)}）。")
        if deadline and publish and deadline <= publish:
            self.add_error("apply_deadline", "申请截止时间必须晚于对外发布时间，否则单位来不及申请。")
        self._clean_registration(data, starts, ends)
        self._clean_fees(data)
        if data.get("checkin_passphrase"):
            data["checkin_passphrase"] = data["checkin_passphrase"].strip()
        self._clean_venue(data, starts, ends)
        return data

    def _clean_registration(self, data, starts, ends):
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if not data.get("registration_required"):
            return
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", "报名截止时间必须晚于报名开始时间。")
        if closes and ends and closes > ends:
            self.add_error("registration_closes_at", f"报名截止时间不能晚于举办结束时间（{local(ends)}）。")
        if opens and ends and opens >= ends:
            self.add_error("registration_opens_at", "报名开始时间必须早于举办结束时间。")

    def _clean_fees(self, data):
        try:
            data["fee_items"] = clean_fee_items(self.fee_rows)
        except ValidationError as error:
            self.fee_errors = error.messages
            self.add_error(None, ValidationError([f"参会费用：{m}" for m in error.messages]))
            return
        methods = data.get("payment_methods") or []
        if data["fee_items"] and any(float(item["amount"]) > 0 for item in data["fee_items"]) and not methods:
            self.add_error("payment_methods", "设置了参会费用，请至少选择一种支付方式。")
        if PaymentMethod.OFFLINE in methods and not (data.get("payee_info") or "").strip():
            self.add_error("payee_info", "选择了线下转账，请填写收款账户信息（户名、账号、开户行）。")

    def _clean_venue(self, data, starts, ends):
        venue = data.get("venue")
        if not (venue and starts and ends and ends > starts) or venue.is_placeholder:
            return
        self.conflicts = venue_conflicts(venue, starts, ends, exclude=self.instance if self.instance.pk else None)
        if self.conflicts:
            self.add_error("venue", conflict_message(venue, self.conflicts) + "请更换场地或调整时间。")

    def changed_fee_fields(self):
        """{"fee_items"} when the saved fee rows differ from the instance's (an edit changed the fees)."""
        before = Fair.objects.filter(pk=self.instance.pk).values_list("fee_items", flat=True).first()
        return {"fee_items"} if self.instance.pk and before != self.cleaned_data.get("fee_items") else set()

    def save(self, commit=True):
        fair = super().save(commit=False)
        fair.fee_items = self.cleaned_data.get("fee_items", [])
        chosen = self.cleaned_data
        fair.employer_operations = [v for v in EmployerOperation.values if v in chosen["employer_operations"]]
        fair.payment_methods = [v for v in PaymentMethod.values if v in chosen["payment_methods"]]
        if commit:
            fair.save()
        return fair


def _range(label, low, high):
    def check(value):
        if value is not None and not low <= value <= high:
            raise ValidationError(f"{label}应在 {low}–{high} 之间。")
    return check


class FairCancelForm(BaseForm):
    reason = forms.CharField(label="取消原因（将通知已报名学生和参会单位）", max_length=200,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "请填写取消原因，已报名的学生和参会单位将收到该原因。"})

