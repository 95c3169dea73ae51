"""Browse by field: NAV's areas and fields of work, each with its published occupations A–Å.

An occupation is in the fields of its STYRK-08 unit groups, plus those editors added, less
those they removed (`Occupation.objects.in_field`, `Occupation.fields_of_work`).
"""

from collections import Counter

from django.db.models.functions import Collate
from django.shortcuts import get_object_or_404, render

from classifications.models import FieldOfWork
from norwegian.collation import NORWEGIAN
from occupations.models import Occupation


def _published_field_counts():
    """{field pk: number of published occupations in it}, in three queries."""
    published = Occupation.objects.published()
    placed = set(
        published.filter(styrk_groups__fields_of_work__isnull=False).values_list(
            "pk", "styrk_groups__fields_of_work"
        )
    )
    placed |= set(published.filter(fields_added__isnull=False).values_list("pk", "fields_added"))
    placed -= set(
        published.filter(fields_removed__isnull=False).values_list("pk", "fields_removed")
    )
    return Counter(field for _occupation, field in placed)


def field_index(request):
    """The areas with the fields that have published occupations, A–Å."""
    counts = _published_field_counts()
    fields = FieldOfWork.objects.fields().filter(pk__in=counts).select_related("parent")
    areas = {}
    for field in fields.order_by(Collate("parent__name", NORWEGIAN), Collate("name", NORWEGIAN)):
        field.occupation_count = counts[field.pk]
        areas.setdefault(field.parent, []).append(field)
    return render(request, "occupations/field_index.html", {"areas": list(areas.items())})


def field_detail(request, slug):
    """An area or a field with its published occupations A–Å (an area also lists its fields)."""
    field = get_object_or_404(FieldOfWork.objects.select_related("parent"), slug=slug)
    occupations = (
        Occupation.objects.published().in_field(field).alphabetical().only("title", "slug")
    )
    children = []
    if field.is_area:
        counts = _published_field_counts()
        children = [
            child
            for child in field.children.order_by(Collate("name", NORWEGIAN))
            if counts[child.pk]
        ]
    return render(
        request,
        "occupations/field_detail.html",
        {"field": field, "occupations": occupations, "children": children},
    )
