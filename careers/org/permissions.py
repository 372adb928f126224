"""专业设置 and the school's organisation: under 代码管理, where the manual puts 专业设置 (2.1)."""

from careers.core.permissions import registry

from .models import Campus, College, Department, Major

registry.register_model(Major, "codes", menu_label="专业设置", actions=("add", "change", "delete", "bulk_edit", "import", "export"),
                        icon="bi-journal-bookmark", position=10)
registry.register_model(College, "codes", menu_label="学院设置", actions=("add", "change", "delete"), position=11)
registry.register_model(Department, "codes", menu_label="系别设置", actions=("add", "change", "delete"), position=12)
registry.register_model(Campus, "codes", menu_label="校区设置", actions=("add", "change", "delete"), position=13)
