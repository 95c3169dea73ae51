from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from occupations.models import Occupation
from search.engine import MAX_QUERY_LENGTH, search, title_suggestions

SUGGESTIONS = 8


def _search_url(query, **extra):
    return f"{reverse('search:results')}?{urlencode({'q': query, **extra})}"


def search_results(request):
    query = request.GET.get("q", "")
    context = {"query": query, "error": None, "results": None}
    status = 200
    if len(query) > MAX_QUERY_LENGTH:
        context["error"] = _(
            "Søket er for langt. Skriv høyst %(max)s tegn, for eksempel navnet på et yrke."
        ) % {"max": MAX_QUERY_LENGTH}
        context["query"] = query[:MAX_QUERY_LENGTH]
        status = 400
    elif not query.strip():
        context.update(Occupation.objects.letter_index())
    else:
        results = search(query)
        context["results"] = results
        if results.apprenticeship:
            region = results.place.query if results.place else {}
            context["apprenticeship_url"] = (
                f"{reverse('employers:search')}?{urlencode({'laerebedrift': 'on', **region})}"
            )
        if results.place is not None:
            context["without_place_url"] = _search_url(results.terms)
            region = urlencode(results.place.query)
            context["region_query"] = region
            if results.employer_more:
                context["all_employers_url"] = (
                    f"{reverse('employers:search')}?{urlencode({'q': results.terms})}&{region}"
                )
        elif results.employer_more:
            context["all_employers_url"] = (
                f"{reverse('employers:search')}?{urlencode({'q': results.terms})}"
            )
    return render(request, "search/results.html", context, status=status)


def search_suggestions(request):
    """Titles for the search box's autocomplete (static/js/search-suggest.js): JSON."""
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    return JsonResponse({"suggestions": title_suggestions(query, limit=SUGGESTIONS)})
