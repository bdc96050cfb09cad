"""Podcasts: Apple's directory (iTunes Search API) to find shows, their RSS feeds for episodes."""

from influent.sources.podcasts.client import ITunesClient, PodcastShow, show_from_result

__all__ = ["ITunesClient", "PodcastShow", "show_from_result"]
