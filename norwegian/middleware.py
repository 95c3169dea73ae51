from django.middleware.locale import LocaleMiddleware


class AddressLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without `Vary: Accept-Language`.

    Here the address alone decides the language (careersite/urls.py): /nn/… and /en/… by their
    prefix, every other address bokmål whatever the browser asks for. Django still adds the
    header to unprefixed addresses, which would make a cache or CDN keep a copy per browser
    language of pages that are the same for all.
    """

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if "Vary" in response.headers:
            kept = [
                value.strip()
                for value in response.headers["Vary"].split(",")
                if value.strip() and value.strip().lower() != "accept-language"
            ]
            if kept:
                response.headers["Vary"] = ", ".join(kept)
            else:
                del response.headers["Vary"]
        return response
