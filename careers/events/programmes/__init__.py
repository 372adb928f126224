"""项目活动 (manual 3.3): competitions students register for, alone or as a team."""
