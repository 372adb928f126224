from careers.core.permissions import registry

from .models import Student

registry.register_model(Student, "students", menu_label="查询学生列表", actions=("add", "change", "delete", "export"),
                        icon="bi-person-lines-fill")
