from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from doorbraak.core.forms import Form, NLDSMixin


class LoginForm(NLDSMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The combination of user name and password is not correct. Note that both are "
            "case-sensitive. After %(limit)s failed attempts the account is locked for a while."
        ),
        "inactive": _("This account is not active. Ask your functional administrator."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name")
        self.fields["password"].label = _("Password")
        # No autofocus: keyboard and screen-reader users start at the skip link, as on every page.
        self.fields["username"].widget.attrs.pop("autofocus", None)

    def get_invalid_login_error(self):
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"limit": settings.AXES_FAILURE_LIMIT},
        )


class TokenForm(Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_(
            "The six-digit code from your authenticator app, "
            "or one of your eight-digit backup codes."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit():
            raise forms.ValidationError(_("The code consists of digits only."))
        return token


class EnrolForm(Form):
    token = forms.CharField(
        label=_("Code from the app"),
        max_length=6,
        min_length=6,
        help_text=_("Enter the six-digit code that the app shows after scanning."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("Enter exactly six digits."))
        return token


class ChooseRoleForm(Form):
    membership = forms.ChoiceField(label=_("Work as"), widget=forms.RadioSelect)

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].choices = [
            (
                str(m.uuid),
                f"{m.get_role_display()} — {m.organisation}"
                + (f" ({m.team.name})" if m.team else ""),
            )
            for m in memberships
        ]
