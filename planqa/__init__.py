"""planqa: search and question answering over Hai Phong's programme 20-CTr/TU and related resolutions."""

__version__ = "0.1.0"
