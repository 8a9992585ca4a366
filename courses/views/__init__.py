"""Member-facing pages of the cohort that are not Wagtail pages (one module per area)."""
