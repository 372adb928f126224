from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "careers.core"
    label = "core"
    verbose_name = "基础设施"

    def ready(self):
        from . import checks, history  # noqa: F401  (registers the scope check; connects the operation-log receivers)
        from . import sqlite

        sqlite.connect()
        if not getattr(CoreConfig, "_registered", False):  # ready() may run again (tests that reload apps)
            CoreConfig._registered = True
            register_core()
        # Every domain app contributes to core's extension points in its `<app>/registry.py`.
        from .registry import autodiscover

        autodiscover()


def register_core():
    """Core's own entries in its registries: menus, job handlers, channels, a demo step, the 待办事项 card."""
    from . import exports, messaging  # noqa: F401  (the "export" job handler; the channels and Celery tasks)
    from .dashboard import dashboard_card
    from .demo import CORE, demo_step, seed_core_variants
    from .imports import runner  # noqa: F401  (the "import.check" / "import.commit" job handlers)
    from .models import Message, OperationLog
    from .permissions import registry
    from .workqueue import register_core_items, workqueue_card

    registry.register_model(OperationLog, "system", menu_label="系统日志", actions=("export",),
                            icon="bi-journal-text")
    registry.register_model(Message, "system", menu_label="消息记录", icon="bi-envelope")
    registry.register_action("system", "core.message.resend", "消息记录：重新发送")
    registry.register_derived_menu("data", "core.import.index", "导入数据", "core:import_index",
                                   any_suffix=".import", icon="bi-upload")
    demo_step("core.variants", seed_core_variants, stage=CORE)
    # Registered before any app's registry.py runs: the work queue is the first card of the back-office home.
    dashboard_card("core.workqueue", "core/cards/workqueue.html", workqueue_card)
    register_core_items()
