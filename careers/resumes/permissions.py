from careers.core.permissions import registry

from .models import Resume

registry.register_model(Resume, "students", menu_label="学生简历管理", actions=("export",),
                        icon="bi-file-earmark-person", position=70)
registry.register_action("students", "resumes.resume.recommend", "学生简历：标记推荐")
