"""Lets `python -m spasmguide` run the command line."""

from spasmguide.entry import run

run()
