"""Build the POST data of a Django admin change form from the page the admin rendered."""

from django.db.models.fields.files import FieldFile


def _value(bound_field):
    value = bound_field.value()
    if value is None or isinstance(value, FieldFile):
        return None
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return value


def admin_form_data(response):
    """Everything the browser would submit unchanged, main form and inlines included."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms.extend(inline.formset.forms)
    for form in forms:
        for name in form.fields:
            value = _value(form[name])
            if value is not None:
                data[form.add_prefix(name)] = value
    return data
