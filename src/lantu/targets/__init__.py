"""Target phrases, time nodes and progress maths: pure Python, no Django."""
