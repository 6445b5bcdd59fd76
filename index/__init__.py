"""Index: document model → searchable chunks (BM25 + dense vectors), persisted and searched."""
