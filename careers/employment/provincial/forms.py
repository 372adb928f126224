from django import forms
from django.conf import settings

from careers.core.forms import BaseForm
from careers.core.imports.readers import ALLOWED_EXTENSIONS, ImportFileError

from . import format as provincial_format
from .compare import MAX_ROWS, read_provincial


def megabytes(size):
    return f"{size / 1024 / 1024:g} MB"


class ProvincialUploadForm(BaseForm):
    graduation_year = forms.TypedChoiceField(label="毕业年份", coerce=int,
                                             help_text="与该届本系统的就业信息比对；省系统文件中其他届的学生按“本系统无此学生”列出。")
    file = forms.FileField(label="省系统导出文件")

    def __init__(self, *args, operating_year, **kwargs):
        super().__init__(*args, **kwargs)
        years = range(operating_year + 1, operating_year - 6, -1)
        self.fields["graduation_year"].choices = [(year, f"{year}届") for year in years]
        self.fields["graduation_year"].initial = operating_year
        self.fields["file"].help_text = (f"从省毕业生就业管理系统导出的就业信息表：Excel（.xlsx、.xls）或 CSV（UTF-8 或 GBK 编码），"
                                         f"不超过 {megabytes(settings.IMPORT_MAX_UPLOAD_BYTES)}、{MAX_ROWS} 行。")
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED_EXTENSIONS)
        self.sheet = self.index = self.data_bytes = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件大小为 {megabytes(upload.size)}，超过了 "
                                        f"{megabytes(settings.IMPORT_MAX_UPLOAD_BYTES)} 的上限，请按学院拆分后分别比对。")
        data = upload.read()
        try:
            self.sheet, self.index = read_provincial(data, upload.name)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc))
        self.data_bytes = data
        return upload


class MismatchExportForm(BaseForm):
    format = forms.ChoiceField(label="文件格式", choices=list(provincial_format.FORMATS.items()), initial="xlsx")
    include_missing = forms.BooleanField(label="同时导出“省系统无此学生”的记录", required=False,
                                         help_text="本系统有、省系统文件中没有的学生，按本系统的数据一并导出，便于补充上传。")
