"""A module with a ``SearchBackend`` that is not a backend class."""

SearchBackend = "search.backends.database.DatabaseSearchBackend"
