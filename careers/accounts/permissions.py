from careers.core.permissions import registry

from .models import RoleTemplate, User

registry.register_model(User, "accounts", menu_label="管理员账号", actions=("add", "change", "delete", "bulk_edit"),
                        icon="bi-person-badge")
registry.register_model(RoleTemplate, "accounts", menu_label="角色模板", actions=("add", "change", "delete"))
