from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from .models import ProcessingActivity, ProcessingLogEntry


@admin.register(ProcessingActivity)
class ProcessingActivityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "active"]
    search_fields = ["name", "code"]


@admin.register(ProcessingLogEntry)
class ProcessingLogEntryAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "actor_label", "actor_role", "activity", "action", "status"]
    list_filter = ["action", "status", "activity"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
