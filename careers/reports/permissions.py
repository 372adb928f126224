"""就业数据统计: menus and actions (module 数据管理)."""

from careers.core.permissions import registry

# -- 就业率统计 (rates, snapshots) ------------------------------------------------------------------
registry.register_menu("data", "reports.rates.view", "就业率统计", "reports:rates", icon="bi-graph-up")
registry.register_action("data", "reports.rates.export", "就业率统计：导出")
registry.register_action("data", "reports.rates.snapshot", "就业率统计：生成今日快照（仅一级管理员）")

# -- 就业市场信息统计 --------------------------------------------------------------------------------
registry.register_menu("data", "reports.market.view", "就业市场信息统计", "reports:market", icon="bi-shop")
