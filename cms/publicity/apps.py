from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "cms.publicity"
    label = "publicity"
    verbose_name = "宣传"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from .models import ReviewSettings
        from .review import log_urgent_publish

        page_published.connect(log_urgent_publish, dispatch_uid="publicity_urgent_publish")
        post_save.connect(
            _settings_changed, sender=ReviewSettings, dispatch_uid="publicity_review_chain"
        )


def _settings_changed(sender, instance, created=False, **kwargs):
    """A site administrator chose another review chain: news and campaigns use it from now on.

    Reading the setting for a site that has none creates its row with the default chain, the
    one ``setup_roles`` assigned: nothing changes then (and a page being rendered, which
    reads the setting, does not reassign workflows).
    """
    from .review import assign_review_workflows

    if created and instance.chain == sender._meta.get_field("chain").default:
        return
    assign_review_workflows()
