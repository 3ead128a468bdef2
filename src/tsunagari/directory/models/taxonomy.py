import uuid

from django.db import models


class Taxonomy(models.Model):
    """A vocabulary: needs, audiences, channels, attributes, service types (DESIGN.md §4)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = models.CharField(max_length=255)
    description = models.TextField()
    uri = models.CharField(max_length=500, blank=True)
    version = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "分類体系"
        verbose_name_plural = "分類体系"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    code = models.CharField(max_length=120, blank=True, db_index=True)
    name = models.CharField(max_length=255)
    name_en = models.CharField("English name", max_length=255, blank=True)
    description = models.TextField()
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    # HSDS carries both a free-text taxonomy name and a link to the taxonomy object.
    taxonomy_label = models.CharField("taxonomy", max_length=255, blank=True)
    taxonomy = models.ForeignKey(
        Taxonomy, null=True, blank=True, on_delete=models.PROTECT, related_name="terms"
    )
    language = models.CharField(max_length=20, blank=True)
    term_uri = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["taxonomy_label", "code"]
        verbose_name = "分類語"
        verbose_name_plural = "分類語"

    def __str__(self) -> str:
        return self.name


class Attribute(models.Model):
    """Links a taxonomy term to any HSDS object (``link_entity`` names the table)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    link_id = models.UUIDField()
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes"
    )
    link_type = models.CharField(max_length=120, blank=True)
    link_entity = models.CharField(max_length=60)
    value = models.TextField(blank=True)
    label = models.CharField(max_length=255, blank=True)
    # Japan profile: a term derived by rule rather than stated by the publisher.
    inferred = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["link_id", "link_entity"], name="attribute_link_idx")]
        verbose_name = "属性"
        verbose_name_plural = "属性"

    def __str__(self) -> str:
        return f"{self.link_entity}:{self.link_id} → {self.taxonomy_term_id}"


class Metadata(models.Model):
    """HSDS change metadata for a resource (kept when imported, exported as given)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    resource_id = models.UUIDField(db_index=True)
    resource_type = models.CharField(max_length=60)
    last_action_date = models.DateField()
    last_action_type = models.CharField(max_length=60)
    field_name = models.CharField(max_length=120)
    previous_value = models.TextField()
    replacement_value = models.TextField()
    updated_by = models.CharField(max_length=255)

    class Meta:
        verbose_name = "メタデータ"
        verbose_name_plural = "メタデータ"

    def __str__(self) -> str:
        return f"{self.resource_type}:{self.resource_id} {self.field_name}"
