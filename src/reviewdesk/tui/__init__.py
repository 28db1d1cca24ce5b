"""The Textual app: a view over the core. Nothing in the core imports this."""
