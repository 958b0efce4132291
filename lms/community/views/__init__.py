"""Community views, split by job: parse, call one service, answer."""
