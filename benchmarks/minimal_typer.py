"""The start-up floor: a minimal typer app with one command that reads two files."""

from pathlib import Path

import typer

app = typer.Typer()


@app.command()
def score(spec: str, actuals: str) -> None:
    """Read two files and say how long they are."""
    print(len(Path(spec).read_text("utf-8")), len(Path(actuals).read_text("utf-8")))


if __name__ == "__main__":
    app()
