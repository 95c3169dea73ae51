"""{% salary_chart table rows as chart %} and {% graduates_chart outcomes as chart %}."""

from django import template

from occupations import charts

register = template.Library()


@register.simple_tag
def salary_chart(table, rows):
    return charts.salary_chart(table, rows)


@register.simple_tag
def graduates_chart(outcomes):
    return charts.graduates_chart(outcomes)
