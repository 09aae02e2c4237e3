"""W3C Trace Context for the processing log: one trace per request, one span per record."""

import contextvars
import re
import secrets
from dataclasses import dataclass

TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")


@dataclass(frozen=True)
class TraceContext:
    trace_id: str
    span_id: str  # the span of the request; records are its children


_current: contextvars.ContextVar[TraceContext | None] = contextvars.ContextVar(
    "doorbraak_trace", default=None
)


def new_trace_id() -> str:
    return secrets.token_hex(16)


def new_span_id() -> str:
    return secrets.token_hex(8)


def new_span_ids(count: int) -> list[str]:
    """``count`` span ids from one read of the system's randomness (bulk logging)."""
    text = secrets.token_hex(8 * count)
    return [text[i : i + 16] for i in range(0, 16 * count, 16)]


def from_traceparent(header: str | None) -> TraceContext:
    """Continue the caller's trace when it sent a valid ``traceparent``; else start one."""
    match = TRACEPARENT.match((header or "").strip().lower())
    if match and match.group(1) != "0" * 32 and match.group(2) != "0" * 16:
        return TraceContext(trace_id=match.group(1), span_id=new_span_id())
    return TraceContext(trace_id=new_trace_id(), span_id=new_span_id())


def current() -> TraceContext:
    context = _current.get()
    if context is None:
        # Outside a request (a task, a command): one trace per call site.
        context = TraceContext(trace_id=new_trace_id(), span_id=new_span_id())
    return context


def activate(context: TraceContext):
    return _current.set(context)


def deactivate(token) -> None:
    _current.reset(token)
