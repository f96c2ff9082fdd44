"""Drafting a plan's targets from its text (`ptarget extract`, SPEC 5 and 5.1).

clean.py repairs the raw text, read.py reads files, rules.py finds candidate targets,
draft.py turns them into the JSON and plan-file drafts.
"""
