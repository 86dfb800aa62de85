"""Files in and out: the one safe YAML reader and writer, JSON Schemas, the cache, atomic writes."""
