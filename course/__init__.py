"""Course tooling."""
