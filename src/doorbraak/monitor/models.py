"""Area statistics for the dashboard sociale impact (public figures, no personal data).

An indicator carries its definition and source (as on the VNG dashboard: every figure has both);
its values are stored per area and period. Figures are loaded by ``load_monitor_data`` from the
files in ``data/`` and are precomputed for Nederland and the stedelijke vernieuwingsgebieden, so
a page only reads.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


class IndicatorKind(models.TextChoices):
    #: One value per area for a reference date (CBS Kerncijfers wijken en buurten).
    YEARLY = "jaar", _("Yearly figure")
    #: One value per gemeente and ISO week (RIVM).
    WEEKLY = "week", _("Weekly series")


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    definition = models.TextField(_("definition"), help_text=_("What is counted, and how."))
    unit = models.CharField(_("unit"), max_length=80)
    decimals = models.PositiveSmallIntegerField(
        _("decimals"), default=0, help_text=_("Decimals shown on the pages.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=IndicatorKind.choices)
    period = models.CharField(
        _("period"), max_length=60, help_text=_("Reference date or period of the figures.")
    )
    source = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("source URL"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.title


class AreaType(models.TextChoices):
    LAND = "land", _("Country")
    GEMEENTE = "gemeente", _("Municipality")
    WIJK = "wijk", _("District (wijk)")
    BUURT = "buurt", _("Neighbourhood (buurt)")
    GEBIED = "gebied", _("Urban renewal area")


class AreaValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    area_type = models.CharField(_("area type"), max_length=10, choices=AreaType.choices)
    area_code = models.CharField(
        _("area code"),
        max_length=60,
        help_text=_("CBS code (NL01, GMxxxx, WKxxxxxx) or the slug of an urban renewal area."),
    )
    period = models.CharField(
        _("period"), max_length=10, help_text=_("Year (2024) or ISO week (2021-W05).")
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_type", "area_code", "period"],
                name="monitor_one_value_per_area_and_period",
            )
        ]
        indexes = [
            # A gemeente page: all values of one area.
            models.Index(fields=["area_type", "area_code"], name="monitor_value_area"),
            # An indicator page and the map: one indicator, all gemeenten, one period.
            models.Index(fields=["indicator", "area_type", "period"], name="monitor_value_ind"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.area_code} {self.period}: {self.value}"


class AreaStatus(models.TextChoices):
    PUBLISHED = "published", _("Published composition")
    INFERRED = "inferred", _("Inferred composition (provisional)")
    UNRESOLVED = "unresolved", _("Composition unknown (provisional)")


class Area(models.Model):
    """A stedelijk vernieuwingsgebied: a named set of CBS wijk codes of one year in one gemeente."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    gemeente_code = models.CharField(_("CBS municipality code"), max_length=6, db_index=True)
    cbs_year = models.PositiveSmallIntegerField(
        _("CBS year"), help_text=_("The year of the CBS wijk division the codes belong to.")
    )
    wijk_codes = models.JSONField(
        _("wijk codes"), default=list, blank=True, help_text=_("CBS wijk codes (WKxxxxxx).")
    )
    status = models.CharField(_("status"), max_length=12, choices=AreaStatus.choices)
    note = models.TextField(_("note"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    #: Every change (who, when, what) is kept: the functioneel beheerder edits areas on screen.
    history = HistoricalRecords(verbose_name=_("history of the area"))

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("urban renewal area")
        verbose_name_plural = _("urban renewal areas")

    def __str__(self):
        return self.name

    @property
    def provisional(self) -> bool:
        return self.status != AreaStatus.PUBLISHED


class CbsTable(models.Model):
    """A CBS open data (OData v3) table fetched by ``fetch_cbs``, with its TableInfos."""

    identifier = models.CharField(_("identifier"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=300)
    period = models.CharField(
        _("period description"), max_length=200, blank=True, help_text=_("TableInfos Period.")
    )
    summary = models.TextField(_("summary"), blank=True)
    modified = models.CharField(
        _("modified at CBS"), max_length=40, blank=True, help_text=_("TableInfos Modified.")
    )
    base_url = models.URLField(_("OData base URL"), max_length=300)
    query = models.CharField(_("query"), max_length=1000, blank=True)
    fetched_at = models.DateTimeField(_("fetched at"))
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    value_count = models.PositiveIntegerField(_("values"), default=0)

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("CBS table")
        verbose_name_plural = _("CBS tables")

    def __str__(self):
        return f"{self.identifier} {self.title}"


class CbsColumn(models.Model):
    """A Topic column of a CBS table with its DataProperties; numeric ones have an Indicator."""

    table = models.ForeignKey(
        CbsTable, on_delete=models.CASCADE, related_name="columns", verbose_name=_("table")
    )
    key = models.CharField(_("key"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    datatype = models.CharField(_("datatype"), max_length=20, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=0)
    position = models.PositiveIntegerField(_("position"), default=0)
    indicator = models.OneToOneField(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cbs_column",
        verbose_name=_("indicator"),
    )

    class Meta:
        ordering = ["table", "position"]
        verbose_name = _("CBS column")
        verbose_name_plural = _("CBS columns")
        constraints = [
            models.UniqueConstraint(fields=["table", "key"], name="monitor_cbs_one_column_per_key")
        ]

    def __str__(self):
        return f"{self.table.identifier} {self.key}"


class WijkBoundary(models.Model):
    """The simplified outline of a CBS wijk for one year of the CBS wijk- en buurtkaart.

    Loaded by ``load_wijk_boundaries`` from PDOK or from a GeoJSON file. ``geometry`` holds the
    polygons in WGS84 as ``[[[[lon, lat], ...] ring, ...] polygon, ...]`` (rings closed,
    coordinates rounded to 5 decimals, about 1 m), simplified to about 10 m.
    """

    code = models.CharField(_("CBS wijk code"), max_length=10)
    name = models.CharField(_("name"), max_length=200, blank=True)
    gemeente_code = models.CharField(_("CBS municipality code"), max_length=6)
    cbs_year = models.PositiveSmallIntegerField(_("CBS year"))
    geometry = models.JSONField(_("geometry"), default=list)
    source = models.CharField(_("source"), max_length=300, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"))

    class Meta:
        ordering = ["cbs_year", "code"]
        verbose_name = _("wijk boundary")
        verbose_name_plural = _("wijk boundaries")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "cbs_year"], name="monitor_one_boundary_per_wijk_and_year"
            )
        ]
        indexes = [
            models.Index(fields=["gemeente_code", "cbs_year"], name="monitor_boundary_gemeente")
        ]

    def __str__(self):
        return f"{self.code} {self.name} ({self.cbs_year})"
