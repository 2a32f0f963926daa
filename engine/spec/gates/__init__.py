"""fastjsonschema's validators of the shipped schemas, generated ahead of time (one
module per schema; see :mod:`engine.spec.schemagate`). Generated: do not edit."""
