from django.contrib import admin

from changes.admin import RecordsChanges
from related.models import RelatedChoice


@admin.register(RelatedChoice)
class RelatedChoiceAdmin(RecordsChanges, admin.ModelAdmin):
    """The editors' say in an occupation's related list: pin an occupation with a reason of
    their own, or hide one. The page follows at once (the change path rebuilds the list)."""

    list_display = ["occupation", "related", "kind", "reason"]
    list_filter = ["kind"]
    search_fields = ["occupation__title", "related__title", "reason"]
    list_select_related = ["occupation", "related"]
    autocomplete_fields = ["occupation", "related"]
