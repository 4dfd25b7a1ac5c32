"""Where content goes on a template's layouts: roles, geometry and free space."""
