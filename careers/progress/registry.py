"""What the progress app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.core.demo import seed_step
from careers.core.oplog_display import KEY_LABELS

from . import permissions  # noqa: F401  (menus and actions)
from .figures import KNOWN_KEYS

seed_step("progress", "careers.progress.demo")
KEY_LABELS.update({**KNOWN_KEYS, "note": "备注"})  # 报送数据 in the 系统日志: figures by their names
