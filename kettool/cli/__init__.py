"""The command line: parse, query, render, write."""
