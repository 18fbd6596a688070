from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import User


@admin.register(User)
class MesDroitsUserAdmin(UserAdmin):
    list_display = ("username", "email", "kind", "is_staff", "is_active")
    list_filter = ("kind", "is_staff", "is_active")
    fieldsets = (*UserAdmin.fieldsets, ("Mes Droits", {"fields": ("kind",)}))
