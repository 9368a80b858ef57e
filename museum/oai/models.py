from django.db import models
from django.utils.translation import gettext_lazy as _


class HarvestRecord(models.Model):
    """What a harvester has been or could have been told about one page.

    OAI-PMH harvesters ask "what changed since" a date, deletions included
    (``deletedRecord=persistent``), so a page that leaves the public (unpublished, deleted,
    restricted) must stay listed as deleted, with the date it left. The page itself may be
    gone, hence a plain id rather than a foreign key.
    """

    page_id = models.PositiveIntegerField(_("页面编号"), unique=True)
    datestamp = models.DateTimeField(_("变更时间"), db_index=True)
    deleted = models.BooleanField(_("已撤下"), default=False)
    # Set specs, space-separated and space-padded (" type type:artifact hall hall:12 "), so
    # that "records in set S" is one portable `contains` filter on SQLite and PostgreSQL.
    sets = models.TextField(_("所属集合"), default=" ")

    class Meta:
        verbose_name = _("收割记录")
        verbose_name_plural = _("收割记录")
        indexes = [models.Index(fields=["datestamp", "page_id"])]

    def __str__(self):
        return f"{self.page_id} {'deleted' if self.deleted else 'live'} {self.datestamp:%Y-%m-%d}"

    @property
    def set_specs(self):
        return self.sets.split()
