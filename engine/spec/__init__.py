"""The spec language: YAML text with positions in, a frozen, compiled Spec out.

load (YAML -> data + positions) -> schema (JSON Schema gate, located errors)
-> compile (formulas and methods -> callables, once per spec) -> model (frozen data).
Also the formula language, the built-in methods, ``--set`` paths and the method catalogue.
"""
