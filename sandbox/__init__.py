"""Local stand-ins of FranceConnect and of the agency APIs, served over real HTTP on loopback.

They speak the real contracts so that moving the portal to the real platforms is configuration
only. This package imports nothing from the product, and the product imports nothing from it
except in tests (``sandbox.process.running_sandbox``).
"""
