"""The named-entity recognizer: features, the CRF model, coreference and linking."""
