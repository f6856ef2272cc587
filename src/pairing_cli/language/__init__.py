"""The output's language, for people and scripts alike: its words in English and Chinese (words.py, one catalogue)
and numbers as people read them (numbers.py). No format, no terminal: render/ and documents.py both speak through it.
"""
