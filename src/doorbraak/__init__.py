"""Doorbraak: the doorbraakaanpak and sociaal offensief as one open platform."""

__version__ = "0.1.0"
