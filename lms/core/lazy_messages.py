"""Django's messages, with the storage made only when a request uses it.

Django's MessageMiddleware makes the message storage for every request (a
cookie signer and a session-backed store) and asks it to save on every
response. Most responses neither read nor add a message: a feed, robots.txt,
an API answer. Here the storage is made on first use, and saved only then;
everything else is Django's (bench/README.md, "Middleware floor").
"""

from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty


class LazyMessageMiddleware(MessageMiddleware):
    """MessageMiddleware whose storage is made when first read or written."""

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response  # never used: nothing to save
        return super().process_response(request, response)
