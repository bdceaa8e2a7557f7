"""Data upkeep: ``holidays`` regenerates guantong/data/calendar.toml (the working-day calendar) from the
chinese-calendar package."""
