"""The baseline for start-up: a bare Typer app with one command and one argument."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    print(f"Hello {name}")


if __name__ == "__main__":
    app()
