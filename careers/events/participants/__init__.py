"""参会单位 (a fair's participating units): applications, review, booths, jobs, receipts, uploads."""
