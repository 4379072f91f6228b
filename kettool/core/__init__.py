"""The core: models, the strict loader and queries; imports neither typer nor rich."""
