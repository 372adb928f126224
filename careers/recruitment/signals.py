"""Hooks into the rest of the platform, one import per area (kept here so AppConfig.ready stays one line).

Each area module registers what it contributes: the 单位查询 provider (employers), the 就业市场信息统计
counters (jobs, applications), Celery tasks (matching).
"""
