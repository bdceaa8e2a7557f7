"""MkDocs hooks for the policy site (pages generated from the policy data)."""
