"""The public occupation pages: home, the A–Å index and an occupation with its employers.

Read side: these pages put together what the domain apps hold (occupations, employers and
their register sources), so they live above both of them.
"""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from employers.sections import occupation_employer_section
from occupations.models import Occupation, SlugRedirect
from occupations.richtext import RICH_TEXT_FIELDS
from occupations.salary import salary_tables
from related.models import RelatedOccupation


def home(request):
    occupations = Occupation.objects.published().alphabetical().only("title", "slug", "lead")
    return render(request, "occupations/home.html", {"occupations": occupations})


def occupation_index(request):
    return render(request, "occupations/occupation_index.html", Occupation.objects.letter_index())


def occupation_detail(request, slug):
    visible = Occupation.objects.visible_to(request.user)
    # The editors' Markdown stays in the database: the page prints its stored HTML.
    occupation = visible.for_page().defer(*RICH_TEXT_FIELDS).filter(slug=slug).first()
    if occupation is None:
        moved = (
            SlugRedirect.objects.filter(old_slug=slug, occupation__in=visible)
            .select_related("occupation")
            .first()
        )
        if moved is None:
            raise Http404
        return redirect("occupations:detail", slug=moved.occupation.slug, permanent=True)
    employers = occupation_employer_section(occupation=occupation, query=request.GET)
    if employers.redirect_query is not None:
        query = urlencode(employers.redirect_query)
        return redirect(f"{occupation.get_absolute_url()}?{query}#bedrifter")
    return render(
        request,
        "occupations/occupation_detail.html",
        {
            "occupation": occupation,
            "employers": employers,
            "salary_tables": salary_tables(occupation),
            "related": RelatedOccupation.objects.for_page(occupation),
        },
        status=employers.status,
    )


@never_cache
def occupation_preview(request, pk):
    """A draft (or any occupation) as the public would see it, for staff who may see drafts."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("occupations.view_occupation")):
        raise Http404
    occupation = Occupation.all_objects.for_page().defer(*RICH_TEXT_FIELDS).filter(pk=pk).first()
    if occupation is None:
        raise Http404
    employers = occupation_employer_section(occupation=occupation, query=request.GET)
    if employers.redirect_query is not None:
        query = urlencode(employers.redirect_query)
        url = reverse("occupations:preview", kwargs={"pk": occupation.pk})
        return redirect(f"{url}?{query}#bedrifter")
    response = render(
        request,
        "occupations/occupation_detail.html",
        {
            "occupation": occupation,
            "employers": employers,
            "salary_tables": salary_tables(occupation),
            "related": RelatedOccupation.objects.for_page(occupation),
            "preview": True,
        },
        status=employers.status,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
