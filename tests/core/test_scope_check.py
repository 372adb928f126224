"""The system check that makes every model reaching a student declare its scope (deny by default)."""

from django.apps import apps
from django.core import management
from django.db import models
from django.test.utils import isolate_apps

from careers.core.checks import check_scope_declarations, declaration_errors
from careers.core.scoping import SCOPE_ROOT, ScopedQuerySet
from careers.resumes.models import Resume
from careers.students.models import Student


# Dummy models live in an isolated registry; their keys point at the real classes (no reverse accessor).


def dummy_meta():
    return type("Meta", (), {"app_label": "core"})


def root():
    return apps.get_model(SCOPE_ROOT)


def ids(errors):
    return [e.id for e in errors]


@isolate_apps("careers.core")
def test_a_model_reaching_a_student_without_a_declaration_fails_the_check():
    class Note(models.Model):
        Meta = dummy_meta()
        student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")

    errors = declaration_errors(Note, root())
    assert ids(errors) == ["careers.E001"]
    assert "student__major" in errors[0].msg and "没有声明数据范围" in errors[0].msg


@isolate_apps("careers.core")
def test_a_path_through_another_model_counts_too():
    class Note(models.Model):
        Meta = dummy_meta()
        resume = models.ForeignKey(Resume, on_delete=models.CASCADE, related_name="+")

    assert "resume__student__major" in declaration_errors(Note, root())[0].msg


@isolate_apps("careers.core")
def test_a_scoped_declaration_passes():
    class Note(models.Model):
        Meta = dummy_meta()
        student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
        scope_major_lookup = "student__major"
        objects = ScopedQuerySet.as_manager()

    assert declaration_errors(Note, root()) == []


@isolate_apps("careers.core")
def test_a_lookup_without_restrict_or_not_reaching_a_major_fails():
    class Note(models.Model):
        Meta = dummy_meta()
        student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
        scope_major_lookup = "student"

    assert sorted(ids(declaration_errors(Note, root()))) == ["careers.E002", "careers.E005"]


@isolate_apps("careers.core")
def test_unscoped_on_purpose_needs_a_reason():
    class Reasoned(models.Model):
        Meta = dummy_meta()
        student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
        scope_unscoped = "只由系统任务读取，从不在页面上列出"

    class Silent(models.Model):
        Meta = dummy_meta()
        student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
        scope_unscoped = " "

    assert declaration_errors(Reasoned, root()) == []
    assert ids(declaration_errors(Silent, root())) == ["careers.E004"]


@isolate_apps("careers.core")
def test_a_model_without_a_path_needs_nothing():
    class Tag(models.Model):
        Meta = dummy_meta()
        name = models.CharField(max_length=10)

    assert declaration_errors(Tag, root()) == []


def test_every_installed_model_declares_its_scope():
    """Every model reachable from a student declares scope (the check passes on the project)."""
    assert check_scope_declarations() == []


def test_manage_py_check_runs_the_scope_check():
    from django.core.checks.registry import registry

    assert check_scope_declarations in registry.get_checks()
    management.call_command("check")  # raises SystemCheckError when a declaration is missing
