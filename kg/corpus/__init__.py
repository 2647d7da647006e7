"""The project's annotated news corpus: authoring format, build and validation."""
