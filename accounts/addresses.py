from django.conf import settings


def client_ip(request):
    """The address a login came from (AXES_CLIENT_IP_CALLABLE).

    Behind TRUSTED_PROXY_COUNT reverse proxies, each of which appends the address it saw to
    X-Forwarded-For, the client is that many entries from the right; anything further left was
    written by the client and is not trusted. Without proxies it is REMOTE_ADDR.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
    ]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
