import structlog

from . import tracing


class TraceContextMiddleware:
    """Start or continue a W3C trace for each request and answer with its ``traceparent``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        context = tracing.from_traceparent(request.headers.get("traceparent"))
        token = tracing.activate(context)
        structlog.contextvars.bind_contextvars(trace_id=context.trace_id)
        try:
            response = self.get_response(request)
        finally:
            tracing.deactivate(token)
            structlog.contextvars.unbind_contextvars("trace_id")
        response["traceparent"] = f"00-{context.trace_id}-{context.span_id}-01"
        return response
