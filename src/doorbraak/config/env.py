"""Every setting that comes from the environment is read here, with its meaning.

``config("NAME", default=..., help_text=...)`` reads one variable and records it, so
``doorbraak list_settings`` (and the README) can list every setting with its default and
meaning. Nothing else in the project reads ``os.environ`` for configuration.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_MISSING = object()


@dataclass(frozen=True)
class EnvSetting:
    name: str
    default: Any
    help_text: str
    group: str


REGISTRY: dict[str, EnvSetting] = {}


def _to_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on", "ja"}:
        return True
    if lowered in {"0", "false", "no", "off", "nee", ""}:
        return False
    raise ValueError(f"not a boolean: {value!r}")


def _to_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def config(
    name: str,
    default: Any = _MISSING,
    *,
    help_text: str,
    group: str = "general",
    cast: Callable[[str], Any] | None = None,
) -> Any:
    """Read ``name`` from the environment, cast it to the type of ``default``.

    A setting without a default is required: reading it when it is unset raises
    ``ImproperlyConfigured`` with the help text, so the operator knows what to set.
    """
    REGISTRY[name] = EnvSetting(
        name=name,
        default=None if default is _MISSING else default,
        help_text=help_text,
        group=group,
    )
    raw = os.environ.get(name)
    if raw is None:
        if default is _MISSING:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(f"Set the environment variable {name}: {help_text}")
        return default
    if cast is not None:
        return cast(raw)
    if isinstance(default, bool):
        return _to_bool(raw)
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, list):
        return _to_list(raw)
    return raw
