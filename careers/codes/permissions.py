from careers.core.permissions import registry

from .models import Code, CodeTable

registry.register_model(CodeTable, "codes", menu_label="代码表", actions=("change", "import"), icon="bi-table", position=20)
registry.register_model(Code, "codes", menu_label="代码查询", actions=("add", "change", "delete", "import", "export"),
                        position=21)
