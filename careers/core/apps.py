from importlib import import_module

from django.apps import AppConfig, apps


class CoreConfig(AppConfig):
    name = "careers.core"
    label = "core"
    verbose_name = "基础设施"

    def ready(self):
        from . import checks, history  # noqa: F401  (registers the scope check; connects the operation-log receivers)
        from . import sqlite

        sqlite.connect()
        from .models import OperationLog
        from .permissions import registry

        registry.register_model(OperationLog, "system", menu_label="系统日志", actions=("export",),
                                icon="bi-journal-text")

        from . import messaging  # noqa: F401  (registers the channels and Celery tasks)
        from .models import Message

        registry.register_model(Message, "system", menu_label="消息记录", icon="bi-envelope")
        registry.register_action("system", "core.message.resend", "消息记录：重新发送")

        registry.register_derived_menu("data", "core.import.index", "导入数据", "core:import_index",
                                       any_suffix=".import", icon="bi-upload")

        # Every domain app declares its menus and actions in `<app>/permissions.py`.
        for config in apps.get_app_configs():
            if config.name.startswith("careers.") and config.name != self.name:
                try:
                    import_module(f"{config.name}.permissions")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.permissions":
                        raise
