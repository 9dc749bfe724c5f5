"""The NLP stage: spaCy plus our registered components, and the record built from the annotated Doc."""
