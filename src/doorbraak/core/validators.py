"""Validators for Dutch identifiers and platform values, each with a Dutch message."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CBS_GEMEENTE_CODE = re.compile(r"^GM\d{4}$")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_cbs_gemeente_code(value: str) -> None:
    if not CBS_GEMEENTE_CODE.match(value or ""):
        raise ValidationError(
            _("A CBS municipality code is 'GM' followed by four digits, for example GM0599."),
            code="cbs_code",
        )


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    """WCAG 2.1 contrast ratio of a colour against white text."""
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


def validate_accent_colour(value: str) -> None:
    """The accent colour carries white text in the header: WCAG 2.1 AA needs 4.5:1."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _("Enter a colour as # followed by six hexadecimal digits, for example #1a5e8c."),
            code="colour_format",
        )
    ratio = contrast_with_white(value)
    if ratio < 4.5:
        raise ValidationError(
            _(
                "This colour gives white text a contrast of %(ratio).1f:1; WCAG 2.1 AA needs at "
                "least 4.5:1. Choose a darker colour."
            ),
            params={"ratio": ratio},
            code="colour_contrast",
        )
