"""The models of 派遣与就业, each defined in its area (app_label "employment"); imported here so Django finds them."""

from .agreements.models import (AgreementApplication, AgreementNumber, AgreementSettings,
                                ApplicationMaterial, MaterialRequirement, OnlineAgreement)
from .dispatch.models import DispatchRecord, SupervisingAuthority
from .outcomes.models import EmploymentRecord
from .windows.models import ReportingWindow

__all__ = ["AgreementApplication", "AgreementNumber", "AgreementSettings", "ApplicationMaterial",
           "MaterialRequirement", "OnlineAgreement", "DispatchRecord", "EmploymentRecord", "ReportingWindow", "SupervisingAuthority"]
