"""Reporters: turn assessments and findings into text, tables, JSON or annotations."""
