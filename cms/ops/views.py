from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import run_checks


@never_cache
@require_GET
def health(request):
    """200 when every check passes, else 503; for load balancers and monitoring."""
    results = run_checks()
    healthy = not any(results.values())
    body = {
        "status": "ok" if healthy else "error",
        "checks": {name: reason or "ok" for name, reason in results.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
