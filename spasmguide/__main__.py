"""Lets `python -m spasmguide` run the command line."""

from spasmguide.cli import run

run()
