"""Reading responses in tests, streamed or not."""


def response_body(response) -> bytes:
    """The whole body; a streamed response is read once and kept for rereading.

    Read it inside `django_assert_num_queries` when a streamed export's queries
    are counted: its rows are fetched while it streams.
    """
    if not response.streaming:
        return response.content
    body = b"".join(response.streaming_content)
    response.streaming_content = [body]
    return body
