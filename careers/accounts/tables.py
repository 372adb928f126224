import django_tables2 as tables

from careers.core.tables import BaseTable

from .models import RoleTemplate, User


class UserTable(BaseTable):
    username = tables.Column(linkify=("accounts:user_detail", {"pk": tables.A("pk")}))
    name = tables.Column()
    kind = tables.Column()
    office = tables.Column()
    phone = tables.Column()
    is_active = tables.BooleanColumn(yesno="✔,✘")
    managed = tables.Column(verbose_name="管辖专业数", accessor="managed_count", orderable=True)
    last_login = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="最近登录")

    class Meta(BaseTable.Meta):
        model = User
        fields = ("pk", "username", "name", "kind", "office", "phone", "is_active", "managed", "last_login")


class RoleTemplateTable(BaseTable):
    name = tables.Column(linkify=("accounts:roletemplate_detail", {"pk": tables.A("pk")}))
    description = tables.Column()
    size = tables.Column(verbose_name="权限数", accessor="permissions", orderable=False)

    class Meta(BaseTable.Meta):
        model = RoleTemplate
        fields = ("pk", "name", "description", "size")

    def render_size(self, value):
        return len(value)
