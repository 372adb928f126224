"""学生信息管理: every menu and action of the student-records module, in one place.

Each area adds its lines below its heading (keep the headings).
"""

from careers.core.permissions import registry

from .models import MajorTransfer, Student  # noqa: F401

# -- 生源信息 (list, query, export, statistics) --------------------------------------------------
registry.register_model(Student, "students", menu_label="生源信息",
                        actions=("add", "change", "delete", "review", "import", "export"),
                        icon="bi-person-lines-fill")
registry.register_action("students", "students.student.message", "学生列表：发送消息")

# -- review, 学籍异动, transfers, summary -----------------------------------------------------------
registry.register_action("students", "students.student.status", "生源信息：学籍管理")
registry.register_action("students", "students.student.transfer", "生源信息：转移数据")

# -- 会员管理 (student accounts) -------------------------------------------------------------------
