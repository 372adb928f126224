"""学生信息管理: every menu and action of the student-records module, in one place. Menu positions
follow the manual (生源信息 10, 会员管理 20, 派遣 30, 就业 40, 图库 50, 档案 60, 简历 70, 专业转移 80, 汇总 90).

Each area adds its lines below its heading (keep the headings).
"""

from careers.core.permissions import registry

from .models import MajorTransfer, Student  # noqa: F401

# -- 生源信息 (list, query, export, statistics) --------------------------------------------------
registry.register_model(Student, "students", menu_label="生源信息",
                        actions=("add", "change", "delete", "review", "import", "export"),
                        icon="bi-person-lines-fill", position=10)
registry.register_action("students", "students.student.message", "学生列表：发送消息")
registry.register_menu("data", "students.statistics.view", "数据统计", "students:statistics", icon="bi-bar-chart")

# -- review, 学籍异动, transfers, summary -----------------------------------------------------------
registry.register_action("students", "students.student.status", "生源信息：学籍管理")
registry.register_action("students", "students.student.transfer", "生源信息：转移数据")
registry.register_model(MajorTransfer, "students", menu_label="专业转移审核", actions=("review",),
                        icon="bi-arrow-left-right", position=80)
registry.register_menu("students", "students.summary.view", "学生信息汇总", "students:summary_list", icon="bi-card-list",
                       position=90)

# -- 会员管理 (student accounts) -------------------------------------------------------------------
registry.register_menu("students", "students.account.view", "会员管理", "students:account_list", icon="bi-person-badge",
                       position=20)
registry.register_action("students", "students.account.change", "会员管理：修改账号与密码")
registry.register_action("students", "students.account.impersonate", "会员管理：进入学生账户")
