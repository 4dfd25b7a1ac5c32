"""Slides generated from prospect data: opening, ROI, objections, worksheets, closing."""
