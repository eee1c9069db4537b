"""The git pre-push hook: installing it, and judging every ref a push sends."""
