"""Pure rules: metrics, parsing, tiers. No I/O."""
