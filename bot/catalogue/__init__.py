"""The catalogue of offers: offers.yaml's schema, loading and reloading."""
