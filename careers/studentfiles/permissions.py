from careers.core.permissions import registry

from .models import ArchiveRecord, StudentImage

registry.register_model(StudentImage, "students", menu_label="资料图库", actions=("delete",), icon="bi-images",
                        position=50)
registry.register_model(ArchiveRecord, "students", menu_label="档案信息",
                        actions=("add", "change", "delete", "import", "export"), icon="bi-archive", position=60)
