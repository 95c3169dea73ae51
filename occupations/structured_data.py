"""schema.org data for the occupation page (JSON-LD): the Occupation and its breadcrumb trail.

Search engines read it beside the page; it says nothing the page does not show.
https://schema.org/Occupation, https://schema.org/BreadcrumbList
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from occupations.models import SalaryStatistic
from richtext.render import html_to_text

STYRK08 = {
    "@type": "CategoryCodeSet",
    "name": "STYRK-08",
    "description": "Statistisk sentralbyrås standard for yrkesklassifisering, basert på ISCO-08",
    "url": "https://www.ssb.no/klass/klassifikasjoner/7",
}
# SSB's measures as schema.org's QuantitativeValueDistribution names them (mean has none).
DISTRIBUTION = {
    SalaryStatistic.Measure.MEDIAN: "median",
    SalaryStatistic.Measure.LOWER_QUARTILE: "percentile25",
    SalaryStatistic.Measure.UPPER_QUARTILE: "percentile75",
}


def _salary(table):
    """SSB's monthly earnings for all sectors and both genders, or None without a figure."""
    row = table.by_sector[0]
    figures = {
        DISTRIBUTION[measure]: value
        for measure, value in zip(table.measures, row.values, strict=True)
        if measure in DISTRIBUTION and value is not None
    }
    if not figures:
        return None
    return {
        "@type": "MonetaryAmountDistribution",
        "name": _("Månedslønn for %(group)s, %(year)s (SSB)")
        % {"group": table.group.name, "year": table.year},
        "currency": "NOK",
        "duration": "P1M",
        **figures,
    }


def _education(occupation):
    requirements = [
        {
            "@type": "EducationalOccupationalCredential",
            "name": programme.education.name,
            **(
                {"educationalLevel": programme.education.level} if programme.education.level else {}
            ),
        }
        for programme in occupation.programmes.all()
    ]
    if occupation.education_text_html:
        requirements.insert(0, html_to_text(occupation.education_text_html))
    return requirements


def _qualifications(occupation):
    parts = []
    if occupation.authorisation_required:
        parts.append(
            _("Krever autorisasjon fra %(authority)s.")
            % {"authority": occupation.authorisation_authority}
        )
    if occupation.authorisation_text_html:
        parts.append(html_to_text(occupation.authorisation_text_html))
    return " ".join(parts)


def occupation_structured_data(*, occupation, salary_tables, absolute):
    """The JSON-LD document for an occupation page (uses the for_page() prefetches).

    `absolute` turns a path into an absolute URL (request.build_absolute_uri).
    """
    page_url = absolute(occupation.get_absolute_url())
    data = {
        "@type": "Occupation",
        "@id": f"{page_url}#yrke",
        "name": occupation.title,
        "url": page_url,
        "alternateName": [title.title for title in occupation.alternative_titles.all()],
        "description": occupation.lead,
        "occupationalCategory": [
            {
                "@type": "CategoryCode",
                "codeValue": group.code,
                "name": group.name,
                "inCodeSet": STYRK08,
            }
            for group in occupation.styrk_groups.all()
        ],
        "responsibilities": [duty.text for duty in occupation.duties.all()],
        "skills": html_to_text(occupation.personal_traits_html),
        "qualifications": _qualifications(occupation),
        "educationRequirements": _education(occupation),
        "estimatedSalary": [
            salary for table in salary_tables if (salary := _salary(table)) is not None
        ],
        "occupationLocation": [{"@type": "Country", "name": "Norge"}],
    }
    if occupation.image:
        data["image"] = absolute(occupation.image.url)
    # Leave out what the page does not have, rather than sending empty values.
    data = {key: value for key, value in data.items() if value not in ("", [], None)}
    trail = [
        (_("Forside"), reverse("occupations:home")),
        (_("Yrker A–Å"), reverse("occupations:index")),
        (occupation.title, occupation.get_absolute_url()),
    ]
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }
    return {"@context": "https://schema.org", "@graph": [data, breadcrumbs]}
