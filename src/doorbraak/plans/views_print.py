"""The maatwerkplan on paper: a print page for the resident and the same page as a PDF.

Both read through ``selectors.plan_access`` (404 otherwise) and write a processing-log entry
for the household and every member whose name is on the paper. Health and justice scores
appear only when the actor's access includes special categories (AVG art. 9 and 10).
"""

from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone

from doorbraak.audit.models import Action as LogAction
from doorbraak.audit.services import Subject, log_processing
from doorbraak.core.pdf import html_to_pdf, pdf_response  # noqa: E402
from doorbraak.core.roles import Role
from doorbraak.core.views_base import PlatformView
from doorbraak.households import zrm
from doorbraak.households.selectors import assessments_of

from . import selectors
from .services import ACTIVITY

SCREEN_BASE = "base.html"
PDF_BASE = "plans/print_document.html"


# --- The printed maatwerkplan ----------------------------------------------------------------


def _latest_situation(access) -> tuple[object, list[dict]]:
    """The latest ZRM assessment and its rows (domain, score, meaning) the actor may see."""
    assessments = assessments_of(access)
    if not assessments:
        return None, []
    latest = assessments[-1]
    scores = {s.domain: s.score for s in latest.scores.all()}
    meaning = dict(zrm.SCALE)
    rows = []
    for code, label in zrm.VERSIONS.get(latest.version, zrm.DOMAINS_2017):
        if code in zrm.SPECIAL_CATEGORY_DOMAINS and not access.special_categories:
            continue
        if code in scores:
            rows.append({"label": label, "score": scores[code], "meaning": meaning[scores[code]]})
    return latest, rows


def _role_label(code: str) -> str:
    return Role(code).label if code in Role.values else code


def justification_context(plan) -> dict:
    """The rekensom (summary and payer table) and the juridische paragraaf of the plan."""
    from doorbraak.escalation.selectors import knelpunten_of_plan
    from doorbraak.legal.paragraph import paragraph
    from doorbraak.legal.selectors import plan_provisions
    from doorbraak.rekensom import selectors as rekensom_selectors
    from doorbraak.rekensom.services import result_of
    from doorbraak.rekensom.summary import result_context

    rekensom = rekensom_selectors.rekensom_of(plan)
    context = {"rekensom": rekensom}
    if rekensom is not None:
        context.update(result_context(result_of(rekensom)))
    attached = list(plan_provisions(plan))
    knelpunten = knelpunten_of_plan(plan)
    context["legal_paragraph"] = (
        paragraph(plan, attached, knelpunten) if (attached or knelpunten) else []
    )
    return context


def plan_context(plan, access) -> dict:
    plan = selectors.plan_detail(plan)
    household = plan.household
    latest, situation = _latest_situation(access)
    labels = dict(zrm.DOMAINS_2017)
    return {
        **justification_context(plan),
        "plan": plan,
        "household": household,
        "members": household.members.order_by("role", "geboortedatum"),
        "latest": latest,
        "situation": situation,
        "special_categories": access.special_categories,
        "blocked_domains": [str(labels.get(code, code)) for code in plan.blocking_domains],
        "decided_role": _role_label(plan.decided_role),
        "printed_on": timezone.localdate(),
        "organisation": household.organisation,
    }


def log_plan_paper(actor, plan, action, detail: str) -> None:
    """Everyone on the paper is a data subject: the household and each member by name."""
    household = plan.household
    subjects = [Subject("huishouden", str(household.uuid))] + [
        Subject("persoon", str(uuid)) for uuid in household.members.values_list("uuid", flat=True)
    ]
    log_processing(actor, ACTIVITY, action, plan, subjects=subjects, detail=detail)


class PlanPaperMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and getattr(request.actor, "membership", None):
            found = selectors.plan_access(request.actor, kwargs["uuid"])
            if found is None:
                raise Http404
            self.plan, self.access = found
        return super().dispatch(request, *args, **kwargs)


class PlanPrintView(PlanPaperMixin, PlatformView):
    def get(self, request, uuid):
        log_plan_paper(self.actor, self.plan, LogAction.READ, "afdrukversie")
        context = plan_context(self.plan, self.access)
        context.update(base_template=SCREEN_BASE, pdf=False)
        return TemplateResponse(request, "plans/print.html", context)


class PlanPdfView(PlanPaperMixin, PlatformView):
    def get(self, request, uuid):
        context = plan_context(self.plan, self.access)
        context.update(base_template=PDF_BASE, pdf=True)
        html = render_to_string("plans/print.html", context, request=request)
        pdf = html_to_pdf(html)
        log_plan_paper(self.actor, self.plan, LogAction.EXPORT, "pdf")
        return pdf_response(pdf, f"maatwerkplan-{self.plan.household.reference}.pdf")
