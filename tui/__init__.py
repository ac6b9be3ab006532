"""newsdigest-tui: a terminal editor for weekly curated-news posts."""

__version__ = "0.1.0"
