"""统计 (talk and fair figures), their list columns and exports, 活动提醒 reminders, market counters."""
