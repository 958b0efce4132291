"""A registry of personal-data providers for the data export.

Accounts sits at the bottom of the layers, so it cannot know what later apps
hold about a person. Each app that stores personal data registers a provider
in its `AppConfig.ready()`; the export calls every provider.
"""

from collections.abc import Callable
from typing import Any

PersonalDataProvider = Callable[[Any], Any]

_providers: dict[str, PersonalDataProvider] = {}


def personal_data_provider_register(key: str, provider: PersonalDataProvider) -> None:
    """Add a section named `key` to every user's personal-data export."""
    _providers[key] = provider


def personal_data_providers() -> dict[str, PersonalDataProvider]:
    return dict(_providers)
