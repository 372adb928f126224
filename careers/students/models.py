"""The students app's models, defined in their areas (records/, transfer/); Django and the rest of the code import
them from here."""

from .records.models import SavedQuery, StatusChange, Student, StudentQuerySet, code_fk
from .transfer.models import MajorTransfer, MajorTransferQuerySet, StudentSettings

__all__ = ["MajorTransfer", "MajorTransferQuerySet", "SavedQuery", "StatusChange", "Student", "StudentQuerySet",
           "StudentSettings", "code_fk"]
