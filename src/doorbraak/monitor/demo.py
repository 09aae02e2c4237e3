"""Demo data of the monitor: a small synthetic population for the stapeling pages.

Only the wijken of the demo gemeenten (the manifest gemeenten), a tenth of their real
residents, in two periods so the pages show a change: a few seconds on two cores.
"""

from pathlib import Path

from django.conf import settings

from .stapeling import synth

DEMO_SHARE = 10  # one synthetic person per ten residents
DEMO_PERIODS = (2023, 2024)


def demo_gemeenten() -> set[str]:
    from doorbraak.core.demo import MANIFEST_GEMEENTEN

    return {entry[0] for entry in MANIFEST_GEMEENTEN}


def load_demo_stapeling(path: Path | str | None = None, *, force: bool = False):
    """Write the demo population to ``settings.STAPELING_PARQUET`` (unless it exists)."""
    path = Path(path or settings.STAPELING_PARQUET)
    if path.exists() and not force:
        return None
    wanted = demo_gemeenten()
    wijken = [w for w in synth.load_wijken() if w.gemeente_code in wanted]
    persons = sum(w.inwoners for w in wijken) // DEMO_SHARE
    return synth.generate(path, persons, periods=DEMO_PERIODS, wijken=wijken)
