from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: health check, request log and the headers Django does not send."""

    name = "operations"
    verbose_name = "Drift"
