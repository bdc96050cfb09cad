"""Spreadsheets in and out: the marketer's existing creator list."""
