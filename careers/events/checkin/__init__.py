"""报名与签到 (registration and check-in) for talks and fairs: rules, QR pages, devices and their API."""
