"""The questions a user asks, one module each: a Dataset (and options) in, a result object out.

views (summary, infrastructure, funding, convert-units), figures (facts, show), sources (sources, cite, timeline),
compare, trend, page (everything the report shows), pairings (every program side by side);
common holds what several share. No printing, no Typer, no files.
"""
