"""Renderers: a Scorecard in, text or bytes out. Only this layer imports rich."""
