from django import forms

from careers.core.forms import BaseForm


class DeviceForm(BaseForm):
    name = forms.CharField(label="设备名称", max_length=50, help_text="如：体育馆东门 1 号扫码枪",
                           error_messages={"required": "请填写设备名称，便于在签到记录中辨认设备。",
                                           "max_length": "设备名称最多 50 个字。"})


class MakeupForm(BaseForm):
    """补签: the admin types the student's 学号 or 身份证号."""

    code = forms.CharField(label="学号或身份证号", max_length=32,
                           error_messages={"required": "请填写要补签学生的学号或身份证号。"})
