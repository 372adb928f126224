from tests.studentfiles.helpers import private_media  # noqa: F401
