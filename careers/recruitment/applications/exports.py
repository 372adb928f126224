"""导出 of 简历投递管理: the list's scope, filters and columns (field-selectable like every other export)."""

from careers.core.views.exports import ExportView

from .views import ApplicationListView

ApplicationExportView = ExportView.of(ApplicationListView)
