"""宣讲会 (campus talks): back office review, the unit's applications, public pages, 我的报名."""
