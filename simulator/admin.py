from django.contrib import admin

from simulator.models import ScreeningChunk, ScreeningRun
from simulator.rescreening.selectors import run_progress


class ScreeningChunkInline(admin.TabularInline):
    """Only the chunks that did not end well: a run has thousands."""

    model = ScreeningChunk
    fields = [
        "number",
        "status",
        "attempts",
        "claimed_at",
        "households",
        "skipped",
        "members_failed",
        "error",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "lots en cours ou en échec"

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(status=ScreeningChunk.Status.DONE)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ScreeningRun)
class ScreeningRunAdmin(admin.ModelAdmin):
    """Read-only: runs are started by the beat, a task or ``manage.py simulator_rescreen``."""

    list_display = [
        "pk",
        "kind",
        "reason",
        "status",
        "progress",
        "households_done",
        "rate",
        "started_at",
        "finished_at",
    ]
    list_filter = ["kind", "status"]
    inlines = [ScreeningChunkInline]
    readonly_fields = ["progress", "households_done", "rate", "rate_per_worker", "failures"]
    exclude = ["planned_through_user_id"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="avancement")
    def progress(self, run: ScreeningRun) -> str:
        progress = run_progress(run)
        return f"{progress.chunks_done} / {progress.chunks_total} lots"

    @admin.display(description="membres re-criblés (ignorés)")
    def households_done(self, run: ScreeningRun) -> str:
        progress = run_progress(run)
        return f"{progress.households} ({progress.skipped})"

    @admin.display(description="membres/s")
    def rate(self, run: ScreeningRun) -> str:
        value = run_progress(run).households_per_second
        return "—" if value is None else f"{value:.0f}"

    @admin.display(description="membres/s par worker")
    def rate_per_worker(self, run: ScreeningRun) -> str:
        value = run_progress(run).per_worker_per_second
        return "—" if value is None else f"{value:.0f}"

    @admin.display(description="en échec")
    def failures(self, run: ScreeningRun) -> str:
        progress = run_progress(run)
        return f"{progress.members_failed} membre(s), {progress.chunks_failed} lot(s)"
