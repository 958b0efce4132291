"""The LTI tool's doors, by concern: login and launch, the landing pages and
the hand-off, deep linking, our JWKS, dynamic registration and the demo
platform. Thin: validation and services do the work. The names are imported
here so that URLconfs and commands keep one place to find them."""

from .deep_linking import deep_link
from .demo import demo_platform, demo_platform_auth
from .jwks import jwks, site_base_url, tool_urls
from .landing import handoff, resource, resource_bind
from .launch import launch, login_initiate
from .registration import dynamic_register

__all__ = [
    "deep_link",
    "demo_platform",
    "demo_platform_auth",
    "dynamic_register",
    "handoff",
    "jwks",
    "launch",
    "login_initiate",
    "resource",
    "resource_bind",
    "site_base_url",
    "tool_urls",
]
