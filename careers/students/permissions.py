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
registry.register_menu("data", "students.statistics.view", "数据统计", "students:statistics", icon="bi-bar-chart")

# -- review, 学籍异动, transfers, summary -----------------------------------------------------------
registry.register_action("students", "students.student.status", "生源信息：学籍管理")
registry.register_action("students", "students.student.transfer", "生源信息：转移数据")
registry.register_model(MajorTransfer, "students", menu_label="专业转移审核", actions=("review",),
                        icon="bi-arrow-left-right")
registry.register_menu("students", "students.summary.view", "学生信息汇总", "students:summary_list", icon="bi-card-list")

# -- 会员管理 (student accounts) -------------------------------------------------------------------
registry.register_menu("students", "students.account.view", "会员管理", "students:account_list", icon="bi-person-badge")
registry.register_action("students", "students.account.change", "会员管理：修改账号与密码")
registry.register_action("students", "students.account.impersonate", "会员管理：进入学生账户")
