"""The maatschappelijke rekensom of a plan, and the versioned unit-cost catalogue it draws on."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import engine


class Payer(models.TextChoices):
    GEMEENTE_PARTICIPATIEWET = "gemeente_participatiewet", _("Gemeente – Participatiewet")
    GEMEENTE_WMO = "gemeente_wmo", _("Gemeente – Wmo")
    GEMEENTE_JEUGDWET = "gemeente_jeugdwet", _("Gemeente – Jeugdwet")
    GEMEENTE_SCHULDHULP = "gemeente_schuldhulp", _("Gemeente – schuldhulpverlening")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("Zorgverzekeraar – Zvw")
    WLZ = "wlz", _("Wlz (zorgkantoor)")
    UWV = "uwv", _("UWV")
    SVB = "svb", _("SVB")
    TOESLAGEN = "toeslagen", _("Belastingdienst/Toeslagen")
    DUO = "duo", _("DUO")
    JUSTITIE = "justitie", _("CJIB/justitie")
    POLITIE = "politie", _("Politie")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    ENERGIE_WATER = "energie_water", _("Energie/water")
    HUISHOUDEN = "huishouden", _("Household")
    OVERIG = "overig", _("Other")


assert tuple(Payer.values) == engine.PAYERS, "the engine and the model list the same payers"


class Unit(models.TextChoices):
    YEAR = engine.YEAR_UNIT, _("per year")
    MONTH = engine.MONTH_UNIT, _("per month")
    DAY = engine.DAY_UNIT, _("per day")
    EVENT = engine.EVENT_UNIT, _("per event")


class Granularity(models.TextChoices):
    MONTH = engine.MONTH, _("months")
    QUARTER = engine.QUARTER, _("quarters")


class Scenario(models.TextChoices):
    ZONDER = engine.ZONDER, _("Without doorbraak")
    MET = engine.MET, _("With doorbraak")


class Catalogue(models.Model):
    """One published version of the unit-cost catalogue. Versions are never changed."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    price_year = models.PositiveSmallIntegerField(
        _("price year"), help_text=_("The year whose prices a rekensom is expressed in.")
    )
    published_on = models.DateField(_("published on"))
    notes = models.TextField(_("notes"), blank=True)
    is_current = models.BooleanField(
        _("current"), default=False, help_text=_("New rekensommen use the current version.")
    )
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("unit-cost catalogue")
        verbose_name_plural = _("unit-cost catalogues")
        ordering = ["-published_on", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_catalogue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.version}"


class CatalogueItem(models.Model):
    catalogue = models.ForeignKey(
        Catalogue, on_delete=models.PROTECT, related_name="items", verbose_name=_("catalogue")
    )
    code = models.SlugField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    unit_label = models.CharField(
        _("unit as shown"), max_length=80, help_text=_("For example: per nacht, per traject.")
    )
    amount = models.DecimalField(_("amount (euro)"), max_digits=12, decimal_places=2)
    price_year = models.PositiveSmallIntegerField(
        _("price year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    payer = models.CharField(_("payer"), max_length=30, choices=Payer.choices)
    indicatief = models.BooleanField(
        _("indicative"),
        default=False,
        help_text=_("No firm public source: an estimate, to be replaced by a local figure."),
    )
    uncertainty = models.DecimalField(
        _("uncertainty"),
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Relative range used for the low and high estimate, e.g. 0.25 = ±25 %."),
    )
    special_category = models.BooleanField(
        _("special category"),
        default=False,
        help_text=_("The item reveals health or justice data (AVG art. 9/10) about the household."),
    )
    source_title = models.CharField(_("source"), max_length=400)
    source_publisher = models.CharField(_("publisher"), max_length=200)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    source_date = models.CharField(_("source date"), max_length=10, blank=True)
    derivation = models.CharField(_("derivation"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")
        ordering = ["catalogue", "payer", "name"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="catalogue_item_code")
        ]

    def __str__(self) -> str:
        return self.name


class LocalAmount(models.Model):
    """A gemeente's own amount for a catalogue item, with its own source; used in its plans."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="local_amounts",
        verbose_name=_("organisation"),
    )
    code = models.SlugField(
        _("item code"), max_length=80, help_text=_("Holds across catalogue versions.")
    )
    amount = models.DecimalField(
        _("amount (euro)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    price_year = models.PositiveSmallIntegerField(
        _("price year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    source_title = models.CharField(
        _("source"), max_length=400, help_text=_("Where the amount comes from.")
    )
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("local amount")
        verbose_name_plural = _("local amounts")
        ordering = ["organisation", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="local_amount_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.amount}"


class PriceIndex(models.Model):
    """CBS consumer price index (2015=100) per year, to bring amounts to one price year."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    value = models.DecimalField(_("index"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("price index")
        verbose_name_plural = _("price indices")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class Rekensom(models.Model):
    """A plan's rekensom: the horizon and the catalogue version it was made with."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    plan = models.OneToOneField(
        "plans.Plan", on_delete=models.CASCADE, related_name="rekensom", verbose_name=_("plan")
    )
    catalogue = models.ForeignKey(
        Catalogue,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("catalogue version"),
    )
    years = models.PositiveSmallIntegerField(
        _("horizon (years)"),
        default=3,
        validators=[MinValueValidator(engine.MIN_YEARS), MaxValueValidator(engine.MAX_YEARS)],
    )
    granularity = models.CharField(
        _("periods"), max_length=10, choices=Granularity.choices, default=Granularity.MONTH
    )
    discount_rate = models.DecimalField(
        _("discount rate"),
        max_digits=5,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(Decimal("0.2"))],
        help_text=_("Per year, e.g. 0.0225 for 2.25 %. 0 gives nominal sums."),
    )
    price_year = models.PositiveSmallIntegerField(_("price year"))
    starts_on = models.DateField(
        _("starts on"), help_text=_("The first day of period 1 (the month the plan starts).")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # The last computed figures, for the programme monitor (recomputed on every save).
    zonder_total = models.DecimalField(
        _("without doorbraak"), max_digits=14, decimal_places=2, default=0
    )
    met_total = models.DecimalField(_("with doorbraak"), max_digits=14, decimal_places=2, default=0)
    net_benefit = models.DecimalField(
        _("net societal benefit"), max_digits=14, decimal_places=2, default=0
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("maatschappelijke rekensom")
        verbose_name_plural = _("maatschappelijke rekensommen")

    def __str__(self) -> str:
        return f"Rekensom {self.plan}"

    @property
    def periods(self) -> int:
        return self.years * engine.PERIODS_PER_YEAR[self.granularity]


class RekensomLine(models.Model):
    rekensom = models.ForeignKey(
        Rekensom, on_delete=models.CASCADE, related_name="lines", verbose_name=_("rekensom")
    )
    scenario = models.CharField(_("scenario"), max_length=10, choices=Scenario.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    item = models.ForeignKey(
        CatalogueItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("cost item")
    )
    # The amount used: the catalogue's, or the gemeente's own when it set one.
    amount = models.DecimalField(_("amount (euro)"), max_digits=12, decimal_places=2)
    price_year = models.PositiveSmallIntegerField(_("price year"))
    local = models.BooleanField(_("local amount"), default=False)
    quantity = models.DecimalField(
        _("quantity per period"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    first_period = models.PositiveSmallIntegerField(_("from period"))
    last_period = models.PositiveSmallIntegerField(_("to period"))
    probability = models.DecimalField(
        _("probability"),
        max_digits=4,
        decimal_places=3,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    payer = models.CharField(
        _("payer (other than the catalogue)"), max_length=30, choices=Payer.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["rekensom", "scenario", "position", "id"]

    def __str__(self) -> str:
        return f"{self.get_scenario_display()}: {self.item}"

    @property
    def effective_payer(self) -> str:
        return self.payer or self.item.payer


class RekensomTotal(models.Model):
    """A rekensom's totals per payer and calendar year: what the programme monitor sums."""

    rekensom = models.ForeignKey(
        Rekensom, on_delete=models.CASCADE, related_name="totals", verbose_name=_("rekensom")
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    payer = models.CharField(_("payer"), max_length=30, choices=Payer.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    zonder = models.DecimalField(_("without doorbraak"), max_digits=14, decimal_places=2)
    met = models.DecimalField(_("with doorbraak"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("rekensom total")
        verbose_name_plural = _("rekensom totals")
        indexes = [
            models.Index(fields=["organisation", "year", "payer"], name="rekensom_total_idx")
        ]

    def __str__(self) -> str:
        return f"{self.payer} {self.year}"
