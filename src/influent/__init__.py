"""Influent: self-hosted influencer marketing."""
