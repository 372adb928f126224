from django import forms
from django.forms import inlineformset_factory

from careers.codes.fields import RegionMultipleField
from careers.codes.models import Code
from careers.core.forms import BootstrapMixin

from .models import Resume, ResumeAward, ResumeEducation, ResumeExperience

MAX_REGIONS = 5
MONTH = forms.TextInput(attrs={"type": "month", "placeholder": "2023-09"})


class ResumeForm(BootstrapMixin, forms.ModelForm):
    expected_regions = RegionMultipleField(
        label="期望地区", required=False, max_level=2,
        help_text=f"最多选 {MAX_REGIONS} 个省或城市（输入名称查找后点选，可继续添加）")
    attachment_file = forms.FileField(label="附件简历（PDF）", required=False,
                                      help_text="可选；PDF 文件，不超过 5 MB。",
                                      widget=forms.FileInput(attrs={"accept": "application/pdf"}))
    remove_attachment = forms.BooleanField(label="删除已上传的附件", required=False)

    class Meta:
        model = Resume
        fields = ["title", "job_type", "expected_position", "expected_regions", "expected_industry", "salary_min",
                  "salary_max", "skills", "self_introduction", "visibility"]
        widgets = {"skills": forms.Textarea(attrs={"rows": 4}), "self_introduction": forms.Textarea(attrs={"rows": 5}),
                   "salary_min": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "step": 500}),
                   "salary_max": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "step": 500})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_industry"].queryset = Code.objects.of("industry").filter(level=1).order_by("code")
        self.fields["expected_industry"].empty_label = "不限"
        if not self.instance.attachment:
            del self.fields["remove_attachment"]
        self._style()

    def clean_expected_regions(self):
        regions = self.cleaned_data["expected_regions"]
        if len(regions) > MAX_REGIONS:
            raise forms.ValidationError(f"期望地区最多选 {MAX_REGIONS} 个，您选了 {len(regions)} 个。")
        return regions

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low and high and low > high:
            self.add_error("salary_max", f"月薪上限（{high}）不能低于下限（{low}）。")
        for name in ("salary_min", "salary_max"):
            if data.get(name) and data[name] > 1_000_000:
                self.add_error(name, "请填写每月的薪资（元），数值过大。")
        return data


class EntryForm(BootstrapMixin, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "结束年月不能早于开始年月。")
        return data


def entry_formset(model, fields, widgets, max_num=10):
    # can_delete_extra=False: no 删除 box on the empty row offered for a new entry
    return inlineformset_factory(Resume, model, form=EntryForm, fields=fields, widgets=widgets, extra=1,
                                 max_num=max_num, validate_max=True, can_delete=True, can_delete_extra=False)


EducationFormSet = entry_formset(ResumeEducation, ["school", "major", "degree", "start", "end"],
                                 {"start": MONTH, "end": MONTH})
ExperienceFormSet = entry_formset(ResumeExperience, ["kind", "organisation", "role", "start", "end", "description"],
                                  {"start": MONTH, "end": MONTH, "description": forms.Textarea(attrs={"rows": 3})})
AwardFormSet = entry_formset(ResumeAward, ["name", "awarded_on", "issuer"], {"awarded_on": MONTH}, max_num=20)

FORMSETS = (("educations", "教育经历", EducationFormSet), ("experiences", "实践经历", ExperienceFormSet),
            ("awards", "获奖证书", AwardFormSet))
