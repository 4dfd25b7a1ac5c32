"""DeckPlan → .pptx: templating, smart layouts, provenance."""
