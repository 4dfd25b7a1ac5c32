"""Business cases: inputs, discounted cash flow, IRR, scenarios and sensitivity (pure)."""
