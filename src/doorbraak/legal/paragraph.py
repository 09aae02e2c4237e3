"""The juridische paragraaf of a plan, written from the provisions and knelpunten attached."""

from django.utils.translation import gettext as _

from .models import Decision, Kind


def decision_sentence(attached) -> str:
    if attached.decision == Decision.OPEN:
        return _("Decision: not yet taken.")
    verb = _("applied") if attached.decision == Decision.TOEGEPAST else _("refused")
    return _(
        "Decision: %(verb)s on %(date)s by %(who)s on behalf of %(body)s, under %(mandate)s."
    ) % {
        "verb": verb,
        "date": attached.decided_on.strftime("%d-%m-%Y") if attached.decided_on else "—",
        "who": attached.decided_by,
        "body": attached.decided_for,
        "mandate": attached.mandate,
    }


def paragraph(plan, provisions, knelpunten) -> list[dict]:
    """Blocks of text: one per provision (room or limit), one per knelpunt, and an opening."""
    blocks = []
    room = [p for p in provisions if p.provision.kind == Kind.RUIMTE]
    limits = [p for p in provisions if p.provision.kind == Kind.GRENS]
    if not provisions and not knelpunten:
        return [
            {"heading": "", "text": _("No legal ground has been attached to the doorbraak yet.")}
        ]
    if room:
        blocks.append(
            {
                "heading": "",
                "text": _(
                    "The doorbraak in this plan deviates from the standard approach. It rests on "
                    "the following legal room for maatwerk."
                ),
            }
        )
    for attached in room + limits:
        provision = attached.provision
        lead = _("Limit") if provision.kind == Kind.GRENS else _("Ground")
        blocks.append(
            {
                "heading": f"{lead}: {provision.citation} — {provision.title}",
                "text": " ".join(
                    [
                        provision.summary,
                        _("Who applies it: %(who)s.") % {"who": provision.who_applies},
                        _("Why it applies here: %(argument)s") % {"argument": attached.argument},
                        decision_sentence(attached),
                    ]
                ),
                "url": provision.url,
            }
        )
    for knelpunt in knelpunten:
        blocks.append(
            {
                "heading": _("Knelpunt: %(law)s %(article)s")
                % {"law": knelpunt.law, "article": knelpunt.article},
                "text": _(
                    "No legal room was found. %(org)s applies the rule: %(what)s "
                    "The knelpunt has been recorded for national escalation."
                )
                % {"org": knelpunt.blocking_organisation, "what": knelpunt.what_blocks},
            }
        )
    return blocks
