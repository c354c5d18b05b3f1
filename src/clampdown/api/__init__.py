"""The query server: a read-only REST API over the store, the dashboard, feeds and webhooks.

`create_app(url)` builds the FastAPI application; `clampdown serve` runs it under uvicorn.
"""
