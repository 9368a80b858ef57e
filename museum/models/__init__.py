from .collection import (
    ArtifactImage,
    ArtifactPage,
    CollectionIndexPage,
    ObjectType,
    RightsStatement,
)
from .halls import ExhibitPage, HallPage, MuseumPage
from .merchants import (
    MerchantBusinessLocation,
    MerchantHistoryPage,
    MerchantIndexPage,
    MerchantLifeEvent,
)
from .timeline import TimelineMilestone, TimelinePage

__all__ = [
    "ArtifactImage",
    "ArtifactPage",
    "CollectionIndexPage",
    "ExhibitPage",
    "HallPage",
    "MerchantBusinessLocation",
    "MerchantHistoryPage",
    "MerchantIndexPage",
    "MerchantLifeEvent",
    "MuseumPage",
    "ObjectType",
    "RightsStatement",
    "TimelineMilestone",
    "TimelinePage",
]
