"""TEST-ONLY key material for the fake WeChat Pay (careers/wechat/fake/pay.py) and the demo (careers/wechat/pay/demo.py).

NOT A SECRET and never valid anywhere: a throwaway RSA-2048 key generated for this repository so that the demo's
微信商户设置 (in the database) and a separately started fake server (`manage.py wechat_fake`) agree on the
merchant's key pair. The fake platform's own key is generated at import (fake/pay.py), not stored.
"""

DEMO_MCH_ID = "1900000109"
DEMO_API_V3_KEY = "FakeApiV3Key0123456789abcdefABCD"  # 32 characters, test only
DEMO_CERT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"  # the (fake) merchant certificate's serial

DEMO_MERCHANT_PRIVATE_KEY = """-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDClEeynL5Ohtao
1rxUDi8ujKR0J7goxuOp1Az1gwiJDyh36onsqIRKF7aVORH0r0yQay2Egvq0+yg7
NsWgLnpAfWb3hSeyH0xvGPmikI6A5pNPPfcHwrj6AfkOMnHZYYJj4UukQ1dK3Z18
/BVAMxh8mjlnhpM3+NjigHDws1mYr66MVdM5BgWc+1HLuo25FgtPKdCKoEr1Tewd
zChq8i9T/6BNhlatwYH+Kc/HE3bJ3L88H9E5sA2QNgdVJ0A/gqX8y4eHSnu62acu
5bq6Oo3rcFJYrYNejLn7dyRuqGtLcMvT6ETqs2pA7+inYS8AeM3fRT9xN1vNbOIJ
bo8LlsgtAgMBAAECggEAG3PtS7uGtDCdD7RAXQGlUYWBXGwQNRyemWL0Mx16MlBD
ruuV6yB5jbSby6ECMgobnNKqWORb9/XpnrUjG+8Cy5+FzA1q5Nw6ngAhlHidynz9
srP06xDjpU5q88BVRMzXpzztva7MnaD3697rJqQu48GksMERe1euTgK+LI+5Z+u+
Ikwjzk2eYM6ghtsbwo8AfD4irCaKU3fTGBWb8VgKll40ws9hN6weRsIc72LXLnWw
oLgb89nioaWixEnj5RO2qkej8LuRu6gR0lqIPTgGBCpxvu4jQE4KNUz21n0A10Kz
oamzkon+wSv4OiWCavmT7UmO37QhdUB2UMg8nydK1wKBgQD7RSoWybxgzQUXph7d
ZVCJiPmE/hwJh50EUr6RYoTuBeAOnbh/RhXnxR6XCOLiTA1tXt5yIWW4UUFXelot
DfMkhsHQTaJKrj0et8H1leI85ZDHkmSj4BGP7mPpomIlB9NEcp0qGqGkifFLbEvt
PKFCXpaMMv9Q6ygdFNXE4WvmTwKBgQDGPe4P85oUtT6adCLc+vmKtcR1vBNWmCTB
pOjnsqRE9lYUXWuG8pOH3s3LaQwWe8O+mqnhxk1kjjM0Y/CpEs/loThKpMZCfDvP
5dU/5TolW0zHvjCPP1IpJFAYBoRIRyTnO7bMHz/8eTFhKZe54b4+FQLqvxyWVBMj
21h6OVeGwwKBgGaRVRz4PG1HQ0zkArVdJgL+Ztxi3g8FzJJ3NFMkZB7FRzCwMR/C
/C4fyNzeQ78cTF7Y2vS7rUoP4RxUVXsOtrGyUGs3RYg2l7xyRjp5dGBnVTIiD/LV
BFY8eYxlPKrhBtxp7L3DITiJFnYzPssYdLsi4VFZf98IHtfAKYK0gdcBAoGBAKgd
MrqSUdNH1Hw1Cq+toltQQ/e39ApWYa1aBS0f4JCe+mawxpQdOKFbf9gFEHwsntYP
4QsXGOCyepfuPNOUoXtRmiQq0frl0e8/L/XMld/CKj2lexavkyRSqB2HwTxuIMx7
Zkx6H9Aiko6cMBAxcRzCwsOCKGMPj1+0Drcv05rzAoGBAPRjznAwAxZl5b/8eGM7
O996fmHOaAl9FsjALdXZmqua1a5yFX0exlj9B6LjGg2SJlUsFa6ka2JMqKpXLRT1
0gM7HSH/6Rzrht1a/JugNq9HVZDY3ZSMFfPFxhkoZRdI6JLdtmFAVsjtMHAwz/Ds
Tw9ZxNz9spnfqLuIKBd/mRI3
-----END PRIVATE KEY-----"""
