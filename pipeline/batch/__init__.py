"""Batch runs: the runner, its manifest and writers, progress, and the engines that process documents."""
