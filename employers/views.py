from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.export import csv_lines
from employers.filters import EmployerFilter
from employers.models import Employer
from employers.queries import LISTED_FIELDS, employer_occupations, latest_period
from employers.sections import PAGE_SIZE, CountedPaginator, county_url
from regions.maps import county_map
from registers.models import DataSource


def _county_map(request, employer_filter):
    data = employer_filter.form.cleaned_data
    return county_map(
        counties=employer_filter.form.counties,
        counts=employer_filter.counts_by_county(),
        url_for=lambda county: county_url(request.GET, county),
        current=data.get("county"),
        kind="apprenticeships" if data.get("laerebedrift") else "employers",
    )


def employer_search(request):
    employer_filter = EmployerFilter(request.GET, queryset=Employer.objects.all())
    page, page_error, status, areas = None, None, 200, None
    if not employer_filter.is_valid():
        status = 400
    else:
        # The page shows fewer columns than the CSV export of the same filter.
        listed = employer_filter.qs.select_related(None).select_related("municipality")
        paginator = CountedPaginator(
            listed.only(*LISTED_FIELDS), PAGE_SIZE, count=employer_filter.count()
        )
        number = request.GET.get("side", "1")
        if not number.isdigit() or not 1 <= int(number) <= paginator.num_pages:
            page_error = _("Siden «%(page)s» finnes ikke; listen har %(pages)s sider.") % {
                "page": number[:20],
                "pages": paginator.num_pages,
            }
            status = 400
        else:
            page = paginator.page(int(number))
            areas = _county_map(request, employer_filter)
    return render(
        request,
        "employers/employer_search.html",
        {"filter": employer_filter, "page": page, "page_error": page_error, "county_map": areas},
        status=status,
    )


def employer_export(request):
    employer_filter = EmployerFilter(request.GET, queryset=Employer.objects.all())
    if not employer_filter.is_valid():
        return render(
            request,
            "employers/employer_search.html",
            {"filter": employer_filter, "page": None},
            status=400,
        )
    response = StreamingHttpResponse(
        csv_lines(employer_filter.qs), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="bedrifter-{stamp}.csv"'
    return response


def employer_detail(request, orgnr):
    if not (orgnr.isdigit() and len(orgnr) == 9):
        raise Http404
    employer = get_object_or_404(
        Employer.objects.select_related("municipality__county"), orgnr=orgnr
    )
    approvals = employer.approvals.select_related("trade", "county").order_by(
        "-is_approved", "trade__name"
    )
    sources = DataSource.objects.in_bulk(
        [DataSource.Key.ENHETSREGISTERET, DataSource.Key.AA_REGISTERET, DataSource.Key.VIGO],
        field_name="key",
    )
    period = latest_period()
    return render(
        request,
        "employers/employer_detail.html",
        {
            "employer": employer,
            "occupations": employer_occupations(employer),
            "period": period,
            "approvals": approvals,
            "sources": [sources[key] for key in sorted(sources)],
        },
    )
