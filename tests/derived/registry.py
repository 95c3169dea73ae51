"""What the admin lets a site administrator write, read from Django's admin registry, and which
scenario test covers each write (`@pytest.mark.writes(...)` in test_admin_*.py)."""

import inspect

from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

# Apps whose models are the project's own (the pages show them or derive from them).
PROJECT_APPS = {
    "changes",
    "classifications",
    "employers",
    "occupations",
    "regions",
    "registers",
    "scheduling",
    "related",
    "search",
}

# Admin-registered models of other packages: staff accounts and login safety, and the task
# queue. No public page shows any of them.
NOT_PUBLIC = {
    "auth.group",
    "auth.user",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "django_tasks_database.dbtaskresult",
    "otp_totp.totpdevice",
}

# Writes through the admin that change nothing a public page shows, with the reason.
NO_PUBLIC_EFFECT = {
    ("changes.pendingchange", "action:apply_now"): "runs the refresh itself (tested in "
    "test_change_path.py)",
}


def _label(model):
    return model._meta.label_lower


def _editable(model_admin, request):
    """Whether the admin's form for the model has a field an administrator can change (the
    admin leaves read-only fields out of the form)."""
    if isinstance(model_admin, admin.options.InlineModelAdmin):
        form = model_admin.get_formset(request, None).form
    else:
        form = model_admin.get_form(request, None)
    readonly = set(model_admin.get_readonly_fields(request, None))
    return any(name not in readonly for name in form.base_fields)


def _inline_writes(model_admin, request):
    for inline in model_admin.get_inline_instances(request, None):
        label = _label(inline.model)
        if inline.has_add_permission(request, None):
            yield label, "add"
        if inline.has_change_permission(request, None) and _editable(inline, request):
            yield label, "change"
        if inline.has_delete_permission(request, None):
            yield label, "delete"


def admin_writes(superuser):
    """{(model label, action)} of every write the admin offers a superuser: add, change (when
    the form has an editable field), delete, each inline's, and each custom action."""
    request = RequestFactory().get("/admin/")
    request.user = superuser
    writes = set()
    for model, model_admin in admin.site._registry.items():
        label = _label(model)
        if model_admin.has_add_permission(request):
            writes.add((label, "add"))
        if model_admin.has_change_permission(request) and _editable(model_admin, request):
            writes.add((label, "change"))
        if model_admin.has_delete_permission(request):
            writes.add((label, "delete"))
        writes.update(_inline_writes(model_admin, request))
        for name in model_admin.get_actions(request):
            if name != "delete_selected":  # a delete, covered as such
                writes.add((label, f"action:{name}"))
    return writes


def project_models():
    return {
        _label(model)
        for model in apps.get_models(include_auto_created=False)
        if model._meta.app_label in PROJECT_APPS
    }


def covered_writes(*modules):
    """{(label, action): test name} from the `writes` marks of the tests in `modules`."""
    covered = {}
    for module in modules:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            for mark in getattr(function, "pytestmark", []):
                if mark.name == "writes":
                    for key in mark.args:
                        covered[key] = name
    return covered
