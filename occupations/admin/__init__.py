"""The occupations admin, one module per concern; importing them registers the admins."""

from occupations.admin import occupation, reference

__all__ = ["occupation", "reference"]
