# No models or routes of its own: see __manifest__.py.
