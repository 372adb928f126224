from django import forms

from careers.core.forms import BaseForm


class ConfirmForm(BaseForm):
    transaction_id = forms.CharField(label="银行流水号/交易单号", max_length=64, required=False,
                                     help_text="选填，便于对账；同一流水号不能确认两个订单。")


class ProofRejectForm(BaseForm):
    reason = forms.CharField(label="凭证不通过的原因", max_length=200, error_messages={
        "required": "请填写凭证不通过的原因，用人单位将看到该原因。"})


class RefundForm(BaseForm):
    reason = forms.CharField(label="退款原因", max_length=200, error_messages={"required": "请填写退款原因。"})
