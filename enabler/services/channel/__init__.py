"""The team channel: storage the team already has (a folder, WebDAV) carrying signed library
releases down to reps and signed field-report batches up to marketing."""
