"""The data layer: the dataset's schema (models), reading and checking it (load, checks), upgrading old schemas
(migrate), units, the vocabularies, and where the shipped programs live (programs). Imports nothing above it.
"""
