# The two commands a new machine needs (see README).
.PHONY: demo test

demo:
	./scripts/setup.sh
	.venv/bin/paperdive episode --sample --format brief --minutes 4

test:
	./scripts/setup.sh test
	.venv/bin/ruff check src tests bench
	.venv/bin/ruff format --check src tests bench
	.venv/bin/mypy
	.venv/bin/python -m pytest
