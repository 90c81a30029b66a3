"""The domain's vocabulary, each concept declared once: roles, stances, alliances and the
channels with their levels. The schema, the model, analysis, the dashboard and the docs all read
these registries, so adding a stance or an aid kind is a change to one file."""
