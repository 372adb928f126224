"""导出与省系统不一致就业信息: compare the provincial system's employment export with ours.

format.py  the provincial upload/download sheet (one declared column layout) and its writer
compare.py reading a provincial file, matching rows to our students, the per-field comparison
jobs.py    the background jobs (comparison, mismatch export)
views.py   /employment/provincial/: upload → summary + diff table → 导出不一致记录
"""
