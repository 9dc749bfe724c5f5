"""``threatnews schema``: the JSON Schema of a record, from the pydantic models."""

import json

import typer

from pipeline.cli._app import app


@app.command("schema")
def schema_cli(errors: bool = typer.Option(False, help="Print the error record's schema instead.")) -> None:
    """Print the JSON Schema of the article record (or, with --errors, of the error record)."""
    from models import ArticleRecord, ErrorRecord

    model = ErrorRecord if errors else ArticleRecord
    typer.echo(json.dumps(model.model_json_schema(), indent=2))
