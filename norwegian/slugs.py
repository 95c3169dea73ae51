from django.utils.text import slugify

_TRANSLITERATION = str.maketrans(
    {"æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "å": "a", "Å": "a", "ä": "a", "ö": "o"}
)


def norwegian_slugify(text):
    """slugify() that writes æ, ø and å as ae, o and a instead of dropping them."""
    return slugify((text or "").translate(_TRANSLITERATION))
