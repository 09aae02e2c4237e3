"""Euro amounts as Dutch readers write them: € 12.345,67 (and € 12.345 rounded)."""

from decimal import ROUND_HALF_EVEN, Decimal


def euro(value: Decimal | int | None, cents: bool = True) -> str:
    if value is None:
        return "—"
    value = Decimal(value)
    places = Decimal("0.01") if cents else Decimal("1")
    rounded = value.quantize(places, rounding=ROUND_HALF_EVEN)
    sign = "−" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):.{2 if cents else 0}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}€ {grouped},{fraction}" if cents else f"{sign}€ {grouped}"
