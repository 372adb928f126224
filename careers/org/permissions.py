from careers.core.permissions import registry

from .models import Campus, College, Department, Major

registry.register_model(Major, "org", menu_label="专业设置", actions=("add", "change", "delete", "bulk_edit", "import", "export"),
                        icon="bi-journal-bookmark")
registry.register_model(College, "org", menu_label="学院设置", actions=("add", "change", "delete"))
registry.register_model(Department, "org", menu_label="系别设置", actions=("add", "change", "delete"))
registry.register_model(Campus, "org", menu_label="校区设置", actions=("add", "change", "delete"))
