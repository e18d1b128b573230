"""Linking documents: recurring mechanisms, anchored deadlines, commitment status."""
