from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    # Before the admin: its login page with lockout and the code step for two-step login.
    path("admin/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("bedrifter/", include("employers.urls")),
    path("", include("occupations.urls")),
]


def serve_media(request, path):
    """Uploaded files, for a local run without a web server in front (SERVE_MEDIA)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.SERVE_MEDIA:
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media)]
