"""A fake WeChat (official-account API, OAuth, QR codes, callback pushes, WeChat Pay v3) on 127.0.0.1.

Used by the test suite and, with `WECHAT_FAKE_URL`, by `make run` so a newcomer sees binding, scan login, template
messages, batches and payments without a WeChat account. It speaks the real protocols: see server.py.
"""
