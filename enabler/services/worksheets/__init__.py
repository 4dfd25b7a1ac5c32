"""Decision worksheets: criteria checklists and mutual action plans."""
