"""Backend modules that exist only to be named in ``SEARCH_BACKENDS`` by
test_backends_config.py: proof that a new backend needs no edit in search/backends."""
