from django.urls import path, re_path

from api import views
from api.v1 import api

app_name = "api-docs"

# The documentation page, in every language (careersite/urls.py puts it in i18n_patterns).
urlpatterns = [path("", views.api_docs, name="docs")]

# The API itself, without a language prefix: its data is not translated.
v1_patterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<path>.*)$", views.not_found),
]
