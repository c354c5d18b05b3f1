"""The pipeline on Apache Spark: the same extraction and linking, spread over a cluster.

One machine reads a few hundred documents a second; a month of Common Crawl News holds
millions. This package runs the single-machine code unchanged inside Spark tasks (the
knowledge base is loaded once per executor process) and writes Parquet tables of
documents, events and cases that `clampdown spark-load` puts into the store.

Importing it needs no Spark: `pyspark` is imported only by the modules that drive a job,
so the Parquet loader works where only `pyarrow` is installed.
"""
