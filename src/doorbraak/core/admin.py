"""Django admin for technical administrators (superusers) only.

Daily work, including functional administration, uses the platform's own pages.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .models import ApiClient, Membership, Organisation, Team, User


def _login(request, extra_context=None):
    # One way to log in: the platform's own login with its second factor and lockout.
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.get_full_path())


admin.site.login = _login
admin.site.site_header = "Doorbraak systeembeheer"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation", "team"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "cbs_code", "active", "manages_platform"]
    list_filter = ["type", "active"]
    search_fields = ["name", "short_name", "cbs_code"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]


@admin.register(User)
class DoorbraakUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    readonly_fields = ["uuid", "session_generation", "last_login", "date_joined"]


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "token_prefix", "created_at", "revoked_at"]
    readonly_fields = ["token_prefix", "token_hash", "created_at", "last_used_at"]
    autocomplete_fields = ["organisation"]

    def has_add_permission(self, request):
        return False  # tokens are made on the API clients page, where they are shown once
