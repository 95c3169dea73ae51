from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.static import serve

from api.urls import v1_patterns
from pages.sitemaps import SITEMAPS

urlpatterns = [
    # Before the admin: its login page with lockout and the code step for two-step login.
    path("admin/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("operations.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    *v1_patterns,
]

# Public pages in every language of settings.LANGUAGES: bokmål without a prefix (/yrker/…),
# nynorsk and English under /nn/ and /en/. Each language has its own address, so links can be
# shared and cached as they are, and the language switcher is a plain link (no form, no cookie).
urlpatterns += i18n_patterns(
    path("bedrifter/", include("employers.urls")),
    path("sok/", include("search.urls")),
    path("", include("compare.urls")),
    path("api/", include("api.urls")),
    path("", include("pages.urls")),
    prefix_default_language=False,
)


def serve_media(request, path):
    """Uploaded files, for a local run without a web server in front (SERVE_MEDIA)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.SERVE_MEDIA:
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media)]
